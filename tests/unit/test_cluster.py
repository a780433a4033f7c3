"""Clustering mentions into entities."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reader.analysis.cluster import cluster, strip_roles
from reader.analysis.model import Span


def _spans(text: str, *items: tuple[str, str, int]) -> list[Span]:
    """Spans for the n-th occurrence of each surface string."""
    out = []
    for surface, label, nth in items:
        start = -1
        for _ in range(nth + 1):
            start = text.index(surface, start + 1)
        out.append(Span(start, start + len(surface), label))
    return out


def test_role_first_name_and_surname_are_one_person() -> None:
    text = ("Kremlsprecher Dmitri Peskow sagte etwas. Peskow betonte es. "
            "Dmitri Peskow wiederholte es.")
    spans = _spans(text, ("Kremlsprecher Dmitri Peskow", "PER", 0), ("Peskow", "PER", 1),
                   ("Dmitri Peskow", "PER", 1))
    [entity] = cluster(text, spans)
    assert entity.name == "Dmitri Peskow"
    assert entity.key == "PER:Dmitri Peskow"
    assert entity.aliases == ["Peskow"]
    assert [text[m.start:m.end] for m in entity.mentions] == [
        "Dmitri Peskow", "Peskow", "Dmitri Peskow"]
    assert all(m.text == text[m.start:m.end] for m in entity.mentions)


def test_genitives_join_their_base_without_mangling_names_in_s() -> None:
    text = "Russlands Armee. Russland. Kiews Bürger. Kiew. Paris und Paris. Frankreichs."
    spans = _spans(text, ("Russlands", "LOC", 0), ("Russland", "LOC", 1), ("Kiews", "LOC", 0),
                   ("Kiew", "LOC", 1), ("Paris", "LOC", 0), ("Paris", "LOC", 1),
                   ("Frankreichs", "LOC", 0))
    entities = {e.name: e for e in cluster(text, spans)}
    assert set(entities) == {"Russland", "Kiew", "Paris", "Frankreich"}
    assert entities["Russland"].aliases == ["Russlands"]
    assert entities["Kiew"].count == 2
    assert entities["Paris"].count == 2 and entities["Paris"].aliases == []


def test_majority_label_and_first_mention_order() -> None:
    text = "Nato und Nato und Nato, dann Moskau."
    spans = _spans(text, ("Nato", "ORG", 0), ("Nato", "LOC", 1), ("Nato", "ORG", 2),
                   ("Moskau", "LOC", 0))
    entities = cluster(text, spans)
    assert [(e.name, e.label, e.count) for e in entities] == [("Nato", "ORG", 3),
                                                              ("Moskau", "LOC", 1)]


def test_strip_roles() -> None:
    assert strip_roles("US-Präsident Donald Trump") == "Donald Trump"
    assert strip_roles("Oberst Reisner") == "Reisner"
    assert strip_roles("Präsident") == "Präsident"



TIE = "Anna Keller kam. Lena Keller ging. Keller blieb."
TIE_SPANS = [("Anna Keller", "PER", 0), ("Lena Keller", "PER", 0), ("Keller", "PER", 2)]


def test_a_tie_between_full_names_goes_to_the_first_mentioned_in_every_process() -> None:
    """"Keller" could join either full name (one mention each, same length): it joins the
    one mentioned first, whatever the process's hash seed."""
    entities = cluster(TIE, _spans(TIE, *TIE_SPANS))
    assert [(e.name, len(e.mentions)) for e in entities] == [("Anna Keller", 2),
                                                             ("Lena Keller", 1)]
    script = ("import sys; sys.path.insert(0, sys.argv[1]); "
              "from test_cluster import TIE, TIE_SPANS, _spans, cluster; "
              "print([len(e.mentions) for e in cluster(TIE, _spans(TIE, *TIE_SPANS))])")
    for seed in ("1", "2", "3", "4", "5", "6", "7", "8"):
        out = subprocess.run([sys.executable, "-c", script, str(Path(__file__).parent)],
                             capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": seed})
        assert out.stdout.strip() == "[2, 1]", (seed, out.stdout)
