"""The entity index's logic: type filters, tabs, orders and the distribution bar."""

from __future__ import annotations

from reader.analysis.model import Entity, Mention
from reader.app.xray import distribution, parse_filter, select


def entity(key: str, label: str, name: str, *starts: int) -> Entity:
    return Entity(key=key, name=name, label=label,
                  mentions=[Mention(s, s + len(name), name) for s in starts])


ENTITIES = [
    entity("loc:koeln", "LOC", "Köln", 50, 60, 70),
    entity("per:mueller", "PER", "Anna Müller", 5),
    entity("org:nato", "ORG", "Nato", 30, 90),
    entity("loc:rom", "LOC", "Rom", 10),
]


def names(found: list[Entity]) -> list[str]:
    return [e.name for e in found]


def test_type_words_select_a_type() -> None:
    assert parse_filter("place") == ("LOC", [])
    assert parse_filter("Orte koeln") == ("LOC", ["koeln"])
    assert names(select(ENTITIES, "place")) == ["Köln", "Rom"]
    assert names(select(ENTITIES, "people")) == ["Anna Müller"]
    assert names(select(ENTITIES, "place koeln")) == ["Köln"]  # folded spelling


def test_tabs_and_on_screen() -> None:
    assert names(select(ENTITIES, tab="ORG")) == ["Nato"]
    assert names(select(ENTITIES, tab="screen", visible={"loc:rom", "org:nato"})) == [
        "Nato", "Rom"]
    assert select(ENTITIES, tab="screen") == []


def test_orders() -> None:
    assert names(select(ENTITIES)) == ["Anna Müller", "Nato", "Köln", "Rom"]
    assert names(select(ENTITIES, sort="first")) == ["Anna Müller", "Rom", "Nato", "Köln"]


def test_distribution_bar() -> None:
    assert distribution([0, 1, 99], 100, 4) == "▄··▂"
    assert distribution([], 100, 3) == "···"
    assert distribution([50] * 9, 100, 2) == "·█"
    assert len(distribution([5, 500], 10, 8)) == 8  # offsets past the end: last cell
