"""A long text recognised piece by piece, the part on screen first.

:func:`analyse_progressively` gives what :func:`reader.analysis.analyse` gives, in steps:
the text is cut into the same pieces (:func:`reader.analysis.chunking.chunks` at
:func:`reader.analysis.api.piece_limit`), the pieces that hold a given range (the screen)
are recognised first and a provisional analysis of what is found so far is given, then the
other pieces follow in text order with a provisional analysis now and then; the last
result clusters every piece's spans in text order, exactly as :func:`analyse` does, and is
cached the same way (a cached analysis is given at once). Safe in a worker thread or a child process
(:mod:`reader.analysis.process`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.analysis.chunking import chunks
from reader.analysis.model import Analysis, Span

if TYPE_CHECKING:
    from reader.analysis.recognisers import Pattern


@dataclass(frozen=True)
class Progress:
    """An analysis of the pieces recognised so far: ``done`` of ``total`` (final when equal)."""

    analysis: Analysis
    done: int
    total: int

    @property
    def final(self) -> bool:
        """True for the analysis of the whole text."""
        return self.done >= self.total


def piece_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the pieces :func:`analyse` recognises ``text`` in."""
    return [(offset, offset + len(piece)) for offset, piece in chunks(text, limit)]


def first_order(bounds: list[tuple[int, int]], start: int, end: int,
                pending: list[int] | None = None) -> tuple[list[int], int]:
    """Piece indices (of ``pending``, default all), those overlapping ``[start, end]``
    first, then the rest in their order; and how many come first."""
    pending = list(range(len(bounds))) if pending is None else pending
    first = [i for i in pending if bounds[i][0] <= end and start < bounds[i][1]]
    if not first and len(pending) == len(bounds):
        first = pending[:1]
    chosen = set(first)
    return first + [i for i in pending if i not in chosen], len(first)


def analyse_progressively(text: str, *, model: str = "", cache_dir: Path,
                          extra_patterns: Iterable[Pattern] | None = None,
                          hidden: Iterable[str] | None = None, first: tuple[int, int] = (0, 0),
                          every: float = 1.0,
                          focus: Callable[[], tuple[int, int] | None] | None = None,
                          ) -> Iterator[Progress]:
    """Provisional analyses of ``text`` (the pieces holding ``first`` first, then at most
    one every ``every`` seconds), then the final one (see the module docstring).

    ``focus`` is asked between pieces for a new range to recognise next (the reader went
    elsewhere; None: no change): the pieces left that hold it come next, and a provisional
    analysis follows them. A cached analysis is given at once as the final one. Raises
    what :func:`analyse` raises.
    """
    from reader.analysis import cache
    from reader.analysis.api import piece_limit
    from reader.analysis.cluster import cluster
    from reader.analysis.recognisers import get_recogniser
    from reader.analysis.user_patterns import UserNames

    patterns = [dict(p) for p in extra_patterns or ()]
    hidden_set = sorted(set(hidden or ()))
    path, ident = cache.locate(text, cache_dir, model=model, extra_patterns=patterns,
                               hidden=hidden_set)
    found = cache.read(path, ident)
    if found is not None:
        yield Progress(found, 1, 1)
        return
    recogniser = get_recogniser(model, extra_patterns=patterns, hidden=hidden_set)
    bounds = piece_bounds(text, piece_limit(recogniser))
    pending, visible = first_order(bounds, *first)
    total = len(pending)
    spans: dict[int, list[Span]] = {}
    added = UserNames(patterns)
    shown = 0.0
    while pending:
        wanted = focus() if focus is not None and spans else None
        if wanted is not None:
            pending, near = first_order(bounds, *wanted, pending)
            visible = len(spans) + near if near else visible
        index = pending.pop(0)
        start, end = bounds[index]
        spans[index] = [Span(s.start + start, s.end + start, s.label)
                        for s in recogniser.spans([text[start:end]])[0]]
        step = len(spans)
        if pending and (step == visible or
                        (step > visible and time.monotonic() - shown >= every)):
            ordered = [span for i in sorted(spans) for span in spans[i]]
            partial = Analysis(entities=cluster(text, ordered, keep=added),
                               recogniser=recogniser.name)
            yield Progress(partial, step, total)
            shown = time.monotonic()
    ordered = [span for i in range(len(bounds)) for span in spans.get(i, [])]
    analysis = Analysis(entities=cluster(text, ordered, keep=added), recogniser=recogniser.name)
    cache.write(path, analysis, ident)
    yield Progress(analysis, total, total)


__all__ = ["Progress", "analyse_progressively", "first_order", "piece_bounds"]
