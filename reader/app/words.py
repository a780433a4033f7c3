"""The words of an article and a marked run of them (mark mode: adding an entity).

Pure logic (no Textual). A word is a run of letters and digits, joined by inner hyphens,
apostrophes, dots or ampersands ("Nato-Staaten", "O'Neill", "U.S", "AT&T"), which is how
spaCy's German tokenizer splits them, so a marked run of words can become an entity-ruler
pattern that matches.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

_WORD = re.compile(r"\w+(?:[-'’.&]\w+)*")


class Words:
    """The words of ``text`` in order, as ``[start, end)`` offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        for match in _WORD.finditer(text):
            self.starts.append(match.start())
            self.ends.append(match.end())

    def __len__(self) -> int:
        return len(self.starts)

    def at(self, offset: int) -> int | None:
        """The word containing ``offset``, else the next one, else the last (None: no words)."""
        if not self.starts:
            return None
        index = bisect_right(self.starts, offset) - 1
        if index >= 0 and offset < self.ends[index]:
            return index
        return min(index + 1, len(self.starts) - 1)

    def within(self, start: int, end: int, near: int) -> int | None:
        """The word of ``[start, end)`` closest to offset ``near`` (None if there is none)."""
        found = self.covering(start, end)
        index = self.at(near)
        if found is None or index is None:
            return None
        return max(found[0], min(found[1], index))

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Text offsets of words ``first`` to ``last`` (in either order), end exclusive."""
        low, high = min(first, last), max(first, last)
        return self.starts[low], self.ends[high]

    def covering(self, start: int, end: int) -> tuple[int, int] | None:
        """(first, last) word indices of the words overlapping ``[start, end)``."""
        first = bisect_right(self.ends, start)
        last = bisect_left(self.starts, end) - 1
        if first > last:
            return None
        return first, last


@dataclass
class Mark:
    """A marked run of words: from ``anchor`` to ``cursor`` (word indices, either order).

    Moving collapses the mark to one word; extending moves only the cursor, so the run
    grows or shrinks like a text selection.
    """

    anchor: int
    cursor: int

    def move(self, words: Words, step: int, *, extend: bool = False) -> None:
        """Move the cursor ``step`` words (clamped); collapse unless ``extend``."""
        if not len(words):
            return
        self.cursor = max(0, min(len(words) - 1, self.cursor + step))
        if not extend:
            self.anchor = self.cursor

    def go(self, index: int, *, extend: bool = False) -> None:
        """Put the cursor on word ``index``; collapse unless ``extend``."""
        self.cursor = index
        if not extend:
            self.anchor = index

    def span(self, words: Words) -> tuple[int, int]:
        """The marked text's offsets."""
        return words.span(self.anchor, self.cursor)
