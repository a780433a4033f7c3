"""Choosing among candidate pages with the article's context.

A candidate's description, intro and title qualifier ("Koalition der Willigen (Ukraine)")
are compared with the query's context (words of the article, names of its other entities)
by crude German-friendly stems (the first five letters, so that "Ukraine", "ukrainischen"
and "Ukraine-Konflikt" meet). The entity's label adds a little: a person is rarely a city.
A choice is *confident* when the best score is high enough and clearly above the next one;
otherwise the entry is ambiguous and the user picks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from glossary.client import Page
from glossary.models import EntityQuery

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_QUALIFIER = re.compile(r"\(([^)]*)\)\s*$")

#: Least score of a confident choice, and least lead over the runner-up.
MIN_SCORE = 2.0
MIN_MARGIN = 1.5

STOPWORDS = frozenset("""
aber alle allem allen aller alles also andere anderen auch auf aus bei beim bereits bis
dabei damit dann darin darum dass dein dem den denen der des dessen die dies diese diesem
diesen dieser dieses doch dort durch eine einem einen einer eines einige etwa etwas euer
für gegen gibt hat hatte haben heute hier ihm ihn ihnen ihr ihre ihrem ihren ihrer immer
indem jede jedem jeden jeder jedes jetzt kann kein keine können könnte mehr mein mit muss
nach nicht noch nun nur oder ohne schon sehr sein seine seinem seinen seiner seit sich sie
sind soll sollen sowie über um und uns unter vom von vor war waren warum was weil welche
wenn werden wie wieder wird wir wird wurde wurden zum zur zwischen also
about after also and are been but can for from had has have her his its into more not
now one only other our out over she than that the their them then there these they this
those was were what when which who will with would
begriffsklärungsseite steht bezeichnet gemeint können
""".split())

#: Stems hinting at a label in descriptions (German and English).
LABEL_HINTS: dict[str, tuple[str, ...]] = {
    "PER": ("polit", "diplo", "präsi", "sprec", "journ", "schri", "offiz", "unter", "minis",
            "schau", "sänge", "spiel", "autor", "histo", "press", "secre", "presi", "diplo",
            "kanzl", "revol", "manag"),
    "LOC": ("stadt", "haupt", "staat", "hafen", "insel", "kontin", "regio", "land", "dorf",
            "city", "capit", "state", "count", "bunde", "fluss", "festu", "inselst"),
    "ORG": ("organ", "bündn", "agent", "partei", "unter", "sende", "verba", "allia", "agenc",
            "fernse", "rundf", "zeitu", "magaz", "milit", "verbu", "gruppe", "zusam", "koali"),
    "MISC": (),
}


def stems(text: str | Iterable[str]) -> set[str]:
    """Comparable stems of a text's words (stopwords and short words dropped)."""
    words = _WORD.findall(text if isinstance(text, str) else " ".join(text))
    out: set[str] = set()
    for word in words:
        low = word.lower()
        if low in STOPWORDS:
            continue
        if low.isdigit():
            if len(low) == 4:  # years
                out.add(low)
            continue
        if len(low) >= 4:
            out.add(low[:5])
    return out


@dataclass(frozen=True)
class Scored:
    """A candidate with its score."""

    page: Page
    score: float


@dataclass(frozen=True)
class Choice:
    """The ranked candidates and whether the best one is a confident pick."""

    ranked: tuple[Scored, ...]
    confident: bool

    @property
    def best(self) -> Page | None:
        """The best candidate if the choice is confident."""
        return self.ranked[0].page if self.confident and self.ranked else None


def score(page: Page, query: EntityQuery, context: set[str] | None = None) -> float:
    """How well a candidate page fits the query's context and label."""
    ctx = stems(query.context) if context is None else context
    ctx -= stems(query.name)  # the name itself says nothing about which page is meant
    qualifier = _QUALIFIER.search(page.title)
    weights: dict[str, float] = {}
    for stem in stems(page.extract):
        weights[stem] = 1.0
    for stem in stems(page.description):
        weights[stem] = 2.0
    if qualifier:
        for stem in stems(qualifier.group(1)):
            weights[stem] = 3.0
    total = sum(w for stem, w in weights.items() if stem in ctx)
    desc = stems(page.description) | (stems(qualifier.group(1)) if qualifier else set())
    hints = LABEL_HINTS.get(query.label, ())
    if hints and any(s.startswith(h[:5]) or h.startswith(s) for s in desc for h in hints):
        total += 1.5
    return total


def choose(candidates: Sequence[Page], query: EntityQuery) -> Choice:
    """Rank candidates (missing pages and disambiguation pages are dropped)."""
    usable = [p for p in candidates if p.exists and not p.disambiguation]
    ctx = stems(query.context)
    ranked = sorted((Scored(p, score(p, query, set(ctx))) for p in usable),
                    key=lambda s: (-s.score, s.page.title))
    if not ranked:
        return Choice((), False)
    best = ranked[0].score
    runner_up = ranked[1].score if len(ranked) > 1 else 0.0
    confident = best >= MIN_SCORE and best - runner_up >= max(MIN_MARGIN, 0.25 * best)
    return Choice(tuple(ranked), confident)


def title_matches(title: str, name: str, label: str = "MISC") -> bool:
    """True if a page title fits the name (for search results).

    The title must share a word stem with the name; for a person, it must contain the
    name's last word (the family name), so that "Isabelle X" never finds "Isabelle Y".
    """
    bare = _QUALIFIER.sub("", title)
    if label == "PER":
        words = _WORD.findall(name)
        return bool(words) and bool(stems(words[-1]) & stems(bare))
    return bool(stems(bare) & stems(name)) or name.lower() in title.lower()
