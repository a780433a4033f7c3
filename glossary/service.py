"""The glossary service: cache first, then the network (serial, batched); offline mode.

:class:`Glossary` turns :class:`~glossary.models.EntityQuery` objects into
:class:`~glossary.models.GlossaryEntry` objects. A lookup goes

1. to the user's chosen page for the name, if any (``choose``), else
2. to the cache (fresh entries answer at once; stale ones are refreshed when possible), else
3. to the network, in stages that each batch every pending name: titles (name, aliases,
   German genitive forms) with their redirects, the entries of disambiguation pages, a
   search for names that are no title, the fallback language for names still not found,
   and the fallback language's intro for pages without one (via language links).

Disambiguation and search results are resolved with the query's context
(:mod:`glossary.resolve`) every time, also from the cache, since the same name may mean
different pages in different articles.

Network state (:attr:`Glossary.state`, and the ``on_state_change`` callback) tells a UI
whether the glossary is online, offline (by setting, or after a connection failure, for
``offline_backoff`` seconds) or rate-limited (with the seconds until it may retry).
Errors never escape as exceptions: they come back as entries with ``Status.ERROR`` (or
``Status.NOT_CACHED`` when the network is unreachable), and a stale cached entry is
preferred to an error.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from glossary import resolve
from glossary.cache import GlossaryCache, query_key
from glossary.client import (
    Page,
    Resolution,
    WikiClient,
    WikiConnectionError,
    WikipediaException,
    WikiRateLimitError,
    describe_error,
)
from glossary.models import Candidate, EntityQuery, GlossaryEntry, Status
from glossary.settings import GlossarySettings

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

#: Kinds of stored query outcomes.
FINAL_KINDS = ("page", "candidates", "missing")


class NetworkMode(StrEnum):
    """Whether the glossary may use the network."""

    ONLINE = "online"
    OFFLINE = "offline"
    RATE_LIMITED = "rate_limited"


@dataclass(frozen=True)
class NetworkState:
    """The glossary's network state, for a status line."""

    mode: NetworkMode = NetworkMode.ONLINE
    #: POSIX time after which the network is tried again (None: now / never, by setting).
    retry_at: float | None = None
    #: Why (the last error), or "" when online.
    message: str = ""

    def seconds_until_retry(self, now: float | None = None) -> float:
        """Seconds until the network is tried again (0 if it may be tried now)."""
        if self.retry_at is None:
            return 0.0
        return max(0.0, self.retry_at - (time.time() if now is None else now))

    def describe(self, now: float | None = None) -> str:
        """A short line such as "rate-limited, retry in 12 s"."""
        if self.mode is NetworkMode.RATE_LIMITED:
            return f"rate-limited, retry in {round(self.seconds_until_retry(now))} s"
        if self.mode is NetworkMode.OFFLINE:
            return "offline" + (f" ({self.message})" if self.message else "")
        return "online"


@dataclass
class _Pending:
    """A query being fetched, and what was found for it so far."""

    query: EntityQuery
    key: str
    chosen: str | None
    titles: list[str]
    stale: GlossaryEntry | None = None
    outcome: tuple[str, dict[str, Any]] | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class _Written:
    """What one online lookup has written to the cache so far (each write adds only what
    is new)."""

    pages: dict[tuple[str, str], Page] = field(default_factory=dict)
    outcomes: dict[str, str] = field(default_factory=dict)  # query key -> repr of outcome


def _genitive_forms(name: str) -> list[str]:
    """German genitive forms stripped: "Frankreichs" -> "Frankreich", "Kiews" -> "Kiew"."""
    if len(name) > 4 and name.endswith("s") and " " not in name and not name.endswith("ss"):
        return [name[:-1]]
    return []


class Choices(Protocol):
    """Where the user's chosen pages are kept (a :class:`ChoiceStore`, or the reader's own
    corrections store, which keeps them with the user's other corrections)."""

    def get(self, lang: str, name: str) -> str | None:
        """The chosen title for a name, if any."""

    def set(self, lang: str, name: str, title: str | None) -> None:
        """Remember (or, with None or "", forget) the chosen title."""


