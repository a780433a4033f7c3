"""Escaping article text for Markdown so that it renders exactly as written.

The escaper works on one line of text and returns, for each character that needs it, what
to write instead. Every replacement is either a backslash before an ASCII punctuation
character (valid CommonMark, so the character is shown literally) or a numeric character
reference (for leading and trailing white space, which Markdown would strip).

What is escaped, and why:

* everywhere: ``\\`` ````` ``*`` ``_`` ``[`` ``]`` ``<`` ``|`` ``~`` ``$`` ``^`` (escapes,
  code, emphasis, links, HTML and autolinks, tables and wikilink aliases, strikethrough,
  math, Obsidian block ids and superscript);
* ``#`` at the start or after white space (headings, heading closing sequences, Obsidian
  tags); ``&`` when it starts a character reference such as ``&amp;``; ``!`` before a
  link; ``==`` and ``%%`` (Obsidian highlights and comments);
* at the start of a line: ``>``, ``-``, ``+``, ``=``, ``:`` and the ``.``/``)`` of
  ``1.``-style list markers (block quotes, lists, thematic breaks);
* URLs that GitHub-flavoured Markdown would turn into links: the ``:`` of ``scheme://``,
  the ``.`` of ``www.``, the ``@`` of e-mail addresses.
"""

from __future__ import annotations

import re

#: Characters escaped wherever they occur.
ALWAYS = frozenset("\\`*_[]<|~$^")

_HASH = re.compile(r"(?:^|(?<=\s))#")
_ENTITY = re.compile(r"&(?=#[0-9]{1,8};|#[xX][0-9a-fA-F]{1,8};|[A-Za-z][A-Za-z0-9]{0,40};)")
_DOUBLED = re.compile(r"==+|%%+")
_SCHEME = re.compile(r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,31}(:)(?=//)|"
                     r"(?<![A-Za-z0-9])(?:mailto|xmpp)(:)", re.IGNORECASE)
_WWW = re.compile(r"(?<![A-Za-z0-9])www(\.)", re.IGNORECASE)
_EMAIL = re.compile(r"(?<=[A-Za-z0-9._+-])(@)(?=[A-Za-z0-9_-]+\.)")
_LINE_START = re.compile(r"[>\-+=:]|[0-9]{1,9}([.)])")


def escapes(line: str, *, line_start: bool = True) -> dict[int, str]:
    """The replacements for the characters of ``line`` that need one, by index.

    ``line`` must not contain a newline. Joining ``escapes(line).get(i, ch)`` over the
    characters gives Markdown that renders as ``line``. With ``line_start=False`` the text
    is known to follow other text on its line (or an ATX heading marker), so list and
    block quote markers at its start need no escape.
    """
    result: dict[int, str] = {}
    for index, char in enumerate(line):
        if char in ALWAYS:
            result[index] = "\\" + char
    for pattern in (_HASH, _ENTITY, _DOUBLED):
        for match in pattern.finditer(line):
            for index in range(match.start(), match.end()):
                result[index] = "\\" + line[index]
    for pattern in (_SCHEME, _WWW, _EMAIL):
        for match in pattern.finditer(line):
            index = next(match.start(g) for g in range(1, len(match.groups()) + 1)
                         if match.start(g) >= 0)
            result[index] = "\\" + line[index]
    for index, char in enumerate(line):
        if char == "!" and line[index + 1 : index + 2] == "[":
            result[index] = "\\!"
    # Markdown strips leading and trailing white space of a block; keep it as references.
    start = 0
    while start < len(line) and line[start].isspace():
        result[start] = f"&#x{ord(line[start]):X};"
        start += 1
    end = len(line)
    while end > start and line[end - 1].isspace():
        end -= 1
        result[end] = f"&#x{ord(line[end]):X};"
    marker = _LINE_START.match(line, start) if line_start else None
    if marker:
        index = marker.start(1) if marker.lastindex else marker.start()
        result[index] = "\\" + line[index]
    return result


def escape_line(line: str, *, line_start: bool = True) -> str:
    """``line`` as Markdown inline text that renders as ``line`` (see :func:`escapes`)."""
    table = escapes(line, line_start=line_start)
    if not table:
        return line
    return "".join(table.get(i, ch) for i, ch in enumerate(line))


def escape_text(text: str) -> str:
    """Multi-line text as one Markdown block: lines are kept apart by hard line breaks."""
    return "\\\n".join(escape_line(line) for line in text.split("\n"))


def escape_title(text: str) -> str:
    """Text for a double-quoted link title (``[x](url "title")``), on one line."""
    return escape_line(" ".join(text.split()), line_start=False).replace('"', '\\"')
