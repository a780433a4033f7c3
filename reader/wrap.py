"""Word-wrapping of article paragraphs into display lines that keep text offsets.

Pure logic (no Textual): the article view renders only the lines on screen, and every
line knows which slice of the canonical article text it shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.cells import cell_len

_WORD = re.compile(r"\S+\s*")


@dataclass(frozen=True, slots=True)
class Line:
    """One display line: ``text[start:end]`` of paragraph ``paragraph`` (-1: blank line)."""

    start: int
    end: int
    paragraph: int


def _width(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def wrap_paragraph(text: str, start: int, end: int, width: int, paragraph: int) -> list[Line]:
    """Wrap ``text[start:end]`` into lines of at most ``width`` cells.

    Lines break after whitespace; a word longer than the width is split. Trailing spaces
    stay on the line they follow (so the lines cover the paragraph without gaps).
    """
    width = max(width, 8)
    lines: list[Line] = []
    line_start = start
    used = 0
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        word_cells = _width(word.rstrip())
        if used and used + word_cells > width:
            lines.append(Line(line_start, match.start(), paragraph))
            line_start, used = match.start(), 0
        while word_cells > width:  # a word wider than a line: split it hard
            cut, cells = match.start() if used == 0 else line_start, 0
            pos = max(cut, line_start)
            while pos < match.end() and cells + _width(text[pos]) <= width:
                cells += _width(text[pos])
                pos += 1
            lines.append(Line(line_start, pos, paragraph))
            line_start = pos
            word = text[pos : match.end()]
            word_cells = _width(word.rstrip())
            used = 0
        used += _width(word)
    if line_start < end or not lines:
        lines.append(Line(line_start, end, paragraph))
    return lines
