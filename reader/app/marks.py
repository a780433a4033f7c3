"""Sorted offset ranges with bisect lookups: the mentions and find matches on screen.

Pure logic (no Textual), so the article view can ask "what is highlighted on this line?"
in O(log n) however long the document is.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from reader.analysis.model import Analysis, Entity, Mention
from reader.app.folding import find_pattern


def _offsets() -> array[int]:
    return array("i")


@dataclass(slots=True)
class Ranges:
    """Non-overlapping ``[start, end)`` ranges in text order (offsets in integer arrays: 8
    bytes a range, not two objects; a 2 MB text has some 40,000 mentions)."""

    starts: array[int] = field(default_factory=_offsets)
    ends: array[int] = field(default_factory=_offsets)

    def __len__(self) -> int:
        return len(self.starts)

    def between(self, start: int, end: int) -> range:
        """Indices of the ranges that overlap ``[start, end)``."""
        first = bisect_right(self.ends, start)
        last = bisect_left(self.starts, end)
        return range(first, max(first, last))

    def at(self, offset: int) -> int | None:
        """Index of the range containing ``offset``, if any."""
        index = bisect_right(self.starts, offset) - 1
        if index >= 0 and offset < self.ends[index]:
            return index
        return None

    def next_after(self, offset: int) -> int | None:
        """Index of the first range starting after ``offset``."""
        index = bisect_right(self.starts, offset)
        return index if index < len(self.starts) else None

    def previous_before(self, offset: int) -> int | None:
        """Index of the last range starting before ``offset``."""
        index = bisect_left(self.starts, offset) - 1
        return index if index >= 0 else None


class MentionIndex:
    """The mentions of an analysis in text order, with their entities.

    Overlapping mentions (which a recogniser should not produce) are dropped, keeping the
    earlier one.
    """

    def __init__(self, analysis: Analysis, text_length: int | None = None) -> None:
        self.analysis = analysis
        self.ranges = Ranges()
        self.mentions: list[Mention] = []
        self.entities: list[Entity] = []
        self.by_entity: dict[str, list[int]] = {}
        last_end = -1
        for mention, entity in analysis.mentions():
            if mention.start < last_end or mention.end <= mention.start:
                continue
            if text_length is not None and mention.end > text_length:
                continue
            index = len(self.mentions)
            self.ranges.starts.append(mention.start)
            self.ranges.ends.append(mention.end)
            self.mentions.append(mention)
            self.entities.append(entity)
            self.by_entity.setdefault(entity.key, []).append(index)
            last_end = mention.end

    def __len__(self) -> int:
        return len(self.mentions)

    def same_entity(self, index: int, step: int) -> int:
        """The next (``step`` = 1) or previous (-1) mention of mention ``index``'s entity."""
        siblings = self.by_entity[self.entities[index].key]
        position = bisect_left(siblings, index)
        return siblings[(position + step) % len(siblings)]

    def first_of(self, key: str) -> int | None:
        """Index of the first mention of entity ``key``."""
        indices = self.by_entity.get(key)
        return indices[0] if indices else None


#: Characters searched at a time by :func:`find_all` (between two looks at ``cancelled``).
FIND_WINDOW = 262_144


class FindCancelled(Exception):
    """:func:`find_all` was told to stop (a newer query replaced its own)."""


def find_all(text: str, query: str, limit: int = 100_000,
             cancelled: Callable[[], bool] | None = None) -> Ranges:
    """Matches of ``query`` in ``text`` (at most ``limit``), folding case and German
    spelling (``ss``/``ß``, ``ae``/``ä``...; see :mod:`reader.app.folding`).

    The text is searched a window at a time (a window reaches far enough past its end for
    any match starting in it, so the matches are those of one search of the whole);
    ``cancelled`` is asked between windows: a True answer raises :class:`FindCancelled`.
    """
    ranges = Ranges()
    pattern = find_pattern(query)
    if pattern is None:
        return ranges
    reach = 2 * len(query) + 8  # longer than any match: each unit matches 1-2 characters
    position = 0
    while position < len(text):
        if cancelled is not None and cancelled():
            raise FindCancelled(query)
        window_end = position + FIND_WINDOW
        for match in pattern.finditer(text, position, window_end + reach):
            if match.start() >= window_end:
                break
            position = match.end()
            if match.end() == match.start():
                continue
            ranges.starts.append(match.start())
            ranges.ends.append(match.end())
            if len(ranges.starts) >= limit:
                return ranges
        position = max(position, window_end)
    return ranges


def excerpt(text: str, start: int, end: int, context: int = 30) -> tuple[str, int, int]:
    """A one-line excerpt around ``text[start:end]`` and the mention's offsets within it.

    The excerpt stays in the mention's paragraph (it stops at line breaks); an ellipsis
    marks text left out of the paragraph, not the paragraph's own ends.
    """
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    last = len(text) if last < 0 else last
    left = max(first, start - context)
    right = min(last, end + context)
    if left > first:  # start after a word boundary
        space = text.find(" ", left, start)
        if space >= 0:
            left = space + 1
    if right < last:  # end before a word boundary
        space = text.rfind(" ", end, right)
        if space >= 0:
            right = space
    prefix = "…" if left > first else ""
    suffix = "…" if right < last else ""
    before = _one_line(text[left:start])
    middle = _one_line(text[start:end])
    body = before + middle + _one_line(text[end:right])
    begin = len(prefix) + len(before)
    return prefix + body + suffix, begin, begin + len(middle)


_BREAKS = re.compile(r"[ \t]*\n[\s]*")


def _one_line(text: str) -> str:
    """Paragraph breaks and tabs as single spaces."""
    return _BREAKS.sub(" ", text).replace("\t", " ")
