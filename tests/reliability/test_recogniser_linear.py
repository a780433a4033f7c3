"""The recogniser is linear in its input: long tokens and punctuation runs cannot stall it.

spaCy's tokenizer is quadratic on a run of punctuation without a space, and the embedded
recogniser used to be quadratic on long capitalised words, on many legal forms and on
chains of slashes; ``reader.analysis.defuse`` and linear rules fixed that. These tests give
the recogniser such inputs and check the result, with a generous time budget per character
(15 to 100 times what the recogniser needs): a quadratic step would exceed it by hundreds of
times, so the check does not depend on the machine's load. The 1 MB sizes of the goal
("every input up to 1 MB in under 2 s") are measured by ``bench/ner_limits.py`` and run as
soak tests here.
"""

from __future__ import annotations

import time

import pytest
from hostile import settings_for
from hypothesis import given
from hypothesis import strategies as st

from reader.analysis import get_recogniser
from reader.analysis.defuse import MAX_PUNCT_RUN, MAX_WORD, defuse
from reader.analysis.model import Span

#: Seconds allowed per character (the recogniser needs 1-7 microseconds).
BUDGET_PER_CHAR = 100e-6
#: Seconds allowed for any input, whatever its size (start-up of a call).
BUDGET_BASE = 0.5


def _timed_spans(text: str) -> tuple[list[Span], float]:
    recogniser = get_recogniser("embedded")
    started = time.perf_counter()
    spans = recogniser.spans([text])[0]
    return spans, time.perf_counter() - started


def _check_linear(text: str) -> list[Span]:
    spans, elapsed = _timed_spans(text)
    budget = BUDGET_BASE + BUDGET_PER_CHAR * len(text)
    assert elapsed < budget, f"{len(text)} characters took {elapsed:.2f} s (budget {budget:.2f})"
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
    return spans


def _repeat(piece: str, size: int) -> str:
    return (piece * (size // len(piece) + 1))[:size]


def _inputs(size: int) -> dict[str, str]:
    half = (size - 5) // 2
    return {
        "one long word": "Q" + "u" * (size - 1),
        "brackets around a name": "[" * half + "Paris" + "]" * half,
        "stars": "*" * size,
        "euro signs": "€" * size,
        "comma chain": _repeat("a,", size),
        "one line of prose": _repeat("Die Quendel AG und Max Muster fuhren nach Bonn/Köln. ",
                                     size),
        "legal forms": _repeat("Quarz GmbH ", size),
        "spaces": " " * size,
        "double spaces": _repeat("a  ", size),
    }


@pytest.mark.parametrize("name", list(_inputs(10)))
def test_long_inputs_are_analysed_in_linear_time(name: str) -> None:
    text = _inputs(200_000)[name]
    spans = _check_linear(text)
    if name == "brackets around a name":
        assert [(text[s.start:s.end], s.label) for s in spans] == [("Paris", "LOC")]
    if name == "one line of prose":
        found = {text[s.start:s.end] for s in spans}
        assert {"Quendel AG", "Max Muster"} <= found


_PUNCT = st.sampled_from("*[](){}<>!?.,;:'\"„“«»-–_/\\|#%&€$§+=~^`@")
_LETTERS = st.sampled_from("aeinrstAEMPQXäöüß")


@st.composite
def _long_runs(draw: st.DrawFn) -> str:
    """A long token or punctuation run (a short random piece repeated), with prose around."""
    piece = draw(st.lists(st.one_of(_PUNCT, _PUNCT, _LETTERS), min_size=1, max_size=8)
                 .map("".join))
    size = draw(st.integers(5_000, 30_000))
    before = draw(st.sampled_from(["", "Anna Quast sagte: ", "In Berlin "]))
    return before + _repeat(piece, size) + draw(st.sampled_from(["", " in Hamburg."]))


@settings_for(25, shrink=False)
@given(_long_runs())
def test_generated_long_tokens_and_punctuation_runs_stay_within_budget(text: str) -> None:
    _check_linear(text)


@settings_for(200)
@given(st.text(st.characters(exclude_categories=()), max_size=400))
def test_defuse_keeps_offsets_letters_and_digits(text: str) -> None:
    safe = defuse(text)
    assert len(safe) == len(text)
    for before, after in zip(text, safe, strict=True):
        if before.isalnum():
            assert after == before
        else:
            assert after in (before, " ", "\ufffd")
    assert "*" * MAX_PUNCT_RUN not in safe


def test_defuse_leaves_ordinary_text_alone() -> None:
    text = "„Wirklich?!“, fragte sie... (Bonn/Köln) – 3,5 % mehr: https://example.org/a-b."
    assert defuse(text) == text
    url = "https://example.org/" + "a-b/" * MAX_WORD
    assert defuse(url).split()[:3] == ["https", "example", "org"]


@pytest.mark.soak
@pytest.mark.parametrize("name", list(_inputs(10)))
def test_one_megabyte_inputs_are_analysed_in_linear_time(name: str) -> None:
    _check_linear(_inputs(1_000_000)[name])
