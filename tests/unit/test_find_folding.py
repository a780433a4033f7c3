"""Find folds case and German spelling; excerpts stay in their paragraph."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reader.app import marks
from reader.app.folding import find_pattern, fold
from reader.app.marks import FindCancelled, excerpt, find_all


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


@given(st.text(alphabet="aäeoöuüsßSẞ \n\u0308xk", max_size=300),
       st.text(alphabet="aäeoöuüsßSẞ x", min_size=1, max_size=5),
       st.integers(min_value=1, max_value=40))
@settings(max_examples=300, deadline=None)
def test_a_window_at_a_time_finds_what_one_search_finds(text: str, query: str,
                                                         window: int) -> None:
    pattern = find_pattern(query)
    assume(pattern is not None)
    assert pattern is not None
    whole = [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
    original = marks.FIND_WINDOW
    marks.FIND_WINDOW = window
    try:
        ranges = find_all(text, query)
    finally:
        marks.FIND_WINDOW = original
    assert list(zip(ranges.starts, ranges.ends, strict=True)) == whole


def test_a_cancelled_find_stops_between_windows() -> None:
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2

    text = "Die Straße am Hafen. " * (3 * marks.FIND_WINDOW // 21 + 10)  # three windows
    with pytest.raises(FindCancelled):
        find_all(text, "strasse", cancelled=cancelled)
    assert len(asked) == 3
    assert len(find_all(text, "strasse", cancelled=lambda: False)) == text.count("Straße")
