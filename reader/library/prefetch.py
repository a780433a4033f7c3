"""Preparing feed entries for offline reading: every article fetched (the URL path keeps an
offline copy; the feed's own text stands in where the page fails) and analysed, then one
batched glossary pass over the entities of all of them, each name looked up once."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.library.entries import open_entry
from reader.library.models import Entry
from reader.sanitize import strip_escapes

if TYPE_CHECKING:
    from glossary.models import EntityQuery
    from reader.config import Config

Progress = Callable[[int, int], None]


def _ignore(done: int, total: int) -> None:
    """A progress callback that shows nothing."""


@dataclass
class PrefetchReport:
    """What :func:`prefetch` did."""

    articles: int = 0
    from_feed: int = 0
    names: int = 0
    mentions: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def lines(self) -> Iterator[str]:
        """A summary for the user."""
        yield (f"{self.articles} articles ({self.articles - self.from_feed} from their pages, "
               f"{self.from_feed} from the feed's text)")
        parts = ", ".join(f"{count} {status.replace('_', ' ')}"
                          for status, count in sorted(self.statuses.items()))
        yield (f"{self.names} names looked up once each for {self.mentions} entities: "
               f"{parts or 'none'}")
        for problem in self.failed[:5]:
            yield f"  {strip_escapes(problem)}"
        yield f"done in {self.seconds:.1f} s"


def prefetch(entries: Sequence[Entry], config: Config, *, pages: Progress = _ignore,
             glossary: Progress = _ignore) -> PrefetchReport:
    """Fetch and analyse ``entries``, then look up all their entities in one pass."""
    from reader.corrections import store_for
    from reader.errors import ReaderError
    from reader.lookup import queries_for
    from reader.pipeline import analyse_article

    started = time.perf_counter()
    report = PrefetchReport()
    corrections = store_for(config).load()
    queries: dict[tuple[str, str], EntityQuery] = {}
    pages(0, len(entries))
    for done, entry in enumerate(entries, 1):
        try:
            opened = open_entry(entry, config)
            analysis = analyse_article(opened.article, config, corrections)
        except ReaderError as exc:
            report.failed.append(f"{entry.link or entry.title}: {exc}")
            continue
        finally:
            pages(done, len(entries))
        report.articles += 1
        report.from_feed += bool(opened.fallback)
        for query in queries_for(opened.article, analysis, config.lang):
            report.mentions += 1
            queries.setdefault((query.name, query.label), query)
    report.names = len(queries)
    report.statuses = _look_up(list(queries.values()), config, glossary, report.failed)
    report.seconds = time.perf_counter() - started
    return report


def _look_up(queries: list[EntityQuery], config: Config, progress: Progress,
             failed: list[str]) -> Counter[str]:
    """One batched glossary pass; the count of each entry status."""
    from glossary.models import Status
    from reader.lookup import glossary_for

    service = glossary_for(config)
    try:
        found = service.lookup_many(queries, progress=progress)
    finally:
        service.close()
    for entry in found.values():
        if entry.status in (Status.ERROR, Status.NOT_CACHED):
            failed.append(f"{entry.query}: {entry.error}")
    return Counter(entry.status.value for entry in found.values())
