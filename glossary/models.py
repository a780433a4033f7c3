"""Data types of the glossary: queries and entries, pages and redirects, lookup outcomes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from glossary.status import Status as Status  # its home is glossary.status

#: Longest name that is looked up (titles are at most 255 bytes; longer names are no names).
MAX_NAME_LENGTH = 255


def query_key(name: str) -> str:
    """The key of a looked-up name (whitespace collapsed): cache rows and chosen pages."""
    return " ".join(name.split())


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

    @property
    def refresh_error(self) -> str:
        """Why a stale entry could not be refreshed ("" if it was not tried or worked)."""
        return self.extra.get("error", "") if self.extra.get("stale") else ""


# -- what the wiki said -----------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """What the API told us about one page (``exists`` is False for a missing page)."""

    title: str
    lang: str
    exists: bool = True
    description: str = ""
    #: The intro, capped (:data:`glossary.text.INTRO_CAP`); sentences are cut when shown.
    extract: str = ""
    url: str = ""
    wikidata_id: str = ""
    disambiguation: bool = False
    #: Titles of this page in other languages, by language code.
    langlinks: Mapping[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict (for the cache)."""
        return {"title": self.title, "lang": self.lang, "exists": self.exists,
                "description": self.description, "extract": self.extract, "url": self.url,
                "wikidata_id": self.wikidata_id, "disambiguation": self.disambiguation,
                "langlinks": dict(self.langlinks)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Page:
        """The inverse of :meth:`to_json`; raises ``KeyError``/``TypeError``/``ValueError``."""
        links = data.get("langlinks", {})
        if not isinstance(links, Mapping):
            raise TypeError("langlinks is not an object")
        return cls(title=str(data["title"]), lang=str(data["lang"]),
                   exists=bool(data.get("exists", True)),
                   description=str(data.get("description", "")),
                   extract=str(data.get("extract", "")), url=str(data.get("url", "")),
                   wikidata_id=str(data.get("wikidata_id", "")),
                   disambiguation=bool(data.get("disambiguation", False)),
                   langlinks={str(k): str(v) for k, v in links.items()})


@dataclass(frozen=True)
class Resolution:
    """Where a requested title led: the page, and the normalisation/redirect hops."""

    requested: str
    page: Page
    #: Titles passed through, from the requested one to the page's (normalised, redirects).
    path: tuple[str, ...] = ()
    #: A redirect chain that comes back on itself (``page`` is then missing).
    loop: bool = False
    #: The title as normalised by the wiki, if it differs from the requested one.
    normalized: str | None = None
    #: The section a redirect points to (``Page#Section``), without the ``#``.
    fragment: str = ""

    @property
    def redirected(self) -> bool:
        """True if a redirect (not just normalisation) was followed."""
        return len(self.path) > (2 if self.normalized else 1)


# -- what a lookup found (stored in the cache without the article's context) ------------


@dataclass(frozen=True)
class PageOutcome:
    """The name is a page (directly, by redirect, chosen by the user, or found by search)."""

    title: str
    lang: str
    redirect_from: str = ""
    #: Section of the page a redirect points to.
    fragment: str = ""
    via: str = ""
    chosen: bool = False
    #: (language, title) of a page whose intro stands in for a missing one.
    intro_from: tuple[str, str] | None = None

    kind = "page"

    def to_json(self) -> dict[str, Any]:
        """The stored form (only fields that are set)."""
        data: dict[str, Any] = {"title": self.title, "lang": self.lang}
        for key in ("redirect_from", "fragment", "via"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        if self.chosen:
            data["chosen"] = True
        if self.intro_from:
            data["intro_from"] = list(self.intro_from)
        return data


@dataclass(frozen=True)
class CandidatesOutcome:
    """Several pages may be meant (a disambiguation page, or search hits)."""

    via: str
    title: str
    lang: str
    candidates: tuple[str, ...]

    kind = "candidates"

    def to_json(self) -> dict[str, Any]:
        """The stored form."""
        return {"via": self.via, "title": self.title, "lang": self.lang,
                "candidates": list(self.candidates)}


@dataclass(frozen=True)
class MissingOutcome:
    """No page (with a reason when there is more to say than "not found")."""

    reason: str = ""

    kind = "missing"

    def to_json(self) -> dict[str, Any]:
        """The stored form."""
        return {"reason": self.reason} if self.reason else {}


@dataclass(frozen=True)
class DisambiguationOutcome:
    """Stage 1 found only a disambiguation page; its entries are fetched next (never stored)."""

    title: str

    kind = "disamb"


#: A final outcome, as stored in the cache.
Outcome = PageOutcome | CandidatesOutcome | MissingOutcome

#: Kinds of stored query outcomes.
FINAL_KINDS = (PageOutcome.kind, CandidatesOutcome.kind, MissingOutcome.kind)


def outcome_from_row(kind: str, data: Any) -> Outcome:
    """The outcome stored as ``(kind, data)``; ``ValueError`` if it is not understood."""
    if not isinstance(data, Mapping):
        raise ValueError(f"cache row of kind {kind!r} is not an object")
    try:
        if kind == PageOutcome.kind:
            intro = data.get("intro_from")
            return PageOutcome(
                title=_text(data["title"]), lang=_text(data["lang"]),
                redirect_from=_text(data.get("redirect_from", "")),
                fragment=_text(data.get("fragment", "")), via=_text(data.get("via", "")),
                chosen=bool(data.get("chosen", False)),
                intro_from=(_text(intro[0]), _text(intro[1]))
                if isinstance(intro, list) and len(intro) == 2 else None)
        if kind == CandidatesOutcome.kind:
            titles = data.get("candidates", [])
            if not isinstance(titles, list):
                raise ValueError("candidates is not a list")
            return CandidatesOutcome(_text(data.get("via", "")), _text(data.get("title", "")),
                                     _text(data["lang"]), tuple(_text(t) for t in titles))
        if kind == MissingOutcome.kind:
            return MissingOutcome(_text(data.get("reason", "")))
    except KeyError as exc:
        raise ValueError(f"cache row of kind {kind!r} lacks {exc}") from None
    raise ValueError(f"unknown cache entry kind {kind!r}")


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {type(value).__name__}")
    return value
