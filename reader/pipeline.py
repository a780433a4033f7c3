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
from reader.errors import ReaderError

if TYPE_CHECKING:
    from reader.analysis.cluster import Found
    from reader.analysis.process import RecogniserProcess
    from reader.analysis.progressive import Progress
    from reader.analysis.user_patterns import UserNames


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


def start_recogniser(article: Article, config: Config,
                     corrections: Corrections) -> RecogniserProcess | None:
    """For a text longer than one piece (see :data:`reader.analysis.chunking.MAX_CHUNK`),
    a child process that starts loading the recogniser now; None for a shorter text."""
    from reader.analysis.version import MAX_CHUNK

    if len(article.text) <= MAX_CHUNK:
        return None
    from reader.analysis.process import RecogniserProcess

    return RecogniserProcess(model=config.model, cache_dir=config.cache_path / "analysis",
                             extra_patterns=corrections.patterns())


def analyse_article_progressively(
        article: Article, config: Config, corrections: Corrections,
        first: tuple[int, int] = (0, 0),
        child: RecogniserProcess | None = None, *,
        looked_up: bool = False) -> Generator[Progress, None, None]:
    """:func:`analyse_article` in steps. A text recognised in one piece is analysed here, at
    once; a longer one by a child process (``child``, from :func:`start_recogniser` with
    the same corrections, else a new one), which loads the recogniser while the cache is
    read here: the cached analysis at once, else provisional analyses (the pieces holding
    ``first`` first), then the final one. This process then never loads spaCy and its more
    than 100 MB, nor holds its interpreter lock while recognising. ``looked_up``: the
    caller found nothing in the cache already (it is not read again). Every analysis has
    the hidden names removed."""
    from reader.analysis.progressive import Progress

    child = child or start_recogniser(article, config, corrections)
    if child is None:
        yield Progress(analyse_article(article, config, corrections), 1, 1)
        return
    try:
        cached = None if looked_up else cached_article_analysis(article, config, corrections)
    except ReaderError:  # an unknown model: the child says so
        cached = None
    if cached is not None:
        child.stop()
        yield Progress(cached, 1, 1)
        return
    with closing(child.analyse(article.text, first)) as steps:
        for step in steps:
            yield Progress(apply_hidden(step.analysis, corrections, article.sha256),
                           step.done, step.total)


def cached_article_analysis(article: Article, config: Config, corrections: Corrections,
                            max_bytes: int | None = None) -> Analysis | None:
    """The cached result of :func:`analyse_article` with ``corrections``, or None (none
    cached, or its cache file is larger than ``max_bytes``). Loads no recogniser: spaCy is
    not imported. Raises :class:`reader.errors.ReaderError` for an unknown model."""
    from reader.analysis.cache import lookup

    analysis = lookup(article.text, config.cache_path / "analysis", model=config.model,
                      extra_patterns=corrections.patterns(), max_bytes=max_bytes,
                      text_hash=article.sha256)
    return None if analysis is None else apply_hidden(analysis, corrections, article.sha256)


def recognise_many(texts: Sequence[str], config: Config,
                   corrections: Corrections) -> tuple[str, list[list[Span]]]:
    """(the recogniser's name, its spans of each text) with the reader's added entities,
    without the disk cache: the recognition half of a corpus run (its workers)."""
    from reader.analysis.api import spans_of_texts

    return spans_of_texts(texts, model=config.model, extra_patterns=corrections.patterns())


def analysed(text: str, sha256: str, found: list[Found], recogniser: str,
             corrections: Corrections, added: UserNames) -> tuple[Analysis, list[Found]]:
    """The other half: the recogniser's spans of ``text`` (``(start, end, label)``
    triples) clustered into its analysis (``added``: ``UserNames(corrections.patterns())``),
    both without the hidden names (a span goes with the hidden entity that one of its
    mentions ends); what :func:`analyse_article` gives, uncached."""
    from reader.analysis.cluster import cluster_found  # not on the way to the first screen

    analysis = Analysis(entities=cluster_found(text, found, keep=added), recogniser=recogniser)
    kept = apply_hidden(analysis, corrections, sha256)
    if len(kept.entities) != len(analysis.entities):
        ends = {m.end for e in analysis.entities if e not in kept.entities for m in e.mentions}
        found = [span for span in found if span[1] not in ends]
    return kept, found


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
