"""Issue 17: Markdown nested 10+ list levels or 20+ quote levels lost the rest of the
document silently. Deep nesting is flattened now: every word is kept, in order."""

from __future__ import annotations

import re

import pytest

from reader.article import from_text
from reader.formats import markdown_blocks


def words(blocks: list[tuple[str, str]]) -> list[str]:
    return [w for _, text in blocks for w in text.split()]


def nested_list(depth: int, indent: str = "  ") -> str:
    return "".join(f"{indent * i}- Ebene{i}\n" for i in range(depth)) + "\nDanach.\n"


def nested_quotes(depth: int) -> str:
    return "".join(">" * i + f" Zitat{i}\n\n" for i in range(1, depth + 1)) + "Danach.\n"


CASES = {
    "list 12": (nested_list(12), [f"Ebene{i}" for i in range(12)] + ["Danach."]),
    "list 12, numbered": ("".join(f"{'   ' * i}1. Punkt{i}\n" for i in range(12)) + "Ende\n",
                          [f"Punkt{i}" for i in range(12)] + ["Ende"]),
    "quotes 25": (nested_quotes(25), [f"Zitat{i}" for i in range(1, 26)] + ["Danach."]),
    "quote then list": ("> " * 15 + "- " * 10 + "tief\n" + "> " * 15 + "weiter\n\nEnde\n",
                        ["tief", "weiter", "Ende"]),
    "markers on one line": ("- " * 40 + "Listenwort\n\n" + "> " * 40 + "Zitatwort\n\nEnde\n",
                            ["Listenwort", "Zitatwort", "Ende"]),
    "paragraphs deep down": ("> " * 30 + "erster *Absatz*\n" + "> " * 30 + "\n" + "> " * 30
                             + "zweiter [Absatz](http://x)\n\nEnde\n",
                             ["erster", "Absatz", "zweiter", "Absatz", "Ende"]),
}


@pytest.mark.parametrize("case", CASES)
def test_deep_nesting_keeps_every_word_in_order(case: str) -> None:
    text, expected = CASES[case]
    assert words(markdown_blocks(text)) == expected


def test_flattened_paragraphs_stay_apart_and_inline_markup_is_parsed() -> None:
    blocks = markdown_blocks(CASES["paragraphs deep down"][0])
    assert blocks == [("paragraph", "erster Absatz"), ("paragraph", "zweiter Absatz"),
                      ("paragraph", "Ende")]


def test_very_deep_nesting_is_kept_without_recursion_errors() -> None:
    """Hundreds of levels (a tenth of a megabyte of indentation or quote markers)."""
    depth = 300
    assert words(markdown_blocks(nested_list(depth))) == (
        [f"Ebene{i}" for i in range(depth)] + ["Danach."])
    assert words(markdown_blocks(nested_quotes(depth))) == (
        [f"Zitat{i}" for i in range(1, depth + 1)] + ["Danach."])
    for marker in ("> ", "- ", "1. ", "- > "):
        assert words(markdown_blocks(marker * depth + "ganz unten\n")) == ["ganz", "unten"]


def test_shallow_markdown_is_unchanged() -> None:
    text = "# Titel\n\n- eins\n  - zwei\n\n> Zitat\n> > tiefer\n\n[ref]: http://x\n\nEnde\n"
    assert markdown_blocks(text) == [("heading", "Titel"), ("paragraph", "eins"),
                                     ("paragraph", "zwei"), ("paragraph", "Zitat"),
                                     ("paragraph", "tiefer"), ("paragraph", "Ende")]


def test_article_from_deep_markdown_keeps_the_text() -> None:
    article = from_text(nested_list(15), "tief.md")
    assert re.findall(r"Ebene\d+", article.text) == [f"Ebene{i}" for i in range(15)]
    assert article.text.endswith("Danach.")
