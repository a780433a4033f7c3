"""Which mentions of the article get a link, footnote or wikilink, and the glossary order."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from glossary.models import GlossaryEntry
from reader.analysis.model import LABELS, Analysis, Entity
from reader.article import Article

Scope = Literal["paragraph", "article"]


@dataclass(frozen=True, slots=True)
class Annotation:
    """A mention to annotate: ``article.text[start:end]`` refers to ``entity``."""

    start: int
    end: int
    entity: Entity
    entry: GlossaryEntry


def entry_for(entity: Entity, entries: Mapping[str, GlossaryEntry]) -> GlossaryEntry | None:
    """The glossary entry of ``entity``: ``entries`` are keyed by entity name (= query name)."""
    return entries.get(entity.name)


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
