"""Helpers of the app tests: the seed article and a hand-made analysis of it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from reader.analysis.model import Analysis, Entity, Mention
from reader.article import Article, load

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_11cfe1e1f379c513.txt"

#: Entities of the seed article (key, label, canonical name, forms found in the text).
SEED_ENTITIES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("misc:koalition", "MISC", "Koalition der Willigen", ("Koalition der Willigen",)),
    ("loc:kreml", "LOC", "Kreml", ("Kreml",)),
    ("per:peskow", "PER", "Dmitri Peskow", ("Dmitri Peskow", "Peskow")),
    ("loc:moskau", "LOC", "Moskau", ("Moskau",)),
    ("loc:kiew", "LOC", "Kiew", ("Kiew",)),
    ("loc:ukraine", "LOC", "Ukraine", ("Ukraine",)),
    ("loc:russland", "LOC", "Russland", ("Russlands", "Russland")),
    ("org:nato", "ORG", "Nato", ("Nato",)),
    ("org:interfax", "ORG", "Interfax", ("Interfax",)),
)


def hand_analysis(text: str,
                  entities: Sequence[tuple[str, str, str, tuple[str, ...]]] = SEED_ENTITIES,
                  recogniser: str = "hand 1.0") -> Analysis:
    """An analysis built by matching the given forms as whole words (no recogniser)."""
    taken: list[tuple[int, int]] = []
    result: list[Entity] = []
    for key, label, name, forms in entities:
        entity = Entity(key=key, name=name, label=label,
                        aliases=[f for f in forms if f != name])
        for form in sorted(forms, key=len, reverse=True):
            for match in re.finditer(rf"\b{re.escape(form)}\b", text):
                if any(match.start() < end and start < match.end() for start, end in taken):
                    continue
                taken.append(match.span())
                entity.mentions.append(Mention(match.start(), match.end(), form))
        entity.mentions.sort(key=lambda m: m.start)
        if entity.mentions:
            result.append(entity)
    return Analysis(result, recogniser)


@pytest.fixture
def seed_article() -> Article:
    """The seed article, loaded."""
    return load(SEED)


@pytest.fixture
def analyser() -> Callable[[str], Analysis]:
    """The hand-made analyser (fast, deterministic)."""
    return hand_analysis
