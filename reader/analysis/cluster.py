"""Clustering mentions into entities: canonical names, labels, aliases.

"Peskow", "Dmitri Peskow" and "Kremlsprecher Dmitri Peskow" become one person named
"Dmitri Peskow" (role nouns are not part of a name); German genitives join their base
("Russlands" -> "Russland", "Kiews" -> "Kiew") when the base is mentioned or the form is
unmistakable, so names that end in s ("Paris") are left alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from functools import cache, lru_cache

from reader.analysis.canonical import nominative
from reader.analysis.model import LABELS, Entity, Mention, Span
from reader.analysis.resources import cues as shipped_cues
from reader.analysis.user_patterns import UserNames

#: Endings after which a final "s" is a genitive even when the base is not mentioned.
_GENITIVE_BASES = ("land", "reich", "ien", "burg", "stadt", "dorf", "berg", "heim", "hausen",
                   "ingen", "istan", "ei", "ina", "ana", "ona", "ika", "ika")


@cache
def _roles() -> tuple[frozenset[str], tuple[str, ...]]:
    cues = shipped_cues()
    return frozenset(cues["role_nouns"]), tuple(cues["role_suffixes"])


def strip_roles(text: str) -> str:
    """The name without leading role nouns or titles ("Kremlsprecher Dmitri Peskow")."""
    roles, suffixes = _roles()
    words = text.split()
    while len(words) > 1:
        first = words[0]
        low = first.lower()
        if first in roles or (len(first) > 6 and low.endswith(suffixes)) or (
            "-" in first and first.rsplit("-", 1)[1] in roles
        ):
            words.pop(0)
        else:
            break
    return " ".join(words)


#: :func:`nominative` remembered (a pure function of the name).
_nominative = lru_cache(maxsize=1 << 16)(nominative)
#: A span as a plain ``(start, end, label)`` triple (sorted as spans are).
Found = tuple[int, int, str]


def _genitive_base(name: str, names: set[str]) -> str:
    """``name`` without a genitive -s when that gives a known or unmistakable base."""
    last = name[-1:]
    if last == "s":
        if len(name) > 3 and not name.endswith(("ss", "'s")):
            base = name[:-1]
            if base in names or base.lower().endswith(_GENITIVE_BASES):
                return base
    elif last == "'" and name[:-1] in names:
        return name[:-1]
    return name


def _canonical(name: str, names: set[str], label: str) -> str:
    """The name without a genitive -s, and an institution's or place's name in the
    nominative ("Deutschen Bahn" -> "Deutsche Bahn")."""
    base = _genitive_base(name, names)
    return base if label == "PER" else _nominative(base)


def _lookup(keep: UserNames | Collection[str]) -> Callable[[str], str | None] | None:
    """The function giving the name the reader added of which a written form is a form
    (or None), or None when the reader added no names."""
    if not keep:
        return None
    if isinstance(keep, UserNames):
        return keep.canonical
    return lambda written: written if written in keep else None


def _most_common_label(items: list[_Item]) -> str:
    """The most common label of ``items`` (ties: the first in :data:`LABELS`)."""
    labels: dict[str, int] = {}
    for item in items:
        labels[item[2]] = labels.get(item[2], 0) + 1
    if len(labels) == 1:  # the usual case: every mention has the same label
        return items[0][2]
    return max(labels, key=lambda lab: (labels[lab], -LABELS.index(lab)))


#: A mention with its name, label and written form (spaces normalised).
_Item = tuple[Mention, str, str, str]


@lru_cache(maxsize=1 << 16)
def _named(surface: str) -> tuple[str, str, int, str]:
    """(written form, name without role nouns, where the name starts in ``surface``, the
    mention's written form from there) of a span's text (remembered: a corpus names the
    same people and places again and again)."""
    written = " ".join(surface.split())
    name = strip_roles(written)
    if not name:
        return written, name, 0, ""
    return (written, name, *_trimmed(surface, written, name))


def _trimmed(surface: str, written: str, name: str) -> tuple[int, str]:
    """Where ``name`` starts in ``surface`` (role nouns before it are no part of the
    mention) and the written form of the mention from there."""
    if name == written:
        return 0, written
    offset = max(surface.rfind(name.split()[0]), 0)
    return offset, " ".join(surface[offset:].split())


def _mentions(text: str, found: Sequence[Found],
              added_of: Callable[[str], str | None] | None) -> list[_Item]:
    """The mentions of the spans in text order, each with the name it gives (role nouns
    stripped, unless it is a name the reader added)."""
    mentions: list[_Item] = []
    for start, end, label in sorted(found):
        surface = text[start:end]
        written, name, offset, form = _named(surface)
        if added_of is not None:
            added = added_of(written)
            if added is not None:
                if not added:
                    continue
                name = added
                offset, form = _trimmed(surface, written, added)
        if not name:
            continue
        if offset:
            start += offset
            surface = surface[offset:]
        mentions.append((Mention(start, end, surface), name, label, form))
    return mentions


def _normalised(mentions: list[_Item],
                added_of: Callable[[str], str | None] | None) -> list[_Item]:
    """The mentions with canonical names (genitives joined, nominative), except for the
    names the reader added."""
    names = {item[1] for item in mentions}
    done: dict[tuple[str, str], str] = {}
    out: list[_Item] = []
    for item in mentions:
        name, label = item[1], item[2]
        canonical = done.get((name, label))
        if canonical is None:
            added = added_of(name) if added_of is not None else None
            canonical = name if added == name else _canonical(name, names, label)
            done[name, label] = canonical
        out.append(item if canonical == name else (item[0], canonical, label, item[3]))
    return out


def _full_names(normal: list[_Item]) -> dict[str, str]:
    """Persons: a name that is the last part(s) of a longer person name joins it."""
    # In order of first mention (not a set): a tie between longer names goes to the one
    # mentioned first, the same in every process (a set's order follows the hash seed).
    person_names = list(dict.fromkeys(item[1] for item in normal if item[2] == "PER"))
    if len(person_names) < 2:
        return {}
    # Each multi-word name under each of its word-boundary suffixes ("Olaf Scholz" under
    # "Scholz"): a name's longer forms are those it is a suffix of.
    longer_of: dict[str, list[str]] = {}
    for other in person_names:
        space = other.find(" ")
        while space >= 0:
            longer_of.setdefault(other[space + 1:], []).append(other)
            space = other.find(" ", space + 1)
    full_of: dict[str, str] = {}
    counts: Counter[str] | None = None
    for name in person_names:
        longer = longer_of.get(name)
        if longer:
            if counts is None:
                counts = Counter(item[1] for item in normal)
            full_of[name] = max(longer, key=lambda o: (counts[o], len(o)))
    return full_of


def cluster(text: str, spans: Iterable[Span],
            keep: UserNames | Collection[str] = ()) -> list[Entity]:
    """Group the spans of ``text`` into entities, in order of first mention.

    Names in ``keep`` (those the reader added, e.g. "Oberst Reisner") are taken as written:
    no role noun is stripped from them, and with :class:`UserNames` their inflected forms
    ("Großbritanniens", "der Deutschen Bahn") are mentions of the name as written.

    Each entity's ``name`` is its most common full form (longest for persons), ``label``
    the most common label of its mentions, ``aliases`` the other surface forms, and ``key``
    is ``f"{label}:{name}"``.
    """
    return cluster_found(text, [(span.start, span.end, span.label) for span in spans], keep)


def cluster_found(text: str, found: Sequence[Found],
                  keep: UserNames | Collection[str] = ()) -> list[Entity]:
    """:func:`cluster` for spans given as ``(start, end, label)`` triples (as a corpus
    run's workers send them)."""
    added_of = _lookup(keep)
    normal = _normalised(_mentions(text, found, added_of), added_of)
    full_of = _full_names(normal)
    groups: dict[str, list[_Item]] = {}
    for item in normal:
        key = full_of.get(item[1], item[1]) if full_of else item[1]
        group = groups.get(key)
        if group is None:
            groups[key] = [item]
        else:
            group.append(item)
    entities: list[Entity] = []
    for name, items in groups.items():
        if len(items) == 1:  # most entities: no counting, no aliases to collect
            mention, _, label, form = items[0]
            entities.append(Entity(f"{label}:{name}", name, label,
                                   [form] if form != name else [], [mention]))
        else:
            entities.append(_entity(name, items))
    return entities


def _entity(name: str, items: list[_Item]) -> Entity:
    """The entity of a group of mentions named ``name`` (more than one)."""
    label = _most_common_label(items)
    surfaces: list[str] = []
    for item in items:
        form = item[3]
        if form != name and form not in surfaces:
            surfaces.append(form)
    return Entity(f"{label}:{name}", name, label, surfaces, [item[0] for item in items])
