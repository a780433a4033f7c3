"""Split plain text, Markdown and HTML into blocks of readable text.

A block is ``(kind, text)`` with kind ``"heading"``, ``"paragraph"``, ``"list_item"``,
``"quote"`` or ``"table_row"`` (cells joined by ``" | "``); the text of a block is one line
with no newlines (soft line breaks become spaces).
"""

from __future__ import annotations

import re

Block = tuple[str, str]

_SPACES = re.compile(r"[ \t\f\v\u00a0]*\n[ \t\f\v\u00a0]*|[ \f\v]+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•‣◦]|\d{1,3}[.)])\s+")


def squash(text: str) -> str:
    """Collapse runs of blanks and single newlines into one space (tabs stay)."""
    return _SPACES.sub(" ", text).strip()


def plain_blocks(text: str) -> list[Block]:
    """Blocks of a plain-text article: paragraphs are separated by blank lines.

    Lines inside a paragraph are joined with a space (hard-wrapped text reflows), except
    lines that start a list item, which begin a new paragraph.
    """
    blocks: list[Block] = []
    for chunk in re.split(r"\n[ \t]*\n", text):
        if "\n" not in chunk:  # one line (most paragraphs of a long text): no loop
            line = chunk.strip()
            if "  " in line or "\f" in line or "\v" in line:
                line = squash(line)
            if line:
                blocks.append(("paragraph", line))
        else:
            blocks.extend(chunk_blocks(chunk))
    return blocks


def chunk_blocks(chunk: str) -> list[Block]:
    """The blocks of one paragraph of a plain text (its lines, and list items in it)."""
    blocks: list[Block] = []
    current: list[str] = []
    for line in chunk.split("\n"):
        if _LIST_ITEM.match(line) and current:
            blocks.append(("paragraph", squash(" ".join(current))))
            current = []
        if line.strip():
            current.append(line.strip())
    if current:
        blocks.append(("paragraph", squash(" ".join(current))))
    return [block for block in blocks if block[1]]


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split YAML front matter off a Markdown text: ``({key: value}, rest)``.

    The front matter is parsed with PyYAML (safe loader), so quoted and escaped values come
    back exactly as written (an exported title with quotes keeps them). Keys are lower-cased;
    scalar values become text (dates as ISO 8601); lists and mappings are left out. Front
    matter that is not valid YAML, or not a mapping, gives no fields.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    import datetime

    import yaml

    try:
        data = yaml.safe_load(match.group(1) or "")
    except (yaml.YAMLError, ValueError, RecursionError):
        data = None
    fields: dict[str, str] = {}
    for key, value in (data.items() if isinstance(data, dict) else ()):
        if isinstance(value, (datetime.date, datetime.datetime)):
            fields[str(key).lower()] = value.isoformat()
        elif isinstance(value, (str, int, float, bool)):
            fields[str(key).lower()] = str(value)
    return fields, text[match.end() :]


def markdown_blocks(text: str) -> list[Block]:
    """Blocks of a Markdown article, parsed with markdown-it (CommonMark).

    Headings and paragraphs keep their text without Markdown syntax; list items and
    block quotes become paragraphs (nested deeper than markdown-it's limit: flattened, see
    :mod:`reader.markdown_nesting`); code blocks keep their lines joined by spaces;
    YAML front matter must have been removed (see :func:`split_front_matter`).
    """
    from reader.markdown_nesting import commonmark

    tokens = commonmark().parse(text)  # deep nesting is flattened, never dropped
    blocks: list[Block] = []
    heading = False
    for token in tokens:
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "inline":
            parts: list[str] = []
            for child in token.children or []:
                if child.type in ("text", "code_inline", "html_inline"):
                    parts.append(child.content if child.type != "html_inline" else "")
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
                elif child.type == "image":
                    parts.append(child.content)
            line = squash("".join(parts))
            if line:
                blocks.append(("heading" if heading else "paragraph", line))
        elif token.type in ("fence", "code_block"):
            line = squash(token.content)
            if line:
                blocks.append(("paragraph", line))
        elif token.type == "html_block":
            blocks.extend(html_blocks(token.content)[1])
    return blocks


def html_blocks(text: str) -> tuple[str, list[Block], str]:
    """Parse HTML; return ``(title, blocks, date)`` (see :mod:`reader.formats_html`)."""
    from reader.formats_html import html_blocks as parse

    return parse(text)


def sniff_format(text: str, name: str = "") -> str:
    """Guess ``"html"``, ``"markdown"`` or ``"text"`` from a file name and the text."""
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lower.endswith((".md", ".markdown", ".mdown", ".mkd")):
        return "markdown"
    head = text.lstrip()[:512].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or (
        head.startswith("<") and re.search(r"<(body|p|div|article|h1)\b", head)
    ):
        return "html"
    return "text"