class ChoiceStore:
    """The user's chosen pages, a small JSON file in the data directory (atomic writes)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(k): {str(n): str(t) for n, t in v.items()}
                for k, v in data.items() if isinstance(v, dict)}

    def get(self, lang: str, name: str) -> str | None:
        """The chosen title for a name, if any."""
        return self._read().get(lang, {}).get(query_key(name))

    def set(self, lang: str, name: str, title: str | None) -> None:
        """Remember (or, with None or "", forget) the chosen title."""
        with self._lock:
            data = self._read()
            names = data.setdefault(lang, {})
            if title:
                names[query_key(name)] = title
            else:
                names.pop(query_key(name), None)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True),
                           encoding="utf-8")
            os.replace(tmp, self.path)


class Glossary:
    """Background for entities: cache first, then the MediaWiki API (see the module doc).

    Thread-safe: the cache keeps one SQLite connection per thread and the client sends the
    requests of a host one at a time. ``clock`` returns POSIX time (tests move it).
    """

    def __init__(self, settings: GlossarySettings | None = None, *,
                 client: WikiClient | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.time,
                 on_state_change: Callable[[NetworkState], None] | None = None,
                 choices: Choices | None = None) -> None:
        self.settings = settings or GlossarySettings()
        self.clock = clock
        self.cache = GlossaryCache(self.settings.resolved_cache_path,
                                   ttl_days=self.settings.cache_ttl_days, clock=clock)
        self.choices: Choices = choices or ChoiceStore(self.settings.resolved_choices_path)
        self._client = client
        self._sleep = sleep
        self._state_lock = threading.Lock()
        self._state = NetworkState(NetworkMode.OFFLINE if self.settings.offline
                                   else NetworkMode.ONLINE)
        #: Called (from the looking-up thread) whenever :attr:`state` changes.
        self.on_state_change = on_state_change

    # -- public API --------------------------------------------------------------------

    @property
    def state(self) -> NetworkState:
        """The current network state."""
        return self._state

    @property
    def cache_warning(self) -> str | None:
        """Set when the cache file was unusable and has been rebuilt."""
        return self.cache.recovered

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
        pending: list[_Pending] = []
        for query in unique.values():
            chosen = self._chosen_title(query)
            entry, fresh = self._from_cache(query, chosen)
            if entry is not None and fresh:
                results[query.name] = entry
                continue
            titles = [chosen] if chosen else list(dict.fromkeys(
                [query.name, *query.aliases,
                 *[g for n in (query.name, *query.aliases) for g in _genitive_forms(n)]]))
            pending.append(_Pending(query, query_key(query.name), chosen,
                                    [t for t in titles if t.strip()], stale=entry))
        if progress:
            progress(len(results), total)
        if pending:
            by_lang: dict[str, list[_Pending]] = {}
            for item in pending:
                by_lang.setdefault(item.query.lang, []).append(item)
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
        if chosen:
            record = self.cache.get_page(query.lang, chosen)
            if record is None:
                return None, False
            outcome: tuple[str, dict[str, Any]] = (
                ("page", {"title": chosen, "lang": query.lang, "chosen": True})
                if record.page.exists else ("missing", {}))
            fetched_at = record.fetched_at
        else:
            stored = self.cache.get_query(query.lang, query.name)
            if stored is None:
                return None, False
            outcome = (stored.kind, stored.data)
            fetched_at = stored.fetched_at
        entry = self._entry(query, outcome, self._cached_page, fetched_at)
        if entry is None:  # a page of the outcome is no longer cached
            return None, False
        fresh = self.cache.is_fresh(fetched_at)
        if not fresh:
            entry = replace(entry, extra={**entry.extra, "stale": "1"})
        return entry, fresh

    def _cached_page(self, lang: str, title: str) -> Page | None:
        record = self.cache.get_page(lang, title)
        return record.page if record else None

    # -- building entries --------------------------------------------------------------

    def _entry(self, query: EntityQuery, outcome: tuple[str, Mapping[str, Any]],
               page_of: Callable[[str, str], Page | None],
               fetched_at: float) -> GlossaryEntry | None:
        """The entry for a stored outcome; None if a needed page is unknown."""
        kind, data = outcome
        base = GlossaryEntry(query=query.name, lang=query.lang, status=Status.NOT_FOUND,
                             source=self.source, fetched_at=fetched_at)
        if kind == "missing":
            return replace(base, error=str(data.get("reason", "")))
        if kind == "page":
            page = page_of(str(data["lang"]), str(data["title"]))
            if page is None:
                return None
            extra = {k: str(v) for k, v in data.items()
                     if k in ("redirect_from", "via", "chosen")}
            intro, intro_lang = page.extract, page.lang
            fallback = data.get("intro_from")
            if not intro and isinstance(fallback, list) and len(fallback) == 2:
                other = page_of(str(fallback[0]), str(fallback[1]))
                if other is not None and other.extract:
                    intro, intro_lang = other.extract, other.lang
                    extra["intro_url"] = other.url
            if intro_lang != page.lang:
                extra["intro_lang"] = intro_lang
            for code, title in page.langlinks.items():
                extra[f"title_{code}"] = title
            return replace(base, status=Status.FOUND, lang=page.lang, title=page.title,
                           description=page.description, intro=intro, url=page.url,
                           wikidata_id=page.wikidata_id, extra=extra)
        if kind == "candidates":
            lang = str(data.get("lang", query.lang))
            pages = [p for p in (page_of(lang, str(t)) for t in data.get("candidates", []))
                     if p is not None]
            choice = resolve.choose(pages, query)
            if data.get("via") == "search":
                matching = [s for s in choice.ranked
                            if resolve.title_matches(s.page.title, query.name, query.label)]
                choice = resolve.Choice(tuple(matching), choice.confident or len(matching) == 1)
                if choice.ranked and choice.ranked[0].page is not matching[0].page:
                    choice = resolve.Choice(tuple(matching), False)
            candidates = tuple(Candidate(s.page.title, s.page.description, s.page.url)
                               for s in choice.ranked)
            if not choice.ranked:
                return replace(base, error="no matching page")
            best = choice.best
            if best is None:
                return replace(base, status=Status.AMBIGUOUS, candidates=candidates,
                               title=str(data.get("title", "")))
            found = self._entry(query, ("page", {"title": best.title, "lang": lang,
                                                 "via": str(data.get("via", ""))}),
                                page_of, fetched_at)
            if found is None:
                return None
            others = tuple(c for c in candidates if c.title != best.title)
            return replace(found, candidates=others)
        return replace(base, status=Status.ERROR, error=f"unknown cache entry kind {kind!r}")

    # -- network -----------------------------------------------------------------------

    def _set_state(self, state: NetworkState) -> None:
        with self._state_lock:
            changed = state != self._state
            self._state = state
        if changed and self.on_state_change is not None:
            self.on_state_change(state)

    def _network_blocked(self) -> GlossaryEntry | None:
        """A template error entry if the network must not be used now, else None."""
        if self.settings.offline:
            return GlossaryEntry(query="", lang="", status=Status.NOT_CACHED,
                                 error="offline mode: not in the cache")
        state = self._state
        if state.mode is NetworkMode.ONLINE:
            return None
        wait = state.seconds_until_retry(self.clock())
        if wait <= 0:
            return None
        if state.mode is NetworkMode.RATE_LIMITED:
            return GlossaryEntry(query="", lang="", status=Status.ERROR,
                                 error=f"rate-limited, retry in {round(wait)} s",
                                 retry_after=wait)
        return GlossaryEntry(query="", lang="", status=Status.NOT_CACHED,
                             error=f"offline ({state.message}): not in the cache")

    def _failed(self, item: _Pending, template: GlossaryEntry) -> GlossaryEntry:
        """The stale entry if there is one (with the error noted), else the error entry."""
        if item.stale is not None:
            return replace(item.stale, extra={**item.stale.extra, "error": template.error})
        return replace(template, query=item.query.name, lang=item.query.lang,
                       source=self.source, fetched_at=self.clock())

    def _error_entry(self, exc: WikipediaException) -> GlossaryEntry:
        message = describe_error(exc)
        now = self.clock()
        if isinstance(exc, WikiRateLimitError):
            wait = float(exc.retry_after) if exc.retry_after is not None else 60.0
            self._set_state(NetworkState(NetworkMode.RATE_LIMITED, now + wait, message))
            return GlossaryEntry(query="", lang="", status=Status.ERROR, error=message,
                                 retry_after=wait)
        if isinstance(exc, WikiConnectionError):
            self._set_state(NetworkState(NetworkMode.OFFLINE,
                                         now + self.settings.offline_backoff, message))
            return GlossaryEntry(query="", lang="", status=Status.NOT_CACHED,
                                 error=f"{message}: not in the cache")
        return GlossaryEntry(query="", lang="", status=Status.ERROR, error=message)

    def _lookup_online(self, lang: str, items: list[_Pending],
                       results: dict[str, GlossaryEntry], total: int,
                       progress: Progress | None) -> None:
        blocked = self._network_blocked()
        if blocked is not None:
            for item in items:
                results[item.query.name] = self._failed(item, blocked)
            return
        pages: dict[tuple[str, str], Page] = {}
        written = _Written()

        def checkpoint() -> None:  # after every answer: report, and keep what is known
            self._report(items, results, total, progress)
            self._store(items, pages, written)

        try:
            self._fetch(lang, items, pages, checkpoint)
        except WikipediaException as exc:
            template = self._error_entry(exc)
            for item in items:
                if item.outcome is None or item.outcome[0] not in FINAL_KINDS:
                    item.outcome = None
                    results[item.query.name] = self._failed(item, template)
        else:
            if self._state.mode is not NetworkMode.ONLINE or self._state.message:
                self._set_state(NetworkState())
        finally:
            self._store(items, pages, written)
        now = self.clock()

        def page_of(page_lang: str, title: str) -> Page | None:
            return pages.get((page_lang, title)) or self._cached_page(page_lang, title)

        for item in items:
            if item.outcome is None or item.query.name in results:
                continue
            entry = self._entry(item.query, item.outcome, page_of, now)
            if entry is None:
                entry = replace(self._failed(item, GlossaryEntry(
                    query="", lang="", status=Status.ERROR, error="incomplete answer")))
            results[item.query.name] = entry

    def _report(self, items: Sequence[_Pending], results: Mapping[str, GlossaryEntry],
                total: int, progress: Progress | None) -> None:
        if progress:
            done = sum(1 for i in items if i.outcome is not None)
            progress(min(total, len(results) + done), total)

    def _store(self, items: Sequence[_Pending], pages: Mapping[tuple[str, str], Page],
               written: _Written) -> None:
        """Write what was learnt and is not written yet: pages, and the final outcomes of
        non-chosen queries. Called after every answer, so that a lookup that is killed or
        abandoned (the app quits) keeps everything it received."""
        rows: list[tuple[str, str, str, dict[str, Any]]] = []
        stamps: dict[str, str] = {}
        for item in items:
            outcome = item.outcome
            if outcome is None or item.chosen or outcome[0] not in FINAL_KINDS:
                continue
            stamp = repr(outcome)  # an outcome may still gain data (a borrowed intro)
            if written.outcomes.get(item.key) != stamp:
                stamps[item.key] = stamp
                rows.append((item.query.lang, item.key, outcome[0], outcome[1]))
        new = {key: page for key, page in pages.items() if written.pages.get(key) is not page}
        if rows or new:
            self.cache.put(pages=list(new.values()), queries=rows)
        written.outcomes.update(stamps)
        written.pages.update(new)

    def _fetch(self, lang: str, items: list[_Pending], pages: dict[tuple[str, str], Page],
               report: Callable[[], None]) -> None:
        """The network stages; fills ``item.outcome`` and ``pages``."""
        client = self.client
        fallback = self.settings.fallback_lang if self.settings.fallback_lang != lang else ""
        size = max(1, self.settings.batch_size)

        # 1. titles: names, aliases and genitive forms, with redirects and normalisation.
        wanted = list(dict.fromkeys(t for item in items for t in item.titles))
        resolutions: dict[str, Resolution] = {}
        for start in range(0, len(wanted), size):
            found = client.fetch_pages(lang, wanted[start:start + size], langlinks=fallback)
            resolutions.update(found)
            for res in found.values():
                if res.page.exists:
                    pages[(lang, res.page.title)] = res.page
            for item in items:
                if item.outcome is None and all(t in resolutions for t in item.titles):
                    self._settle_titles(lang, item, resolutions)
            report()

        # 2. disambiguation pages: their entries, fetched in batches.
        disamb = [item for item in items if item.outcome and item.outcome[0] == "disamb"]
        if disamb:
            links = client.links(lang, list(dict.fromkeys(
                str(i.outcome[1]["title"]) for i in disamb if i.outcome)))
            wanted = list(dict.fromkeys(t for ts in links.values() for t in ts
                                        if (lang, t) not in pages))
            for start in range(0, len(wanted), size):
                for res in client.fetch_pages(lang, wanted[start:start + size]).values():
                    if res.page.exists:
                        pages[(lang, res.page.title)] = res.page
            for item in disamb:
                assert item.outcome is not None
                title = str(item.outcome[1]["title"])
                cands = [pages[(lang, t)].title for t in links.get(title, [])
                         if (lang, t) in pages and not pages[(lang, t)].disambiguation]
                item.outcome = (("candidates", {"via": "disambiguation", "title": title,
                                                "lang": lang, "candidates": cands})
                                if cands else ("missing", {"reason": "empty disambiguation"}))
            report()

        # 3. search for names that are no title.
        for item in items:
            looping = any((r := resolutions.get(t)) and r.loop for t in item.titles)
            if item.outcome is None and not item.chosen and not looping:
                hits = [p for p in client.search(lang, item.query.name)
                        if p.exists and not p.disambiguation]
                for page in hits:
                    pages[(lang, page.title)] = page
                if any(resolve.title_matches(p.title, item.query.name, item.query.label)
                       for p in hits):
                    item.outcome = ("candidates", {"via": "search", "title": "", "lang": lang,
                                                   "candidates": [p.title for p in hits]})
                report()

        # 4. the fallback language, in one batch: names still not found, and intros for
        #    pages that have none (through their language links).
        if fallback:
            missing = [item for item in items if item.outcome is None and not item.chosen]
            need: dict[str, str] = {}
            for item in items:
                if item.outcome and item.outcome[0] == "page":
                    known = pages.get((str(item.outcome[1]["lang"]),
                                       str(item.outcome[1]["title"])))
                    if known and not known.extract and fallback in known.langlinks:
                        need[item.key] = known.langlinks[fallback]
            wanted = list(dict.fromkeys([*(t for item in missing for t in item.titles),
                                         *need.values()]))
            got: dict[str, Resolution] = {}
            for start in range(0, len(wanted), size):
                got.update(client.fetch_pages(fallback, wanted[start:start + size]))
            for item in missing:
                for title in item.titles:
                    hit = got.get(title)
                    if hit and hit.page.exists and not hit.page.disambiguation:
                        pages[(fallback, hit.page.title)] = hit.page
                        item.outcome = ("page", {"title": hit.page.title, "lang": fallback,
                                                 "via": "fallback language"})
                        break
            for item in items:
                other = got.get(need.get(item.key, ""))
                if other and other.page.exists and item.outcome:
                    pages[(fallback, other.page.title)] = other.page
                    item.outcome[1]["intro_from"] = [fallback, other.page.title]
            report()

        for item in items:
            if item.outcome is None:
                loops = [r for t in item.titles if (r := resolutions.get(t)) and r.loop]
                reason = ("redirect loop: " + " → ".join(loops[0].path)) if loops else ""
                item.outcome = ("missing", {"reason": reason} if reason else {})

    def _settle_titles(self, lang: str, item: _Pending,
                       resolutions: Mapping[str, Resolution]) -> None:
        """Pick the page for a query from its titles' resolutions (stage 1)."""
        found = [resolutions[t] for t in item.titles if resolutions[t].page.exists]
        plain = [r for r in found if not r.page.disambiguation]
        if plain:
            res = plain[0]
            data: dict[str, Any] = {"title": res.page.title, "lang": lang}
            if res.redirected:
                data["redirect_from"] = res.requested
            if item.chosen:
                data["chosen"] = True
            item.outcome = ("page", data)
        elif found:
            item.outcome = ("disamb", {"title": found[0].page.title})
        elif item.chosen:
            item.outcome = ("missing", {"reason": f"chosen page {item.chosen!r} not found"})
