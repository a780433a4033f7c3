"""The words of an article and the mark of mark mode (reader.app.words, no Textual)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.app.words import Mark, Words

TEXT = "Kremlsprecher Dmitri Peskow: Nato-Staaten, O'Neill und AT&T am 04.09.2025."


def test_words_follow_the_german_tokenizer() -> None:
    words = Words(TEXT)
    found = [TEXT[s:e] for s, e in zip(words.starts, words.ends, strict=True)]
    assert found == ["Kremlsprecher", "Dmitri", "Peskow", "Nato-Staaten", "O'Neill", "und",
                     "AT&T", "am", "04.09.2025"]


def test_at_within_and_covering() -> None:
    words = Words(TEXT)
    peskow = TEXT.index("Peskow")
    assert words.at(peskow + 2) == 2
    assert words.at(peskow + len("Peskow")) == 3  # ":" is no word: the next one
    assert words.at(len(TEXT)) == len(words) - 1
    assert Words("  ").at(0) is None
    assert words.covering(TEXT.index("Dmitri") + 1, peskow + 1) == (1, 2)
    assert words.covering(peskow + 6, peskow + 7) is None
    assert words.within(0, TEXT.index("Peskow"), TEXT.index("Dmitri") + 3) == 1
    assert words.within(0, 13, 500) == 0  # clamped to the range's words


def test_mark_moves_collapse_and_extensions_grow_or_shrink() -> None:
    words = Words(TEXT)
    mark = Mark(1, 2)  # "Dmitri Peskow"
    assert TEXT[slice(*mark.span(words))] == "Dmitri Peskow"
    mark.move(words, -1, extend=True)
    assert TEXT[slice(*mark.span(words))] == "Dmitri"
    mark.move(words, -1, extend=True)
    assert TEXT[slice(*mark.span(words))] == "Kremlsprecher Dmitri"
    mark.move(words, 1)
    assert TEXT[slice(*mark.span(words))] == "Dmitri"
    mark.move(words, -5)
    assert (mark.anchor, mark.cursor) == (0, 0)  # clamped
    mark.go(3, extend=True)
    assert TEXT[slice(*mark.span(words))] == "Kremlsprecher Dmitri Peskow: Nato-Staaten"


@given(st.text(alphabet="ab -'.,\n", max_size=40), st.integers(0, 45))
def test_at_is_a_word_or_none(text: str, offset: int) -> None:
    words = Words(text)
    index = words.at(offset)
    assert (index is None) == (len(words) == 0)
    if index is not None:
        start, end = words.span(index, index)
        assert text[start:end].strip(" -'.,\n") == text[start:end]
