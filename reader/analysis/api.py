"""The analysis API: :func:`analyse` (recognise, cluster, cache) and :func:`recognise_texts`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from reader.analysis import cache
from reader.analysis.chunking import MAX_CHUNK, spans_in_chunks
from reader.analysis.cluster import cluster
from reader.analysis.model import Analysis, Span
from reader.analysis.recognisers import Pattern, Recogniser, get_recogniser
from reader.analysis.user_patterns import UserNames


def default_cache_dir() -> Path:
    """``reader.paths.cache_dir() / "analysis"``."""
    from reader import paths

    return paths.cache_dir() / "analysis"


def analyse(text: str, *, model: str = "", cache_dir: Path | None = None,
            extra_patterns: Iterable[Pattern] | None = None,
            hidden: Iterable[str] | None = None) -> Analysis:
    """Recognise and cluster the entities of ``text``; cached on disk.

    ``model`` selects the recogniser (see :func:`get_recogniser`); ``extra_patterns``
    (spaCy entity-ruler dicts) and ``hidden`` (names never reported) are the user's
    corrections. The cache key is the text's SHA-256 and the recogniser id, which includes
    a hash of the corrections, so a cached analysis is reused only when all of them match.
    Safe to call from a worker thread. Raises :class:`reader.errors.ReaderError` for an
    unknown model or an invalid pattern.
    """
    patterns = [dict(p) for p in extra_patterns or ()]
    hidden_set = sorted(set(hidden or ()))
    path, ident = cache.locate(text, cache_dir or default_cache_dir(), model=model,
                               extra_patterns=patterns, hidden=hidden_set)
    found = cache.read(path, ident)
    if found is not None:
        return found
    recogniser = get_recogniser(model, extra_patterns=patterns, hidden=hidden_set)
    [(analysis, _spans)] = _analyse_with(recogniser, [text], patterns)
    cache.write(path, analysis, ident)
    return analysis


def analyse_texts(texts: Sequence[str], *, model: str = "",
                  extra_patterns: Iterable[Pattern] | None = None,
                  hidden: Iterable[str] | None = None) -> list[tuple[Analysis, list[Span]]]:
    """Like :func:`analyse` for many texts at once, without the disk cache (corpus runs).

    Returns, for each text, its analysis and the recogniser's spans (what
    :func:`recognise_texts` gives, before clustering: each with its own label). Texts up to
    the recogniser's length limit go through the pipeline in one batch; longer ones in
    paragraph pieces.
    """
    patterns = [dict(p) for p in extra_patterns or ()]
    recogniser = get_recogniser(model, extra_patterns=patterns, hidden=sorted(set(hidden or ())))
    return _analyse_with(recogniser, texts, patterns)


def spans_of_texts(texts: Sequence[str], *, model: str = "",
                   extra_patterns: Iterable[Pattern] | None = None) -> tuple[str, list[list[Span]]]:
    """The first half of :func:`analyse_texts`: (the recogniser's name, the recogniser's
    spans of each text), without clustering (corpus workers; the run's process clusters
    them with :func:`reader.analysis.cluster.cluster`)."""
    patterns = [dict(p) for p in extra_patterns or ()]
    recogniser = get_recogniser(model, extra_patterns=patterns)
    return recogniser.name, _spans_with(recogniser, texts)


def _spans_with(recogniser: Recogniser, texts: Sequence[str]) -> list[list[Span]]:
    # spaCy refuses texts over nlp.max_length (E088): longer ones go in paragraph pieces.
    limit = piece_limit(recogniser)
    short = [text for text in texts if len(text) <= limit]
    found = iter(recogniser.spans(short) if short else [])
    return [next(found) if len(text) <= limit
            else spans_in_chunks(recogniser.spans, text, limit) for text in texts]


def _analyse_with(recogniser: Recogniser, texts: Sequence[str],
                  patterns: list[dict[str, Any]]) -> list[tuple[Analysis, list[Span]]]:
    added = UserNames(patterns)
    return [(Analysis(entities=cluster(text, spans, keep=added), recogniser=recogniser.name),
             spans) for text, spans in zip(texts, _spans_with(recogniser, texts), strict=True)]


def piece_limit(recogniser: Recogniser) -> int:
    """The longest text ``recogniser`` is given at once (longer ones go in pieces)."""
    return min(int(getattr(recogniser.nlp, "max_length", 0) or MAX_CHUNK), MAX_CHUNK)


def recognise_texts(texts: Sequence[str], model: str = "") -> list[list[Span]]:
    """The entity spans of each text, for batch use and benchmarks (no cache, no clustering).

    Example::

        >>> from reader.analysis import recognise_texts
        >>> recognise_texts(["Angela Merkel besuchte Paris."], model="embedded")
        [[Span(start=0, end=13, label='PER'), Span(start=23, end=28, label='LOC')]]

    Each span is ``text[start:end]`` with label PER, ORG, LOC or MISC.
    """
    return get_recogniser(model).spans(texts)
