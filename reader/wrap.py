"""Word-wrapping of article paragraphs into display lines that keep text offsets.

Pure logic (no Textual): the article view renders only the lines on screen, and every
line knows which slice of the canonical article text it shows.

Paragraphs made only of characters one terminal cell wide (Latin, Greek, Cyrillic text and
common punctuation: nearly every news article) take a fast path that looks only at line
ends (``str.rfind``), not at every word, so a 2 MB text wraps in a few tens of
milliseconds. Other paragraphs are wrapped word by word with cell widths.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from rich.cells import cell_len

#: Characters that are not known to be exactly one cell wide (wide CJK, emoji, combining
#: marks, zero-width and soft hyphen). Their absence allows the fast path.
_NOT_NARROW = re.compile(
    "[^\t\x20-\x7e\xa0-\xac\xae-\u02ff\u0370-\u052f\u1e00-\u1fff"
    "\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u2100-\u214f]"
)
#: A word with the blanks that follow it (breaks happen only at spaces and tabs; a
#: no-break space keeps its words together).
_WORD = re.compile(r"[^ \t]+[ \t]*|[ \t]+")
_BLANKS = " \t"


@dataclass(frozen=True, slots=True)
class Line:
    """One display line: ``text[start:end]`` of paragraph ``paragraph`` (-1: blank line)."""

    start: int
    end: int
    paragraph: int


class _Block(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def is_narrow(text: str, start: int = 0, end: int | None = None) -> bool:
    """True if every character of ``text[start:end]`` is one terminal cell wide."""
    return _NOT_NARROW.search(text, start, len(text) if end is None else end) is None


def _wrap_narrow(text: str, start: int, end: int, width: int, paragraph: int) -> list[Line]:
    lines: list[Line] = []
    pos = start
    while end - pos > width:
        limit = pos + width  # text[pos:limit] fills the line exactly
        if text[limit] in _BLANKS:  # the word before the limit fits: keep its blanks
            stop = limit
            while stop < end and text[stop] in _BLANKS:
                stop += 1
        else:  # break before the word that crosses the limit, or split it hard
            brk = max(text.rfind(" ", pos, limit), text.rfind("\t", pos, limit))
            stop = brk + 1 if brk >= pos else limit
        lines.append(Line(pos, stop, paragraph))
        pos = stop
    if pos < end or not lines:
        lines.append(Line(pos, end, paragraph))
    return lines


def _wrap_cells(text: str, start: int, end: int, width: int, paragraph: int) -> list[Line]:
    lines: list[Line] = []
    line_start = start
    used = 0
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        body = word.rstrip(_BLANKS)
        body_cells = cell_len(body)
        blank_cells = len(word) - len(body)
        if used and used + body_cells > width:
            lines.append(Line(line_start, match.start(), paragraph))
            line_start, used = match.start(), 0
        if body_cells > width:  # a word wider than a line: split it by characters
            cells = used
            for index in range(match.start(), match.start() + len(body)):
                char_cells = cell_len(text[index])
                if cells + char_cells > width and index > line_start:
                    lines.append(Line(line_start, index, paragraph))
                    line_start, cells = index, 0
                cells += char_cells
            used = cells + blank_cells
        else:
            used += body_cells + blank_cells
    if line_start < end or not lines:
        lines.append(Line(line_start, end, paragraph))
    return lines


def wrap_paragraph(text: str, start: int, end: int, width: int, paragraph: int) -> list[Line]:
    """Wrap ``text[start:end]`` into lines of at most ``width`` cells (blanks excepted).

    Lines break after spaces and tabs; a word longer than the width is split. Blanks stay
    at the end of the line they follow, so the lines cover the paragraph without gaps and
    in order; only trailing blanks may go past the width.
    """
    width = max(width, 8)
    if is_narrow(text, start, end):
        return _wrap_narrow(text, start, end, width, paragraph)
    return _wrap_cells(text, start, end, width, paragraph)


def wrap_blocks(text: str, blocks: Sequence[_Block], width: int,
                indents: Mapping[str, int] | None = None) -> list[Line]:
    """Wrap every block (paragraph) of ``text``; blocks are separated by a blank line.

    ``indents`` maps a block kind to cells reserved before its lines (a list bullet...):
    such blocks wrap that much narrower.
    """
    lines: list[Line] = []
    for index, block in enumerate(blocks):
        if index:
            lines.append(Line(block.start, block.start, -1))
        indent = indents.get(getattr(block, "kind", ""), 0) if indents else 0
        lines.extend(wrap_paragraph(text, block.start, block.end, width - indent, index))
    return lines


def cell_offset(text: str, start: int, end: int, column: int) -> int:
    """The text offset in ``text[start:end]`` shown at cell ``column`` (clamped to ``end``)."""
    if column <= 0:
        return start
    if is_narrow(text, start, end):
        return min(start + column, end)
    cells = 0
    for index in range(start, end):
        cells += cell_len(text[index])
        if cells > column:
            return index
    return end
