"""The German sentence splitter and the intro cap (glossary.text)."""

from __future__ import annotations

import pytest

from glossary.text import INTRO_CAP, cap, first_sentences, split_sentences

TEXT = ("Marta Beispiel (* 3. Mai 1961 in St. Gallen) ist eine Schweizer Juristin. "
        "Sie war die 12. Präsidentin des Gerichts, u. a. zuständig für Verträge. "
        "Dr. Beispiel lehrt seit 2010 z. B. an der Universität Bern. "
        "Ihr erstes Buch erschien 1998. Danach folgten weitere! Wer kennt sie nicht?")


def test_sentences_are_cut_at_real_ends_only() -> None:
    assert split_sentences(TEXT) == [
        "Marta Beispiel (* 3. Mai 1961 in St. Gallen) ist eine Schweizer Juristin.",
        "Sie war die 12. Präsidentin des Gerichts, u. a. zuständig für Verträge.",
        "Dr. Beispiel lehrt seit 2010 z. B. an der Universität Bern.",
        "Ihr erstes Buch erschien 1998.",
        "Danach folgten weitere!",
        "Wer kennt sie nicht?",
    ]


@pytest.mark.parametrize(("text", "pieces"), [
    ("Er ist der 45. Präsident. Danach kam nichts.", 2),       # ordinal
    ("Am 7. Oktober 1952 geboren. Mehr nicht.", 2),             # date
    ("John F. Kennedy war hier. Ja.", 2),                       # initial
    ("Sie sagte (es war spät. Sehr spät.) nichts. Ende.", 2),   # parentheses
    ("Im Jahr 2003. Dann 2004.", 2),                            # a year ends a sentence
    ("Preise ca. Zehn Euro. Gut.", 2),                          # abbreviation
    ("kein ende. weiter klein.", 1),                            # lower case goes on
])
def test_boundaries(text: str, pieces: int) -> None:
    assert len(split_sentences(text)) == pieces


def test_first_sentences() -> None:
    assert first_sentences(TEXT, 2).endswith("zuständig für Verträge.")
    assert first_sentences(TEXT, 50) == TEXT
    assert first_sentences("Ein Satz ohne Ende", 1) == "Ein Satz ohne Ende"


def test_cap_keeps_whole_sentences() -> None:
    long = "Ein kurzer Satz steht hier. " * 1000
    capped = cap(long)
    assert len(capped) <= INTRO_CAP and capped.endswith("hier.")
    no_end = "wort " * 2000
    assert len(cap(no_end)) <= INTRO_CAP and cap(no_end).endswith("…")
    assert cap("kurz") == "kurz"
