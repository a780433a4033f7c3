"""Back and forward through the jumps inside an article, like a browser's history.

A place is a text offset (the top of the view) and the selected mention's start, if any.
:meth:`JumpHistory.jump` records where a jump left from and where it went; going back
and forward moves through those places; a new jump after going back drops the places
ahead, as a browser does.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Places kept per article.
LIMIT = 100


@dataclass(frozen=True, slots=True)
class Place:
    """A place in an article: ``top`` is the text offset at the top of the view,
    ``mention`` the start offset of the selected mention (None if none)."""

    top: int
    mention: int | None = None


class JumpHistory:
    """The places an article's reader jumped between."""

    def __init__(self, limit: int = LIMIT) -> None:
        self._places: list[Place] = []
        self._index = -1
        self._limit = limit

    def jump(self, origin: Place, target: Place) -> None:
        """Record a jump from ``origin`` to ``target``."""
        del self._places[self._index + 1:]
        if not self._places or self._places[-1] != origin:
            self._places.append(origin)
        if target != origin:
            self._places.append(target)
        overflow = len(self._places) - self._limit
        if overflow > 0:
            del self._places[:overflow]
        self._index = len(self._places) - 1

    def back(self, here: Place) -> Place | None:
        """The place before the current one (None at the start).

        ``here`` is where the reader is now: if they moved on since the last jump, it is
        kept so that :meth:`forward` comes back to it.
        """
        if self._index < 0:
            return None
        if here != self._places[self._index]:
            del self._places[self._index + 1:]
            self._places.append(here)
            self._index = len(self._places) - 1
        if self._index == 0:
            return None
        self._index -= 1
        return self._places[self._index]

    def forward(self) -> Place | None:
        """The place after the current one (None at the end)."""
        if self._index + 1 >= len(self._places):
            return None
        self._index += 1
        return self._places[self._index]

    @property
    def can_back(self) -> bool:
        """Whether there is a place to go back to."""
        return self._index > 0

    @property
    def can_forward(self) -> bool:
        """Whether there is a place to go forward to."""
        return self._index + 1 < len(self._places)
