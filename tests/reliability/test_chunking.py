"""Long texts are analysed in pieces: spaCy refuses texts over ``nlp.max_length`` (E088)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from app_support import SEED
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis import analyse, get_recogniser
from reader.analysis.chunking import chunks, spans_in_chunks
from reader.article import load

BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
PIECES = st.sampled_from(["Wort", " ", "\n", "\n\n", "\n \n", ". ", "! ", "e\u0301", "👨‍👩‍👧",
                          "\u200d", "x" * 30, "„Zitat.“ ", "\t"])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(TEXTS, st.integers(min_value=1, max_value=40))
def test_pieces_cover_the_text_within_the_limit(text: str, limit: int) -> None:
    pieces = list(chunks(text, limit))
    assert "".join(piece for _, piece in pieces) == text
    position = 0
    for index, (offset, piece) in enumerate(pieces):
        assert offset == position and 0 < len(piece) <= limit
        position += len(piece)
        last = index == len(pieces) - 1
        if not last and not BLANK_LINE.search(piece):
            # Cut inside a paragraph only when no paragraph boundary fits in the window.
            assert not BLANK_LINE.search(text, offset, offset + limit)


def test_paragraphs_are_packed_and_kept_whole() -> None:
    paragraphs = ["Erster Absatz hier.", "Zweiter Absatz.", "Dritter, etwas längerer Absatz."]
    text = "\n\n".join(paragraphs)
    pieces = [piece for _, piece in chunks(text, 40)]
    assert pieces == ["Erster Absatz hier.\n\nZweiter Absatz.\n\n",
                      "Dritter, etwas längerer Absatz."]


def test_a_long_paragraph_is_cut_after_a_sentence_else_a_space_else_anywhere() -> None:
    text = "Ein Satz. Noch ein Satz! Und ein dritter Satz ohne Ende"
    assert [p for _, p in chunks(text, 30)] == ["Ein Satz. Noch ein Satz! ",
                                                "Und ein dritter Satz ohne Ende"]
    assert [p for _, p in chunks("eins zwei drei vier", 10)] == ["eins zwei ", "drei vier"]
    assert [p for _, p in chunks("abcdefghij", 4)] == ["abcd", "efgh", "ij"]


def test_a_hard_cut_never_separates_combining_marks_or_joined_emoji() -> None:
    text = "e\u0301" * 10 + "👨‍👩‍👧" * 5
    for limit in range(5, 12):  # a cluster is up to 5 code points long
        for _, piece in chunks(text, limit):
            assert not unicodedata.combining(piece[0]) and piece[0] != "\u200d"
            assert piece[-1] != "\u200d"


def test_invalid_limit() -> None:
    with pytest.raises(ValueError):
        list(chunks("text", 0))
    assert list(chunks("", 5)) == []


def test_spans_of_repeated_blocks_are_the_block_spans_shifted() -> None:
    """Each piece holds one copy of the block: every copy gets the same spans, shifted."""
    recogniser = get_recogniser("embedded")
    block = "\n\n".join(load(SEED).text.split("\n\n")[:4])
    expected = recogniser.spans([block])[0]
    assert len(expected) > 5
    copies = 7
    text = "\n\n".join([block] * copies)
    spans = spans_in_chunks(recogniser.spans, text, len(block) + 2)
    step = len(block) + 2
    assert spans == [type(s)(s.start + k * step, s.end + k * step, s.label)
                     for k in range(copies) for s in expected]
    for span in spans:
        assert text[span.start:span.end] == block[span.start % step:span.end % step]


def test_analyse_a_text_longer_than_max_length(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    """With a small ``max_length`` the old single call fails (E088); analyse() does not."""
    recogniser = get_recogniser("embedded")
    article = load(SEED)
    text = "\n\n".join([article.text] * 3)
    monkeypatch.setattr(recogniser.nlp, "max_length", 2000)
    with pytest.raises(ValueError, match="E088"):
        recogniser.spans([text])
    analysis = analyse(text, model="embedded", cache_dir=tmp_path)
    mentions = analysis.mentions()
    assert len(mentions) > 3 * 20
    for mention, entity in mentions:
        assert text[mention.start:mention.end] == mention.text
        assert entity.label in ("PER", "ORG", "LOC", "MISC")
    # Clustering runs over the whole text: Peskow's mentions in every copy are one entity.
    peskow = [e for e in analysis.entities if e.name == "Dmitri Peskow"]
    assert len(peskow) == 1
    assert peskow[0].mentions[0].start < len(article.text) < 2 * len(article.text) + 4 < \
        peskow[0].mentions[-1].start
