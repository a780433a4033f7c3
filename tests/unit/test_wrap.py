"""Wrapping paragraphs into display lines that keep their text offsets."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.wrap import (
    Line,
    _wrap_cells,
    _wrap_narrow,
    cell_offset,
    is_narrow,
    wrap_blocks,
    wrap_paragraph,
)

_narrow_text = st.text(alphabet=st.sampled_from(list("ab cdé\tÜß-.„“")), max_size=200)
_any_text = st.text(
    alphabet=st.one_of(st.sampled_from(list("ab c\t日本語😀é\u0301")), st.characters()),
    max_size=120,
).map(lambda s: s.replace("\n", " "))


def _check_cover(text: str, lines: list[Line], width: int) -> None:
    assert lines[0].start == 0
    assert lines[-1].end == len(text)
    for before, after in itertools.pairwise(lines):
        assert before.end == after.start
        assert before.end > before.start
    for line in lines:
        assert cell_len(text[line.start : line.end].rstrip(" \t")) <= max(width, 8)


@given(_narrow_text, st.integers(min_value=1, max_value=40))
def test_fast_path_matches_word_wrapping(text: str, width: int) -> None:
    width = max(width, 8)
    assert _wrap_narrow(text, 0, len(text), width, 0) == _wrap_cells(text, 0, len(text), width, 0)


@given(_any_text, st.integers(min_value=1, max_value=40))
def test_lines_cover_the_paragraph_within_the_width(text: str, width: int) -> None:
    lines = wrap_paragraph(text, 0, len(text), width, 3)
    assert all(line.paragraph == 3 for line in lines)
    if text:
        _check_cover(text, lines, width)
    else:
        assert lines == [Line(0, 0, 3)]


def test_breaks_at_spaces_and_keeps_no_break_spaces() -> None:
    text = "Der Kreml\u00a0sprecher sagte heute etwas"
    lines = wrap_paragraph(text, 0, len(text), 12, 0)
    assert [text[line.start : line.end] for line in lines] == [
        "Der ", "Kreml\u00a0sprech", "er sagte ", "heute etwas"
    ]


def test_wide_characters_count_two_cells() -> None:
    text = "日本語の文章です"  # 8 characters, 16 cells
    lines = wrap_paragraph(text, 0, len(text), 8, 0)
    assert [text[line.start : line.end] for line in lines] == ["日本語の", "文章です"]
    assert not is_narrow(text)


def test_blocks_are_separated_by_blank_lines() -> None:
    from reader.article import from_text

    article = from_text("Erster Absatz hier.\n\nZweiter Absatz.", "x.txt", "text")
    lines = wrap_blocks(article.text, article.paragraphs, 10)
    kinds = [line.paragraph for line in lines]
    assert kinds == [0, 0, 0, -1, 1, 1]


def test_cell_offset_maps_columns_to_text_offsets() -> None:
    assert cell_offset("abcdef", 1, 5, 2) == 3
    assert cell_offset("abcdef", 1, 5, 99) == 5
    assert cell_offset("日本語", 0, 3, 3) == 1
