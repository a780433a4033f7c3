"""The network stages of a lookup, each batching every pending name of one language.

1. :meth:`Fetch.resolve_titles` - names, aliases and German genitive forms as titles, with
   normalisation and redirects (a redirect's section is kept);
2. :meth:`Fetch.expand_disambiguations` - the entries of disambiguation pages;
3. :meth:`Fetch.search_unknown` - a search for names that are no title;
4. :meth:`Fetch.use_fallback_language` - names still not found, and intros for pages that
   have none, in the fallback language (through language links);
5. :meth:`Fetch.give_up` - what is left is missing (with a reason for redirect loops).

Each stage fills :attr:`Pending.outcome` and :attr:`Fetch.pages`; errors propagate (the
service turns them into entries and keeps what was learnt before).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from glossary import resolve
from glossary.client import WikiClient
from glossary.models import (
    CandidatesOutcome,
    DisambiguationOutcome,
    EntityQuery,
    GlossaryEntry,
    MissingOutcome,
    Outcome,
    Page,
    PageOutcome,
    Resolution,
)


@dataclass
class Pending:
    """A query being fetched, and what was found for it so far."""

    query: EntityQuery
    key: str
    chosen: str | None
    titles: list[str]
    stale: GlossaryEntry | None = None
    outcome: Outcome | DisambiguationOutcome | None = None

    @property
    def final(self) -> Outcome | None:
        """The outcome if it is final (storable), else None."""
        return None if isinstance(self.outcome, DisambiguationOutcome) else self.outcome


class Fetch:
    """One run of the stages for the pending queries of one language."""

    def __init__(self, client: WikiClient, lang: str, fallback: str, batch_size: int,
                 items: list[Pending], report: Callable[[], None]) -> None:
        self.client = client
        self.lang = lang
        self.fallback = fallback if fallback != lang else ""
        self.size = max(1, batch_size)
        self.items = items
        self.report = report
        #: Pages learnt, by (language, title).
        self.pages: dict[tuple[str, str], Page] = {}
        self.resolutions: dict[str, Resolution] = {}

    def run(self) -> None:
        """Every stage in order."""
        self.resolve_titles()
        self.expand_disambiguations()
        self.search_unknown()
        if self.fallback:
            self.use_fallback_language()
        self.give_up()

    def _batches(self, titles: Iterable[str]) -> Iterable[list[str]]:
        wanted = list(dict.fromkeys(titles))
        for start in range(0, len(wanted), self.size):
            yield wanted[start:start + self.size]

    def _keep(self, page: Page) -> None:
        if page.exists:
            self.pages[(page.lang, page.title)] = page

    def resolve_titles(self) -> None:
        """Stage 1: titles with their redirects and normalisation."""
        for batch in self._batches(t for item in self.items for t in item.titles):
            found = self.client.fetch_pages(self.lang, batch, langlinks=self.fallback)
            self.resolutions.update(found)
            for res in found.values():
                self._keep(res.page)
            for item in self.items:
                if item.outcome is None and all(t in self.resolutions for t in item.titles):
                    item.outcome = self._settle(item)
            self.report()

    def _settle(self, item: Pending) -> Outcome | DisambiguationOutcome | None:
        """The outcome of stage 1 for a query, from its titles' resolutions."""
        found = [self.resolutions[t] for t in item.titles if self.resolutions[t].page.exists]
        plain = [r for r in found if not r.page.disambiguation]
        if plain:
            res = plain[0]
            return PageOutcome(res.page.title, self.lang,
                               redirect_from=res.requested if res.redirected else "",
                               fragment=res.fragment, chosen=bool(item.chosen))
        if found:
            return DisambiguationOutcome(found[0].page.title)
        if item.chosen:
            return MissingOutcome(f"chosen page {item.chosen!r} not found")
        return None

    def expand_disambiguations(self) -> None:
        """Stage 2: the entries of disambiguation pages become candidates."""
        disamb = [(item, item.outcome) for item in self.items
                  if isinstance(item.outcome, DisambiguationOutcome)]
        if not disamb:
            return
        links = self.client.links(self.lang, list(dict.fromkeys(o.title for _, o in disamb)))
        wanted = (t for ts in links.values() for t in ts if (self.lang, t) not in self.pages)
        for batch in self._batches(wanted):
            for res in self.client.fetch_pages(self.lang, batch).values():
                self._keep(res.page)
        for item, outcome in disamb:
            cands = [self.pages[(self.lang, t)].title for t in links.get(outcome.title, [])
                     if (self.lang, t) in self.pages
                     and not self.pages[(self.lang, t)].disambiguation]
            item.outcome = (CandidatesOutcome("disambiguation", outcome.title, self.lang,
                                              tuple(cands))
                            if cands else MissingOutcome("empty disambiguation"))
        self.report()

    def _loops(self, item: Pending) -> list[Resolution]:
        return [r for t in item.titles if (r := self.resolutions.get(t)) and r.loop]

    def search_unknown(self) -> None:
        """Stage 3: a search for each name that is no title (and no redirect loop)."""
        for item in self.items:
            if item.outcome is not None or item.chosen or self._loops(item):
                continue
            hits = [p for p in self.client.search(self.lang, item.query.name)
                    if p.exists and not p.disambiguation]
            for page in hits:
                self._keep(page)
            if any(resolve.title_matches(p.title, item.query.name, item.query.label)
                   for p in hits):
                item.outcome = CandidatesOutcome("search", "", self.lang,
                                                 tuple(p.title for p in hits))
            self.report()

    def _intro_links(self) -> dict[str, str]:
        """Query key -> fallback-language title, for found pages without an intro."""
        need: dict[str, str] = {}
        for item in self.items:
            if isinstance(item.outcome, PageOutcome):
                known = self.pages.get((item.outcome.lang, item.outcome.title))
                if known and not known.extract and self.fallback in known.langlinks:
                    need[item.key] = known.langlinks[self.fallback]
        return need

    def use_fallback_language(self) -> None:
        """Stage 4: names still not found, and intros of pages without one, in one batch."""
        missing = [item for item in self.items if item.outcome is None and not item.chosen]
        need = self._intro_links()
        got: dict[str, Resolution] = {}
        for batch in self._batches([*(t for item in missing for t in item.titles),
                                    *need.values()]):
            got.update(self.client.fetch_pages(self.fallback, batch))
        for item in missing:
            hit = next((r for t in item.titles if (r := got.get(t)) and r.page.exists
                        and not r.page.disambiguation), None)
            if hit is not None:
                self._keep(hit.page)
                item.outcome = PageOutcome(hit.page.title, self.fallback,
                                           via="fallback language")
        for item in self.items:
            other = got.get(need.get(item.key, ""))
            if other and other.page.exists and isinstance(item.outcome, PageOutcome):
                self._keep(other.page)
                item.outcome = replace(item.outcome,
                                       intro_from=(self.fallback, other.page.title))
        self.report()

    def give_up(self) -> None:
        """Stage 5: whatever has no outcome yet is missing."""
        for item in self.items:
            if item.outcome is None:
                loops = self._loops(item)
                item.outcome = MissingOutcome(
                    ("redirect loop: " + " → ".join(loops[0].path)) if loops else "")

