"""Canonical names of institutions and places: the nominative without an article.

A name is often written declined: "der Deutschen Bahn", "des Deutschen Bundestages", "dem
Roten Kreuz". :func:`nominative` gives the form a reference work uses ("Deutsche Bahn",
"Deutscher Bundestag", "Rotes Kreuz"), when the head noun is one whose gender the cue list
``head_genders`` in ``data/cues.json`` knows (a compound counts by its last part);
other names are left as they are, so a name that merely ends in -s ("Paris") or -en
("Bremen") never loses a letter.
"""

from __future__ import annotations

from functools import cache

from reader.analysis.resources import cues as shipped_cues

_DECLINED = ("en", "es", "em")


@cache
def _genders() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """Head noun -> ending of the adjective before it; (lower-case suffix, ending) pairs
    for compounds, longest first."""
    cues = shipped_cues()
    heads: dict[str, str] = {}
    for ending, nouns in cues["head_genders"].items():
        if ending.startswith("_"):
            continue
        for noun in nouns:
            heads[noun] = "e" if ending == "plural" else ending
    suffixes = sorted(((noun.lower(), ending) for noun, ending in heads.items()
                       if len(noun) >= 4), key=lambda pair: -len(pair[0]))
    return heads, tuple(suffixes)


def _head(word: str) -> tuple[str, str] | None:
    """(the head noun uninflected, the adjective ending it wants), or None if unknown."""
    heads, suffixes = _genders()
    for form in (word, word[:-2] if word.endswith("es") else "", word[:-1]
                 if word.endswith("s") else ""):
        if not form:
            continue
        if form in heads:
            return form, heads[form]
        low = form.lower()
        for suffix, ending in suffixes:
            if low.endswith(suffix) and len(low) > len(suffix):
                return form, ending
    return None


def _adjective_stem(word: str) -> str | None:
    """The stem of a capitalised declined adjective ("Deutschen" -> "Deutsch")."""
    if len(word) > 4 and word[:1].isupper() and word.isalpha():
        if word.endswith(_DECLINED):
            return word[:-2]
        if word.endswith("e"):
            return word[:-1]
    return None


def nominative(name: str) -> str:
    """``name`` in the nominative without an article, when its head noun is known:
    "Deutschen Bahn" -> "Deutsche Bahn", "Deutschen Bundestages" -> "Deutscher
    Bundestag", "Roten Kreuzes" -> "Rotes Kreuz"; else ``name`` unchanged."""
    words = name.split(" ")
    if len(words) < 2:
        return name
    found = _head(words[-1])
    if found is None:
        return name
    head, ending = found
    out: list[str] = []
    for word in words[:-1]:
        if word.endswith("er") and word[:1].isupper():
            out.append(word)  # "Frankfurter", "Deutscher": never declined here
            continue
        stem = _adjective_stem(word)
        if stem is None:
            return name  # "Bank für Internationalen ...": not an adjective + head name
        out.append(stem + ending)
    return " ".join([*out, head])


__all__ = ["nominative"]
