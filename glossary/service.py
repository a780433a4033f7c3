"""The glossary service: cache first, then the network (serial, batched); offline mode.

:class:`Glossary` turns :class:`~glossary.models.EntityQuery` objects into
:class:`~glossary.models.GlossaryEntry` objects. A lookup goes

1. to the user's chosen page for the name, if any (``choose``), else
2. to the cache (fresh entries answer at once; stale ones are refreshed when possible), else
3. to the network, in the stages of :mod:`glossary.fetch`.

Disambiguation and search results are resolved with the query's context
(:mod:`glossary.entries`) every time, also from the cache, since the same name may mean
different pages in different articles.

Network state (:attr:`Glossary.state`, and the ``on_state_change`` callback;
:mod:`glossary.network`) tells a UI whether the glossary is online, offline or rate-limited.
Errors never escape as exceptions: they come back as entries with ``Status.ERROR`` (or
``Status.NOT_CACHED`` when the network is unreachable), and a stale cached entry is
preferred to an error (marked ``extra["error"]``: the refresh failed).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from glossary.cache import GlossaryCache
from glossary.choices import Choices, ChoiceStore
from glossary.client import WikiClient
from glossary.entries import EntryBuilder
from glossary.errors import WikipediaException
from glossary.fetch import Fetch, Pending
from glossary.models import (
    FINAL_KINDS,
    MAX_NAME_LENGTH,
    EntityQuery,
    GlossaryEntry,
    Outcome,
    Page,
    PageOutcome,
    Status,
    query_key,
)
from glossary.network import NetworkGate, NetworkMode, NetworkState
from glossary.settings import GlossarySettings

log = logging.getLogger(__name__)

__all__ = ["FINAL_KINDS", "ChoiceStore", "Choices", "Glossary", "NetworkMode", "NetworkState"]

Progress = Callable[[int, int], None]

#: Said once, at the first request without a configured contact.
CONTACT_NOTICE = ("Wikimedia asks API clients for a contact; set yours with "
                  "'reader config set contact EMAIL-OR-URL'")


@dataclass
class _Written:
    """What one online lookup has written to the cache so far (each write adds only what
    is new)."""

    pages: dict[tuple[str, str], Page] = field(default_factory=dict)
    outcomes: dict[str, Outcome] = field(default_factory=dict)  # by query key


def _genitive_forms(name: str) -> list[str]:
    """German genitive forms stripped: "Frankreichs" -> "Frankreich", "Kiews" -> "Kiew"."""
    if len(name) > 4 and name.endswith("s") and " " not in name and not name.endswith("ss"):
        return [name[:-1]]
    return []


def _titles(query: EntityQuery, chosen: str | None) -> list[str]:
    if chosen:
        return [chosen]
    names = (query.name, *query.aliases)
    titles = [*names, *(g for n in names for g in _genitive_forms(n))]
    return [t for t in dict.fromkeys(titles) if t.strip()]


class Glossary:
    """Background for entities: cache first, then the MediaWiki API (see the module doc).

    Thread-safe: the cache keeps one SQLite connection per thread and the client sends the
    requests of a host one at a time. ``clock`` returns POSIX time (tests move it).
    ``on_notice`` receives one-line notices for the user (the missing contact, once).
    """

    def __init__(self, settings: GlossarySettings | None = None, *,
                 client: WikiClient | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.time,
                 on_state_change: Callable[[NetworkState], None] | None = None,
                 choices: Choices | None = None,
                 on_notice: Callable[[str], None] | None = None) -> None:
        self.settings = settings or GlossarySettings()
        self.clock = clock
        self.cache = GlossaryCache(self.settings.resolved_cache_path,
                                   ttl_days=self.settings.cache_ttl_days, clock=clock,
                                   endpoint=self.settings.api_url)
        self.choices: Choices = choices or ChoiceStore(self.settings.resolved_choices_path)
        self._client = client
        self._sleep = sleep
        self._network = NetworkGate(self.settings, clock, on_state_change)
        self._builder = EntryBuilder(self.source, self.settings.intro_sentences)
        self.on_notice = on_notice
        self._noticed = bool(self.settings.contact.strip())

    # -- public API --------------------------------------------------------------------

    @property
    def state(self) -> NetworkState:
        """The current network state."""
        return self._network.state

    @property
    def on_state_change(self) -> Callable[[NetworkState], None] | None:
        """Called (from the looking-up thread) whenever :attr:`state` changes."""
        return self._network.on_change

    @on_state_change.setter
    def on_state_change(self, callback: Callable[[NetworkState], None] | None) -> None:
        self._network.on_change = callback

    @property
    def cache_warning(self) -> str | None:
        """Set when the cache file was rebuilt, or can only be read (one line)."""
        return self.cache.recovered or self.cache.problem

    @property
    def client(self) -> WikiClient:
        """The HTTP client (created on first use)."""
        if self._client is None:
            self._client = WikiClient(self.settings, sleep=self._sleep)
        return self._client

    @property
    def source(self) -> str:
        """The name shown as source: "Wikipedia", or the host of another MediaWiki."""
        host = urlsplit(self.settings.api_url.replace("{lang}", "xx")).hostname or ""
        return "Wikipedia" if host.endswith("wikipedia.org") else (host or "MediaWiki")

    def close(self) -> None:
        """Close the HTTP session and the cache connections."""
        if self._client is not None:
            self._client.close()
        self.cache.close()

    def choose(self, name: str, lang: str, title: str | None) -> None:
        """Remember the user's page for a name (None or "" forgets it); used by lookups."""
        self.choices.set(lang, name, title)

    def chosen(self, name: str, lang: str) -> str | None:
        """The user's page for a name, if chosen."""
        return self.choices.get(lang, name)

    def cached(self, query: EntityQuery) -> GlossaryEntry | None:
        """The cached entry (fresh or stale, marked ``extra["stale"]``); never the network."""
        entry, _fresh = self._from_cache(query, self._chosen_title(query))
        return entry

    def lookup(self, query: EntityQuery) -> GlossaryEntry:
        """One entry (see :meth:`lookup_many`)."""
        return self.lookup_many([query])[query.name]

    def lookup_many(self, queries: Iterable[EntityQuery],
                    progress: Progress | None = None) -> dict[str, GlossaryEntry]:
        """Entries keyed by ``query.name``: cached ones at once, the rest fetched in batches.

        ``progress(done, total)`` is called as entries become known.
        """
        unique: dict[str, EntityQuery] = {}
        for query in queries:
            unique.setdefault(query.name, query)
        total = len(unique)
        results: dict[str, GlossaryEntry] = {}
        by_lang: dict[str, list[Pending]] = {}
        for query in unique.values():
            if len(query.name) > MAX_NAME_LENGTH:  # no name: never sent, never stored
                results[query.name] = GlossaryEntry(
                    query=query.name, lang=query.lang, status=Status.NOT_FOUND,
                    source=self.source, error="name too long to look up")
                continue
            chosen = self._chosen_title(query)
            entry, fresh = self._from_cache(query, chosen)
            if entry is not None and fresh:
                results[query.name] = entry
                continue
            by_lang.setdefault(query.lang, []).append(
                Pending(query, query_key(query.name), chosen, _titles(query, chosen),
                        stale=entry))
        if progress:
            progress(len(results), total)
        for lang, items in by_lang.items():
            self._lookup_online(lang, items, results, total, progress)
        if progress:
            progress(total, total)
        return results

    # -- cache -------------------------------------------------------------------------

    def _chosen_title(self, query: EntityQuery) -> str | None:
        return query.title or self.choices.get(query.lang, query.name)

    def _from_cache(self, query: EntityQuery,
                    chosen: str | None) -> tuple[GlossaryEntry | None, bool]:
        """(entry, fresh) from the cache, or (None, False)."""
        outcome: Outcome | None
        if chosen:
            record = self.cache.get_page(query.lang, chosen)
            if record is None:
                return None, False
            outcome = (PageOutcome(chosen, query.lang, chosen=True)
                       if record.page.exists else None)
            fetched_at = record.fetched_at
        else:
            stored = self.cache.get_outcome(query.lang, query.name)
            if stored is None:
                return None, False
            outcome, fetched_at = stored
        if outcome is None:
            return None, False
        entry = self._builder.build(query, outcome, self._cached_page, fetched_at)
        if entry is None:  # a page of the outcome is no longer cached
            return None, False
        fresh = self.cache.is_fresh(fetched_at)
        if not fresh:
            entry = replace(entry, extra={**entry.extra, "stale": "1"})
        return entry, fresh

    def _cached_page(self, lang: str, title: str) -> Page | None:
        record = self.cache.get_page(lang, title)
        return record.page if record else None

    # -- network -----------------------------------------------------------------------

    def _failed(self, item: Pending, template: GlossaryEntry) -> GlossaryEntry:
        """The stale entry if there is one (with the error noted), else the error entry."""
        if item.stale is not None:
            return replace(item.stale, extra={**item.stale.extra, "error": template.error})
        return replace(template, query=item.query.name, lang=item.query.lang,
                       source=self.source, fetched_at=self.clock())

    def _notice_contact(self) -> None:
        if not self._noticed:
            self._noticed = True
            log.warning("%s", CONTACT_NOTICE)
            if self.on_notice is not None:
                self.on_notice(CONTACT_NOTICE)

    def _lookup_online(self, lang: str, items: list[Pending],
                       results: dict[str, GlossaryEntry], total: int,
                       progress: Progress | None) -> None:
        blocked = self._network.blocked()
        if blocked is not None:
            for item in items:
                results[item.query.name] = self._failed(item, blocked)
            return
        self._notice_contact()
        written = _Written()

        def checkpoint() -> None:  # after every answer: report, and keep what is known
            if progress:
                done = sum(1 for i in items if i.outcome is not None)
                progress(min(total, len(results) + done), total)
            self._store(items, fetch.pages, written)

        fetch = Fetch(self.client, lang, self.settings.fallback_lang, self.settings.batch_size,
                      items, checkpoint)
        try:
            fetch.run()
        except WikipediaException as exc:
            template = self._network.failed(exc)
            for item in items:
                if item.final is None:
                    item.outcome = None
                    results[item.query.name] = self._failed(item, template)
        else:
            self._network.succeeded()
        finally:
            self._store(items, fetch.pages, written)
        self._settle(items, fetch.pages, results)

    def _settle(self, items: list[Pending], pages: dict[tuple[str, str], Page],
                results: dict[str, GlossaryEntry]) -> None:
        """Entries for the fetched outcomes."""
        now = self.clock()

        def page_of(page_lang: str, title: str) -> Page | None:
            return pages.get((page_lang, title)) or self._cached_page(page_lang, title)

        for item in items:
            outcome = item.final
            if outcome is None or item.query.name in results:
                continue
            entry = self._builder.build(item.query, outcome, page_of, now)
            if entry is None:
                entry = self._failed(item, GlossaryEntry(
                    query="", lang="", status=Status.ERROR, error="incomplete answer"))
            results[item.query.name] = entry

    def _store(self, items: list[Pending], pages: dict[tuple[str, str], Page],
               written: _Written) -> None:
        """Write what was learnt and is not written yet: pages, and the final outcomes of
        non-chosen queries. Called after every answer, so that a lookup that is killed or
        abandoned (the app quits) keeps everything it received."""
        rows = [(item.query.lang, item.key, outcome) for item in items
                if (outcome := item.final) is not None and not item.chosen
                and written.outcomes.get(item.key) != outcome]  # an intro may be borrowed
        new = {key: page for key, page in pages.items() if written.pages.get(key) is not page}
        if (rows or new) and self.cache.put_outcomes(pages=list(new.values()), outcomes=rows):
            written.outcomes.update((key, outcome) for _lang, key, outcome in rows)
            written.pages.update(new)
