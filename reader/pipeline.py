"""One call from an article to its entities, with the reader's corrections applied.

Every front end (the app, ``reader entities``, ``reader prefetch``, ``reader export``) goes
through :func:`analyse_article`, so an entity added or hidden once counts everywhere.
Imports no Textual.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from contextlib import closing
from dataclasses import replace
from typing import TYPE_CHECKING

from reader.analysis.model import Analysis, Span
from reader.article import Article
from reader.config import Config
from reader.corrections import Corrections, store_for

if TYPE_CHECKING:
    from reader.analysis.progressive import Progress


def analyse_article(article: Article, config: Config,
                    corrections: Corrections | None = None) -> Analysis:
    """Recognise and cluster the entities of ``article`` (cached), then apply corrections.

    Added entities reach the recogniser as entity-ruler patterns (they are part of its
    cache key); hidden names are filtered out afterwards, matching an entity's name or any
    of its aliases without regard to case, so hiding "Russland" also hides "Russlands".
    """
    from reader.analysis import analyse

    if corrections is None:
        corrections = store_for(config).load()
    analysis = analyse(
        article.text,
        model=config.model,
        cache_dir=config.cache_path / "analysis",
        extra_patterns=corrections.patterns(),
    )
    return apply_hidden(analysis, corrections, article.sha256)


def analyse_article_progressively(
        article: Article, config: Config, corrections: Corrections,
        first: tuple[int, int] = (0, 0)) -> Generator[Progress, None, None]:
    """:func:`analyse_article` in steps: a cached analysis at once; a text recognised in
    one piece (see :data:`reader.analysis.api.MAX_CHUNK`) here, at once; else provisional
    analyses (the pieces of the text holding ``first`` first) and then the final one, from
    a child process (:mod:`reader.analysis.process`): this process does not load spaCy
    and its more than 100 MB for a long text. Every analysis has the hidden names removed."""
    from reader.analysis.api import MAX_CHUNK
    from reader.analysis.cache import cache_file, read
    from reader.analysis.progressive import Progress
    from reader.analysis.recognisers import describe

    if len(article.text) <= MAX_CHUNK:
        yield Progress(analyse_article(article, config, corrections), 1, 1)
        return
    patterns = corrections.patterns()
    cache_dir = config.cache_path / "analysis"
    _, ident = describe(config.model, extra_patterns=patterns)
    cached = read(cache_file(cache_dir, article.text, ident), ident)
    if cached is not None:
        yield Progress(apply_hidden(cached, corrections, article.sha256), 1, 1)
        return
    from reader.analysis.process import analyse_in_process

    with closing(analyse_in_process(article.text, model=config.model, cache_dir=cache_dir,
                                    extra_patterns=patterns, first=first)) as steps:
        for step in steps:
            yield Progress(apply_hidden(step.analysis, corrections, article.sha256),
                           step.done, step.total)


def analyse_many(texts: Sequence[tuple[str, str]], config: Config,
                 corrections: Corrections) -> list[tuple[Analysis, list[Span]]]:
    """:func:`analyse_article` for many ``(text, sha256)`` pairs at once, without the disk
    cache (corpus runs): each analysis with the recogniser's own spans, both without the
    hidden names (a span goes with the hidden entity that one of its mentions ends)."""
    from reader.analysis import analyse_texts

    results = analyse_texts([text for text, _ in texts], model=config.model,
                            extra_patterns=corrections.patterns())
    out: list[tuple[Analysis, list[Span]]] = []
    for (_text, sha256), (analysis, spans) in zip(texts, results, strict=True):
        kept = apply_hidden(analysis, corrections, sha256)
        if len(kept.entities) != len(analysis.entities):
            ends = {m.end for e in analysis.entities if e not in kept.entities
                    for m in e.mentions}
            spans = [s for s in spans if s.end not in ends]
        out.append((kept, spans))
    return out


def apply_hidden(analysis: Analysis, corrections: Corrections, article_sha256: str) -> Analysis:
    """``analysis`` without the entities the reader hid (everywhere or in this article)."""
    hidden = corrections.hidden_names(article_sha256)
    if not hidden:
        return analysis
    kept = [
        entity for entity in analysis.entities
        if not any(name.casefold() in hidden for name in (entity.name, *entity.aliases))
    ]
    return replace(analysis, entities=kept)
