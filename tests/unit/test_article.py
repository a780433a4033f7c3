"""Article loading: encodings, BOMs, newlines, formats, the date line and offsets."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest

from reader.article import MAX_BYTES, Article, from_bytes, from_text, load
from reader.errors import ArticleError

GERMAN = "Größere Straßen in Köln\n\nDer Bürgermeister äußerte sich über Düsseldorf.\n"


def assert_offsets(article: Article) -> None:
    """Every paragraph's offsets slice exactly its text; paragraphs are separated by \\n\\n."""
    previous_end = None
    for para in article.paragraphs:
        chunk = article.text[para.start : para.end]
        assert chunk and "\n" not in chunk and chunk == chunk.strip()
        if previous_end is not None:
            assert article.text[previous_end : para.start] == "\n\n"
        previous_end = para.end
    assert article.paragraphs[0].start == 0
    assert article.paragraphs[-1].end == len(article.text)


@pytest.mark.parametrize(
    "encoded",
    [
        GERMAN.encode("utf-8"),
        codecs.BOM_UTF8 + GERMAN.encode("utf-8"),
        codecs.BOM_UTF16_LE + GERMAN.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + GERMAN.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + GERMAN.encode("utf-32-le"),
        GERMAN.encode("cp1252"),
        GERMAN.encode("latin-1"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32le-bom", "cp1252", "latin1"],
)
def test_encodings_decode_to_the_same_text(encoded: bytes) -> None:
    article = from_bytes(encoded, "x.txt")
    assert article.text == (
        "Größere Straßen in Köln\n\nDer Bürgermeister äußerte sich über Düsseldorf."
    )
    assert article.title == "Größere Straßen in Köln"
    assert not article.text.startswith("\ufeff")
    assert_offsets(article)


def test_cp1252_specific_characters() -> None:
    article = from_bytes("„Zitat“ – 5 € … ok".encode("cp1252"))
    assert article.text == "„Zitat“ – 5 € … ok"
    assert article.encoding == "cp1252"


def test_undefined_cp1252_bytes_fall_back_to_latin1() -> None:
    article = from_bytes(b"caf\xe9 \x81 ok")  # 0x81 is undefined in cp1252
    assert article.text.startswith("café")


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_newlines_are_normalised(newline: str) -> None:
    raw = newline.join(["Titel", "", "Erster Absatz", "geht weiter.", "", "Zweiter."])
    article = from_text(raw)
    assert "\r" not in article.text
    assert article.text == "Titel\n\nErster Absatz geht weiter.\n\nZweiter."
    assert_offsets(article)


def test_text_is_nfc_normalised() -> None:
    decomposed = "Mu\u0308nchen"  # u + combining diaeresis
    article = from_text(decomposed)
    assert article.text == "München"


def test_seed_date_line_is_metadata(seed_path: Path) -> None:
    article = load(seed_path)
    assert article.date == dt.date(2025, 9, 5)
    assert not article.text.startswith("date")
    assert article.text.startswith("Die Koalition der Willigen zeigt Einigkeit")
    assert article.title.startswith("Die Koalition der Willigen")
    assert len(article.title) <= 121
    assert len(article.paragraphs) > 20
    assert_offsets(article)
    first = article.paragraph_text(article.paragraphs[0])
    assert first.endswith("Moskau lehnt jedoch internationale Truppen in der Ukraine ab.")


def test_date_line_with_invalid_date_stays_text() -> None:
    article = from_text("date 2025-13-45 Hallo Welt")
    assert article.date is None
    assert article.text == "date 2025-13-45 Hallo Welt"


def test_markdown_input() -> None:
    md = (
        "---\nauthor: x\n---\n# Die Überschrift\n\nEin *wichtiger* Absatz mit "
        "[einem Link](https://example.org)\nüber zwei Zeilen.\n\n## Teil 2\n\n"
        "- Punkt eins\n- Punkt zwei\n\n```\ncode hier\n```\n"
    )
    article = from_text(md, "a.md")
    assert article.format == "markdown"
    assert article.title == "Die Überschrift"
    texts = [(p.kind, article.paragraph_text(p)) for p in article.paragraphs]
    assert texts == [
        ("heading", "Die Überschrift"),
        ("paragraph", "Ein wichtiger Absatz mit einem Link über zwei Zeilen."),
        ("heading", "Teil 2"),
        ("paragraph", "Punkt eins"),
        ("paragraph", "Punkt zwei"),
        ("paragraph", "code hier"),
    ]
    assert_offsets(article)


def test_html_keeps_readable_text_only() -> None:
    html = """<!DOCTYPE html><html><head><title>Seite &amp; Titel</title>
    <meta property="article:published_time" content="2024-02-03T10:00:00Z">
    <style>p { color: red }</style><script>alert("x")</script></head>
    <body><nav><a href="/">Start</a> | <a href="/x">Menü</a></nav>
    <article><h1>Große Nachricht</h1><p>Erster <b>fetter</b> Absatz &ndash; mit
    Umbruch.</p><script>var hidden = 1;</script><p>Zweiter Absatz.</p>
    <ul><li>Eins</li><li>Zwei</li></ul></article>
    <footer>Impressum</footer></body></html>"""
    article = from_text(html, "page.html")
    assert article.format == "html"
    assert article.title == "Große Nachricht"  # the headline, not the <title>
    assert article.date == dt.date(2024, 2, 3)
    texts = [article.paragraph_text(p) for p in article.paragraphs]
    assert texts == [
        "Große Nachricht",
        "Erster fetter Absatz – mit Umbruch.",
        "Zweiter Absatz.",
        "Eins",
        "Zwei",
    ]
    assert [p.kind for p in article.paragraphs] == [
        "heading", "paragraph", "paragraph", "list_item", "list_item"]
    for word in ("alert", "color", "Menü", "Impressum", "hidden"):
        assert word not in article.text
    assert_offsets(article)


def test_html_is_sniffed_without_extension() -> None:
    article = from_text("<html><body><p>Hallo</p><p>Welt</p></body></html>", "<stdin>")
    assert article.format == "html"
    assert article.text == "Hallo\n\nWelt"


def test_escape_sequences_and_controls_are_removed() -> None:
    raw = (
        "Ti\x1b[31mtel\x1b[0m\n\nA\x1b]8;;http://evil\x07link\x1b]8;;\x07 B\x07C\x00D\x08E"
        "\x1b]0;title\x1b\\F\u202eG\x9b2JH\tI"
    )
    article = from_text(raw)
    assert article.text == "Titel\n\nAlink BCDEFGH\tI"
    assert "\x1b" not in article.text


def test_markup_like_text_is_kept_verbatim() -> None:
    raw = "[b]fett[/b] [/] [link=https://x]x[/link] [@click=quit]raus[/]"
    article = from_text(raw)
    assert article.text == raw


def test_plain_text_list_items_become_paragraphs() -> None:
    article = from_text("Einkauf:\n- Brot\n- Milch\n1. eins")
    assert [article.paragraph_text(p) for p in article.paragraphs] == [
        "Einkauf:", "- Brot", "- Milch", "1. eins",
    ]


def test_paragraph_at() -> None:
    article = from_text("Eins\n\nZwei\n\nDrei")
    assert [article.paragraph_at(i) for i in (0, 4, 6, 11, 13)] == [0, 0, 1, 1, 2]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"abc\x00def", "NUL"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (bytes(range(1, 32)) * 20, "binary"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "UTF-16"),
    ],
)
def test_bad_bytes_raise_article_error(data: bytes, message: str) -> None:
    with pytest.raises(ArticleError, match=message):
        from_bytes(data, "f")


def test_too_large(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        out.truncate(MAX_BYTES + 1)
    with pytest.raises(ArticleError, match="limit"):
        load(big)


def test_markdown_front_matter_gives_title_and_date() -> None:
    md = '---\ntitle: "Ein Titel"\ndate: 2026-03-12\ntags:\n  - a\n---\n# Überschrift\n\nText.\n'
    article = from_text(md, "a.md")
    assert article.title == "Ein Titel"
    assert article.date == dt.date(2026, 3, 12)
    assert article.text == "Überschrift\n\nText."


def test_markdown_date_line_after_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text("---\nsource: x\n---\ndate 2026-03-12\n\n# Kopf\n\nAbsatz.\n")
    article = load(path)
    assert article.date == dt.date(2026, 3, 12)
    assert article.title == "Kopf"
    assert article.text == "Kopf\n\nAbsatz."


def test_sample_seeds_load(seed_path: Path) -> None:
    for path in sorted(seed_path.parent.iterdir()):
        article = load(path)
        assert article.paragraphs, path
        assert_offsets(article)
