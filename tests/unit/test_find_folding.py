"""Find folds case and German spelling; excerpts stay in their paragraph."""

from __future__ import annotations

import pytest

from reader.app.folding import find_pattern, fold
from reader.app.marks import excerpt, find_all


def found(text: str, query: str) -> list[str]:
    ranges = find_all(text, query)
    return [text[s:e] for s, e in zip(ranges.starts, ranges.ends, strict=True)]


def test_fold_makes_spellings_equal() -> None:
    assert fold("Straße") == fold("STRASSE") == fold("strasse") == "strasse"
    assert fold("Müller") == fold("Mueller") == fold("MÜLLER") == "mueller"
    assert fold("Ärger") == fold("aerger")


@pytest.mark.parametrize(("query", "expected"), [
    ("Grossbritannien", ["Großbritannien", "GROSSBRITANNIEN"]),
    ("großbritannien", ["Großbritannien", "GROSSBRITANNIEN"]),
    ("Aerger", ["Ärger", "ärger"]),
    ("ärger", ["Ärger", "ärger"]),
    ("Koeln", ["Köln"]),
    ("Kuehne", ["Kühne", "Ku\u0308hne"]),
])
def test_find_folds_german_spelling_and_case(query: str, expected: list[str]) -> None:
    text = ("Großbritannien und GROSSBRITANNIEN; Ärger in Köln, ärger noch "
            "bei Kühne und Ku\u0308hne.")
    assert found(text, query) == expected


def test_offsets_are_those_of_the_original_text() -> None:
    text = "Die Maße der Straße, dann die Strasse."
    ranges = find_all(text, "strasse")
    assert list(zip(ranges.starts, ranges.ends, strict=True)) == [(13, 19), (30, 37)]
    assert text[13:19] == "Straße"


def test_markup_and_regex_characters_are_literal() -> None:
    assert found("a [b] (c)+ d.*", "[b] (c)+") == ["[b] (c)+"]
    assert found("x.y xzy", "x.y") == ["x.y"]
    assert find_pattern("") is None
    assert found("text", "") == []


def test_limit() -> None:
    assert len(find_all("ss " * 50, "ss", limit=7).starts) == 7


TEXT = "Erster Absatz endet hier. Quelle: dpa\nMoskau lehnt den Vorschlag ab und sagt nein.\n" \
       "Dritter Absatz."


def test_excerpt_stops_at_the_paragraph() -> None:
    start = TEXT.index("Moskau")
    line, begin, end = excerpt(TEXT, start, start + len("Moskau"))
    assert "dpa" not in line and "Dritter" not in line
    assert line.startswith("Moskau")
    assert line[begin:end] == "Moskau"
    before = TEXT.index("dpa")
    line, begin, end = excerpt(TEXT, before, before + 3)
    assert "Moskau" not in line and line.endswith("dpa")
    assert line[begin:end] == "dpa" and line.startswith("…")
