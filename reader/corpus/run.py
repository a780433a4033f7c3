"""A corpus run: tasks in batches through an engine, records into the journal, a summary.

:func:`annotate_corpus` skips the documents the journal already holds (by id) and ids seen
twice, sends the rest in batches to the engine, appends the records of each batch as it
comes back (in input order, one ``write`` per batch), syncs the journal after every batch,
and reports every bad document with its id. With ``fail_fast`` the first bad document
stops the run (what was done stays in the journal). Progress goes to a callback;
:class:`Summary` says what happened.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from reader.corpus.documents import Bad, Task
from reader.corpus.engines import Engine
from reader.corpus.journal import Journal
from reader.errors import ReaderError

#: Documents per batch (one task for a worker).
BATCH = 64
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


class StoppedAtBadDocument(ReaderError):
    """``--fail-fast``: the run stopped at a bad document."""


@dataclass
class Summary:
    """What a run did."""

    done: int = 0
    entities: int = 0
    already: int = 0
    skipped: list[Bad] = field(default_factory=list)
    seconds: float = 0.0
    peak_rss: int = 0  # bytes, the largest of any worker
    chars: int = 0

    def lines(self) -> list[str]:
        """The summary for standard error."""
        rate = self.done / self.seconds if self.seconds > 0 else 0.0
        text = (f"annotated {self.done:,} documents ({self.entities:,} entities) in "
                f"{self.seconds:.1f} s ({rate:,.0f} documents/s)")
        if self.already:
            text += f"; {self.already:,} already done"
        text += f"; {len(self.skipped):,} skipped"
        if self.peak_rss:
            text += f"; peak memory per worker {self.peak_rss / 1048576:,.0f} MB"
        out = [text]
        reasons: dict[str, int] = {}
        for bad in self.skipped:
            reasons[bad.reason] = reasons.get(bad.reason, 0) + 1
        out += [f"  skipped {count}: {reason}" for reason, count in
                sorted(reasons.items(), key=lambda item: -item[1])[:10]]
        return [clean(line) for line in out]


def clean(text: str) -> str:
    """Text for one line of standard error: control characters and bidi overrides are
    replaced, so a document's id or text never acts on the terminal."""
    return _UNSAFE.sub("\ufffd", text)


def _pending(items: Iterable[Task | Bad], journal: Journal,
             summary: Summary) -> Iterator[Task | Bad]:
    """The items not done yet; an id seen before in this run becomes a bad document (bad
    documents go on in the stream, so that they are reported in input order)."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Bad):
            yield item
            continue
        if item.id in seen:
            yield Bad(item.id, "duplicate id (an earlier document has it)")
            continue
        seen.add(item.id)
        if item.id in journal.done:
            summary.already += 1
        else:
            yield item


def batched(tasks: Iterable[Task | Bad], size: int = BATCH) -> Iterator[list[Task | Bad]]:
    """Consecutive lists of at most ``size`` tasks."""
    batch: list[Task | Bad] = []
    for task in tasks:
        batch.append(task)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def annotate_corpus(items: Iterable[Task | Bad], journal: Journal, engine: Engine, *,
                    fail_fast: bool = False, batch_size: int = BATCH,
                    report: Callable[[Bad], None] | None = None,
                    progress: Callable[[int], None] | None = None) -> Summary:
    """Annotate ``items`` into ``journal`` (see the module docstring)."""
    summary = Summary()
    started = time.perf_counter()

    def on_bad(bad: Bad) -> None:
        summary.skipped.append(bad)
        if report:
            report(bad)
        if fail_fast:
            raise StoppedAtBadDocument(clean(f"stopped at bad document {bad.id}: {bad.reason} "
                                             "(the documents before it are kept)"))

    try:
        for result in engine.map(batched(_pending(items, journal, summary), batch_size)):
            lines: list[tuple[str, bytes]] = []
            for outcome in result.outcomes:
                if isinstance(outcome, Bad):
                    journal.append_lines(lines)  # the records before it are kept
                    lines = []
                    on_bad(outcome)
                    continue
                lines.append((outcome.id, outcome.line))
                summary.done += 1
                summary.entities += outcome.entities
                summary.chars += outcome.chars
            journal.append_lines(lines)
            journal.sync()
            summary.peak_rss = max(summary.peak_rss, result.peak_rss)
            if progress:
                progress(len(result.outcomes))
    finally:
        journal.sync(force=True)
        summary.seconds = time.perf_counter() - started
    return summary
