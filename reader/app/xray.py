"""The entity index's logic (like Kindle's X-Ray), without Textual.

Which entities a filter and a tab select, in which order (most mentioned, or first
appearance), and a bar showing where in the article an entity's mentions fall.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from reader.analysis.model import LABELS, Entity
from reader.app.folding import fold

#: Words that select a type when typed in the filter (English and German, singular and
#: plural, and the label codes).
TYPE_WORDS: dict[str, str] = {
    **{word: "PER" for word in ("per", "person", "persons", "people", "personen")},
    **{word: "ORG" for word in ("org", "orgs", "organisation", "organisations",
                                "organization", "organizations", "organisationen")},
    **{word: "LOC" for word in ("loc", "place", "places", "ort", "orte", "location",
                                "locations")},
    **{word: "MISC" for word in ("misc", "other", "others", "andere", "sonstige")},
}
#: Tabs of the index: id -> title. ``screen``: the entities visible in the article.
TABS: dict[str, str] = {"all": "All", "PER": "People", "ORG": "Organisations",
                        "LOC": "Places", "MISC": "Other", "screen": "On screen"}
#: Orders of the index.
SORTS = ("count", "first")
#: Bar cells for 0, 1, 2, 3 and 4+ mentions in a stretch of the article.
BAR_CELLS = "·▂▄▆█"


def parse_filter(query: str) -> tuple[str | None, list[str]]:
    """The type a filter names (``"place"`` -> LOC) and the other (folded) words."""
    label: str | None = None
    words: list[str] = []
    for word in fold(query).split():
        found = TYPE_WORDS.get(word.rstrip(":"))
        if found is not None and label is None:
            label = found
        else:
            words.append(word)
    return label, words


def _matches(entity: Entity, words: list[str]) -> bool:
    names = [fold(name) for name in (entity.name, *entity.aliases)]
    return all(any(word in name for name in names) for word in words)


def first_start(entity: Entity) -> int:
    """Offset of the entity's first mention."""
    return min((mention.start for mention in entity.mentions), default=0)


def select(entities: Iterable[Entity], query: str = "", tab: str = "all",
           visible: Collection[str] = (), sort: str = "count") -> list[Entity]:
    """The entities the filter ``query`` and the ``tab`` select, in the ``sort`` order.

    ``count``: grouped by type (people first), most mentioned first; ``first``: in order
    of first appearance. ``visible``: keys of the entities on screen (the "screen" tab).
    """
    label, words = parse_filter(query)
    if tab in LABELS:
        label = label or tab
    chosen = [entity for entity in entities
              if (label is None or entity.label == label)
              and (tab != "screen" or entity.key in visible)
              and _matches(entity, words)]
    if sort == "first":
        return sorted(chosen, key=first_start)
    order = {name: number for number, name in enumerate(LABELS)}
    return sorted(chosen, key=lambda e: (order.get(e.label, len(order)), -e.count,
                                         e.name.casefold()))


def distribution(starts: Iterable[int], length: int, width: int = 16) -> str:
    """A bar of ``width`` cells: how many mentions fall in each stretch of the text."""
    counts = [0] * width
    for start in starts:
        cell = min(width - 1, start * width // max(1, length))
        counts[cell] += 1
    return "".join(BAR_CELLS[min(count, len(BAR_CELLS) - 1)] for count in counts)
