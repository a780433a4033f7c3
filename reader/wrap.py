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
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
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


class LineTable:
    """The display lines of a text's blocks at one width, wrapped as far as needed.

    Lines are kept in three integer arrays (start, end and paragraph of each line: 12
    bytes a line, not an object). Blocks are wrapped in order: :meth:`reach` and
    :meth:`reach_offset` wrap on demand up to a line or a text offset; :meth:`step` wraps
    a little more (a front end calls it while idle) until :attr:`complete`. Until then
    :meth:`estimate` gives the likely number of lines (the scroll range), from the lines
    per character of what is wrapped. ``len()`` is the number of lines wrapped so far;
    indexing wraps on demand; iterating wraps everything.
    """

    def __init__(self, text: str, blocks: Sequence[_Block], width: int,
                 indents: Mapping[str, int] | None = None) -> None:
        self.text = text
        self.blocks = blocks
        self.width = width
        self.indents = indents or {}
        self.starts = array("i")
        self.ends = array("i")
        self.paragraphs = array("i")
        #: Blocks wrapped so far (the next one to wrap).
        self.done = 0

    @property
    def complete(self) -> bool:
        """True once every block is wrapped."""
        return self.done >= len(self.blocks)

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index: int) -> Line:
        if index < 0:
            self.finish()
            index += len(self.starts)
        if not self.reach(index):
            raise IndexError(index)
        return Line(self.starts[index], self.ends[index], self.paragraphs[index])

    def __iter__(self) -> Iterator[Line]:
        self.finish()
        for index in range(len(self.starts)):
            yield Line(self.starts[index], self.ends[index], self.paragraphs[index])

    def _wrap_next(self) -> int:
        """Wrap the next block (after its blank separator line); its length in characters."""
        index = self.done
        block = self.blocks[index]
        if index:
            self.starts.append(block.start)
            self.ends.append(block.start)
            self.paragraphs.append(-1)
        indent = self.indents.get(getattr(block, "kind", ""), 0)
        for line in wrap_paragraph(self.text, block.start, block.end, self.width - indent,
                                   index):
            self.starts.append(line.start)
            self.ends.append(line.end)
            self.paragraphs.append(index)
        self.done = index + 1
        return block.end - block.start

    def step(self, budget: int) -> bool:
        """Wrap blocks holding about ``budget`` characters; True once complete."""
        while not self.complete and budget > 0:
            budget -= self._wrap_next() + 1
        return self.complete

    def finish(self) -> None:
        """Wrap every block that is left."""
        while not self.complete:
            self._wrap_next()

    def reach(self, index: int) -> bool:
        """Wrap until line ``index`` exists; False if the text has fewer lines."""
        while len(self.starts) <= index and not self.complete:
            self._wrap_next()
        return 0 <= index < len(self.starts)

    def reach_offset(self, offset: int) -> None:
        """Wrap until the block holding text offset ``offset`` is wrapped."""
        blocks = self.blocks
        while not self.complete and blocks[self.done].start <= offset:
            self._wrap_next()

    def line_of_offset(self, offset: int) -> int:
        """Index of the display line showing text offset ``offset`` (wrapping to it)."""
        self.reach_offset(offset)
        index = max(0, bisect_right(self.starts, offset) - 1)
        # A blank separator line shares its start with the next paragraph's first line.
        while index + 1 < len(self.starts) and self.paragraphs[index] < 0:
            index += 1
        return index

    def estimate(self) -> int:
        """The number of lines: exact once complete, else estimated from what is wrapped."""
        wrapped = len(self.starts)
        if self.complete or not self.done:
            return wrapped if self.complete else max(1, len(self.text) // max(1, self.width))
        covered = self.blocks[self.done - 1].end
        left = len(self.text) - covered
        return wrapped + max(1, round(left * wrapped / max(1, covered)))
