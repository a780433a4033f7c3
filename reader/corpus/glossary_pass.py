"""The glossary pass of a corpus run: every entity of the corpus linked at once.

After recognition, :func:`link_corpus` reads the records, builds one glossary query per
entity name of the whole corpus (the first document that names it gives the context that
resolves ambiguous names), and looks them up through the shared glossary cache in batches
(:meth:`glossary.service.Glossary.lookup_many`: cached names cost nothing, the rest are
fetched many titles per request, serially per host). Ten thousand articles about the same
people cost a few requests per distinct name, not one per mention. Offline, only the cache
answers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from reader.corpus.records import analysis_of_record, article_of_record

if TYPE_CHECKING:
    from glossary.models import EntityQuery, GlossaryEntry
    from reader.config import Config

#: Names given to one ``lookup_many`` call (progress is reported between calls).
BATCH = 500


def corpus_queries(records: Iterable[dict[str, Any]], lang: str) -> list[EntityQuery]:
    """One query per distinct entity name of the records, in order of first appearance."""
    from reader.lookup import queries_for

    unique: dict[str, EntityQuery] = {}
    for record in records:
        analysis = analysis_of_record(record)
        if not analysis.entities:
            continue
        missing = [e for e in analysis.entities if e.name not in unique]
        if not missing:
            continue
        for query in queries_for(article_of_record(record), analysis, lang):
            unique.setdefault(query.name, query)
    return list(unique.values())


def link_corpus(records: Iterable[dict[str, Any]], config: Config,
                progress: Callable[[int, int], None] | None = None,
                warn: Callable[[str], None] | None = None) -> dict[str, GlossaryEntry]:
    """Glossary entries keyed by entity name for every entity of ``records``."""
    from glossary.models import GlossaryEntry, Status
    from reader.lookup import glossary_for

    queries = corpus_queries(records, config.lang)
    entries: dict[str, GlossaryEntry] = {}
    if not queries:
        return entries
    glossary = glossary_for(config)
    try:
        if glossary.cache_warning and warn:
            warn(glossary.cache_warning)
        for start in range(0, len(queries), BATCH):
            batch = queries[start:start + BATCH]
            if config.offline:
                for query in batch:
                    entries[query.name] = glossary.cached(query) or GlossaryEntry(
                        query.name, query.lang, Status.NOT_CACHED)
            else:
                entries.update(glossary.lookup_many(batch))
            if progress:
                progress(len(entries), len(queries))
    finally:
        glossary.close()
    return entries
