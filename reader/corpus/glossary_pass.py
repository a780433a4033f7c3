"""The glossary pass of a corpus run: every entity of the corpus linked at once.

After recognition, :func:`link_corpus` reads the records and builds the glossary queries
of each document with :meth:`reader.session.Session.build_queries`, keeping one query per
entity name for the whole corpus (the first document that names it gives the context
that resolves ambiguous names). They are looked up through one session's glossary and the
shared cache, :data:`BATCH` names per call (:meth:`Session.lookup_entries`: cached names
cost nothing, the rest are fetched many titles per request, serially per host), or from
the cache only when offline (:meth:`Session.offline_entries`). Ten thousand articles about
the same people cost a few requests per distinct name, not one per mention.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from reader.corpus.records import analysis_of_record, article_of_record

if TYPE_CHECKING:
    from glossary.models import EntityQuery, GlossaryEntry
    from reader.article import Article
    from reader.config import Config

#: Names given to one lookup (progress is reported between lookups).
BATCH = 500


def corpus_queries(records: Iterable[dict[str, Any]],
                   config: Config) -> tuple[dict[str, EntityQuery], Article | None]:
    """One query per distinct entity name of the records, in order of first appearance,
    and the first article (None for an empty corpus)."""
    from reader.corrections import store_for
    from reader.session import Session

    store = store_for(config)
    unique: dict[str, EntityQuery] = {}
    first: Article | None = None
    for record in records:
        analysis = analysis_of_record(record)
        if any(e.name not in unique for e in analysis.entities):
            article = article_of_record(record)
            first = first or article
            for query in Session(article, config, store=store).build_queries(analysis).values():
                unique.setdefault(query.name, query)
    return unique, first


def link_corpus(records: Iterable[dict[str, Any]], config: Config,
                progress: Callable[[int, int], None] | None = None,
                warn: Callable[[str], None] | None = None) -> dict[str, GlossaryEntry]:
    """Glossary entries keyed by entity name for every entity of ``records``."""
    from reader.session import Session

    queries, first = corpus_queries(records, config)
    entries: dict[str, GlossaryEntry] = {}
    if first is None:
        return entries
    names = list(queries)
    with Session(first, config) as session:
        if session.glossary.cache_warning and warn:
            warn(session.glossary.cache_warning)
        for start in range(0, len(names), BATCH):
            batch = {name: queries[name] for name in names[start:start + BATCH]}
            entries.update(session.offline_entries(batch) if config.offline
                           else session.lookup_entries(batch))
            if progress:
                progress(len(entries), len(names))
    return entries
