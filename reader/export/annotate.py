"""Which mentions of the article get a link, footnote or wikilink, and the glossary order."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any, Literal

from glossary.models import Candidate, GlossaryEntry
from reader.analysis.model import LABELS, Analysis, Entity
from reader.article import Article
from reader.sanitize import strip_escapes

Scope = Literal["paragraph", "article"]


@dataclass(frozen=True, slots=True)
class Annotation:
    """A mention to annotate: ``article.text[start:end]`` refers to ``entity``."""

    start: int
    end: int
    entity: Entity
    entry: GlossaryEntry


def clean_entry(entry: GlossaryEntry) -> GlossaryEntry:
    """``entry`` with every text passed through :func:`reader.sanitize.strip_escapes`: text
    from the network is data, and an export may be printed to a terminal."""
    texts: dict[str, Any] = {f.name: strip_escapes(getattr(entry, f.name)) for f in fields(entry)
                             if type(getattr(entry, f.name)) is str}  # not the status (StrEnum)
    return replace(
        entry, **texts,
        candidates=tuple(Candidate(strip_escapes(c.title), strip_escapes(c.description),
                                   strip_escapes(c.url)) for c in entry.candidates),
        extra={strip_escapes(k): strip_escapes(v) for k, v in entry.extra.items()})


def clean_texts(entries: Mapping[str, GlossaryEntry], notes: Mapping[str, str] | None,
                ) -> tuple[dict[str, GlossaryEntry], dict[str, str] | None]:
    """Glossary entries (:func:`clean_entry`) and the reader's notes, safe for a terminal."""
    return ({name: clean_entry(entry) for name, entry in entries.items()},
            None if notes is None else {k: strip_escapes(v) for k, v in notes.items()})


def entry_for(entity: Entity, entries: Mapping[str, GlossaryEntry]) -> GlossaryEntry | None:
    """The glossary entry of ``entity``: ``entries`` are keyed by entity key (as a
    :class:`reader.session.Session` gives them), or by entity name (= query name, as
    ``Glossary.lookup_many`` gives them)."""
    entry = entries.get(entity.key)
    return entry if entry is not None else entries.get(entity.name)


def web_url(entry: GlossaryEntry | None) -> str:
    """The entry's page URL if it has background and an http(s) URL, else ``""``."""
    if entry is None or not entry.ok:
        return ""
    url = entry.url.strip()
    return url if url.lower().startswith(("https://", "http://")) else ""


def choose(article: Article, analysis: Analysis, entries: Mapping[str, GlossaryEntry],
                *, scope: Scope,
                accept: Callable[[int, int, Entity, GlossaryEntry], bool] | None = None,
                ) -> list[Annotation]:
    """The mentions to annotate, in text order, never overlapping.

    Only entities whose entry is found with a web URL are annotated. With
    ``scope="paragraph"`` the first mention of each entity in each paragraph is chosen,
    with ``scope="article"`` only its first mention in the article. Mentions that cross a
    paragraph boundary, overlap an earlier annotation, or are refused by ``accept`` are
    skipped (the entity's next mention in scope is tried instead).
    """
    chosen: list[Annotation] = []
    seen: set[tuple[str, int]] = set()
    last_end = -1
    for mention, entity in analysis.mentions():
        entry = entry_for(entity, entries)
        if entry is None or not web_url(entry):
            continue
        start, end = mention.start, mention.end
        if start < last_end or not 0 <= start < end <= len(article.text):
            continue
        index = article.paragraph_at(start)
        paragraph = article.paragraphs[index]
        if start < paragraph.start or end > paragraph.end:
            continue
        key = (entity.key, index if scope == "paragraph" else -1)
        if key in seen:
            continue
        if accept is not None and not accept(start, end, entity, entry):
            continue
        seen.add(key)
        chosen.append(Annotation(start, end, entity, entry))
        last_end = end
    return chosen


def glossary_order(analysis: Analysis) -> list[Entity]:
    """Entities grouped by label (PER, ORG, LOC, MISC, others), then by first mention."""
    rank = {label: i for i, label in enumerate(LABELS)}

    def key(entity: Entity) -> tuple[int, int, str]:
        first = min((m.start for m in entity.mentions), default=1 << 62)
        return (rank.get(entity.label, len(LABELS)), first, entity.name)

    return sorted(analysis.entities, key=key)
