"""Data types of the analysis layer: mentions, entities and an article's analysis."""

from __future__ import annotations

from dataclasses import dataclass, field

#: The entity labels, in display order.
LABELS: tuple[str, ...] = ("PER", "ORG", "LOC", "MISC")

#: Human names of the labels.
LABEL_NAMES: dict[str, str] = {
    "PER": "person",
    "ORG": "organisation",
    "LOC": "place",
    "MISC": "other",
}


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A recognised span of a text: ``text[start:end]``, end exclusive."""

    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in the article text."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Entity:
    """An entity of the article: its mentions clustered under one canonical name.

    ``key`` is stable for the article (derived from label and name) and identifies the
    entity in the UI, the glossary queries and the export.
    """

    key: str
    name: str
    label: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def count(self) -> int:
        """Number of mentions."""
        return len(self.mentions)


@dataclass(slots=True)
class Analysis:
    """The result of analysing one article text."""

    entities: list[Entity]
    recogniser: str  # e.g. "embedded 0.1.0" or "de_core_news_lg 3.8.0"

    def mentions(self) -> list[tuple[Mention, Entity]]:
        """All mentions in text order with their entity."""
        pairs = [(m, e) for e in self.entities for m in e.mentions]
        pairs.sort(key=lambda pair: (pair[0].start, pair[0].end))
        return pairs

    def by_key(self) -> dict[str, Entity]:
        """Entities by key."""
        return {e.key: e for e in self.entities}
