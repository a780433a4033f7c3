"""The fast paths of loading long texts give exactly what the general rules give."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.article import from_text
from reader.formats import _LIST_ITEM, _squash, plain_blocks
from reader.sanitize import _CONTROLS, _ESCAPES, is_clean, strip_escapes

PIECES = st.sampled_from(["Wort", " ", "  ", "\n", "\n\n", "\n \n", "\t", "\f", "\v", "\xa0",
                          "- ", "1. ", "\x1b[31m", "\u2028", "\r", "\u202e", "ä", "„x“"])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=40).map("".join)


def _blocks_line_by_line(text: str) -> list[tuple[str, str]]:
    """Every paragraph through the line loop (what the one-line fast path must equal)."""
    blocks: list[tuple[str, str]] = []
    for chunk in re.split(r"\n[ \t]*\n", text):
        current: list[str] = []
        for line in chunk.split("\n"):
            if _LIST_ITEM.match(line) and current:
                blocks.append(("paragraph", _squash(" ".join(current))))
                current = []
            if line.strip():
                current.append(line.strip())
        if current:
            blocks.append(("paragraph", _squash(" ".join(current))))
    return [block for block in blocks if block[1]]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(TEXTS)
def test_plain_blocks_equal_the_line_loop(text: str) -> None:
    assert plain_blocks(text) == _blocks_line_by_line(text)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(TEXTS)
def test_strip_escapes_skips_only_texts_it_would_not_change(text: str) -> None:
    full = _CONTROLS.sub("", _ESCAPES.sub("", text))
    stripped = strip_escapes(text)
    assert stripped == re.sub("[\ud800-\udfff]", "\ufffd", full)
    if is_clean(text):
        assert stripped is text


def test_a_clean_text_keeps_its_offsets_and_blocks() -> None:
    body = "Erster Absatz mit  zwei Leerzeichen.\n\nZweiter\nAbsatz.\n\n- Punkt\n- Punkt zwei"
    article = from_text(body, "x.txt")
    assert [article.paragraph_text(p) for p in article.paragraphs] == [
        "Erster Absatz mit zwei Leerzeichen.", "Zweiter Absatz.", "- Punkt", "- Punkt zwei"]
    assert from_text("Titel\n\n\x1b[2JText", "y.txt").text == "Titel\n\nText"
