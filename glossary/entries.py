"""Entries from lookup outcomes: what the panel and the exports show for a name.

The same stored outcome gives different entries in different articles: candidates (of a
disambiguation page or a search) are ranked with the query's context every time
(:mod:`glossary.resolve`). Intros are cut to the configured number of sentences here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import quote

from glossary import models, resolve, text
from glossary.models import (
    Candidate,
    CandidatesOutcome,
    EntityQuery,
    GlossaryEntry,
    PageOutcome,
    Status,
)

#: Finds a page by (language, title): fetched in this lookup, or cached; None if unknown.
PageOf = Callable[[str, str], models.Page | None]


def with_fragment(url: str, fragment: str) -> str:
    """``url`` pointing at a section (MediaWiki anchors: spaces as underscores, encoded)."""
    if not fragment or not url:
        return url
    return f"{url.split('#', 1)[0]}#{quote(fragment.replace(' ', '_'), safe='/:,()')}"


@dataclass(frozen=True)
class EntryBuilder:
    """Builds entries: ``source`` names the wiki, ``sentences`` the intro's length."""

    source: str
    sentences: int

    def build(self, query: EntityQuery, outcome: models.Outcome, page_of: PageOf,
              fetched_at: float) -> GlossaryEntry | None:
        """The entry for an outcome; None if a page it needs is unknown."""
        base = GlossaryEntry(query=query.name, lang=query.lang, status=Status.NOT_FOUND,
                             source=self.source, fetched_at=fetched_at)
        if isinstance(outcome, PageOutcome):
            return self._page_entry(base, outcome, page_of)
        if isinstance(outcome, CandidatesOutcome):
            return self._candidates_entry(base, query, outcome, page_of)
        return replace(base, error=outcome.reason)  # missing

    def _page_entry(self, base: GlossaryEntry, outcome: PageOutcome,
                    page_of: PageOf) -> GlossaryEntry | None:
        page = page_of(outcome.lang, outcome.title)
        if page is None:
            return None
        extra = {key: value for key, value in (
            ("redirect_from", outcome.redirect_from), ("via", outcome.via),
            ("chosen", "True" if outcome.chosen else ""), ("fragment", outcome.fragment))
            if value}
        intro, intro_lang = page.extract, page.lang
        if not intro and outcome.intro_from:
            other = page_of(*outcome.intro_from)
            if other is not None and other.extract:
                intro, intro_lang = other.extract, other.lang
                extra["intro_url"] = other.url
        if intro_lang != page.lang:
            extra["intro_lang"] = intro_lang
        for code, title in page.langlinks.items():
            extra[f"title_{code}"] = title
        return replace(base, status=Status.FOUND, lang=page.lang, title=page.title,
                       description=page.description,
                       intro=text.first_sentences(text.cap(intro), self.sentences),
                       url=with_fragment(page.url, outcome.fragment),
                       wikidata_id=page.wikidata_id, extra=extra)

    def _candidates_entry(self, base: GlossaryEntry, query: EntityQuery,
                          outcome: CandidatesOutcome, page_of: PageOf) -> GlossaryEntry | None:
        pages = [p for p in (page_of(outcome.lang, t) for t in outcome.candidates)
                 if p is not None]
        choice = resolve.choose(pages, query)
        if outcome.via == "search":
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
                           title=outcome.title)
        found = self._page_entry(base, PageOutcome(best.title, outcome.lang, via=outcome.via),
                                 page_of)
        if found is None:
            return None
        return replace(found, candidates=tuple(c for c in candidates if c.title != best.title))
