"""Data types of the glossary: queries, entries and their status."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Status(StrEnum):
    """Outcome of a lookup."""

    FOUND = "found"
    AMBIGUOUS = "ambiguous"
    NOT_FOUND = "not_found"
    NOT_CACHED = "not_cached"  # offline and nothing in the cache
    ERROR = "error"


@dataclass(frozen=True)
class EntityQuery:
    """What to look up: an entity's name with what helps to find the right page.

    ``context`` holds words of the article and the names of its other entities; it is used
    to choose among candidate pages (e.g. a 2025 article about Ukraine).
    """

    name: str
    label: str = "MISC"  # PER, ORG, LOC or MISC
    aliases: tuple[str, ...] = ()
    lang: str = "de"
    context: tuple[str, ...] = ()
    #: A page title chosen by the user for this name (overrides resolution).
    title: str | None = None


@dataclass(frozen=True)
class Candidate:
    """A page that may be meant, with its short description."""

    title: str
    description: str = ""
    url: str = ""


@dataclass(frozen=True)
class GlossaryEntry:
    """Background on one entity, as shown in the panel and exports."""

    query: str
    lang: str
    status: Status
    title: str = ""
    description: str = ""
    intro: str = ""
    url: str = ""
    wikidata_id: str = ""
    source: str = "Wikipedia"
    licence: str = "CC BY-SA 4.0"
    fetched_at: float = 0.0  # POSIX time
    candidates: tuple[Candidate, ...] = ()
    error: str = ""  # message for Status.ERROR
    retry_after: float | None = None  # seconds, when rate-limited
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True if the entry has background to show."""
        return self.status is Status.FOUND
