"""Pure logic of the web stack: charsets, the built-in HTML parser, JSON-LD, lazy imports."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.article import BLOCK_KINDS, from_bytes
from reader.formats import html_blocks
from reader.web.charset import detect
from reader.web.extract import extract
from reader.web.jsonld import find_article


@pytest.mark.parametrize(("data", "content_type", "expected"), [
    (b"\xef\xbb\xbf<p>x</p>", "text/html; charset=iso-8859-1", ("utf-8-sig", "bom")),
    (b"<p>\xe4</p>", "text/html; charset=ISO-8859-15", ("iso8859-15", "header")),
    (b"<p>\xe4</p>", 'text/html; charset="latin1"', ("cp1252", "header")),
    (b'<meta charset="windows-1252"><p>\x84x\x93</p>', "text/html", ("cp1252", "meta")),
    (b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">', "",
     ("iso8859-15", "meta")),
    (b'<?xml version="1.0" encoding="ISO-8859-15"?><html/>', "", ("iso8859-15", "meta")),
    (b'<meta charset="utf-16"><p>x</p>', "", ("utf-8", "meta")),
    (b'<meta charset="no-such-codec"><p>gr\xc3\xbc\xc3\x9fe</p>', "", ("utf-8", "utf-8")),
    (b"<p>Stra\xdfe und M\xe4nner, sch\xf6n und gr\xfcn.</p>" * 4, "", ("cp1252", "guess")),
])
def test_charset_order(data: bytes, content_type: str, expected: tuple[str, str]) -> None:
    assert detect(data, content_type) == expected


def test_builtin_parser_keeps_the_article_header_headline() -> None:
    html = ("<header>Seitenlogo und Menü</header><article><header><span>Kicker</span>"
            "<h1>Die Schlagzeile</h1></header><p>Text des Artikels.</p></article>")
    _title, blocks, _date = html_blocks(html)
    assert ("heading", "Die Schlagzeile") in blocks
    assert all("Seitenlogo" not in text for _kind, text in blocks)


def test_builtin_parser_aria_hidden_hides_only_its_element() -> None:
    html = ('<article><p>Vorher <span aria-hidden="true">Symbol</span> nachher.</p>'
            '<p hidden>Versteckt</p><p>Der Rest bleibt.</p></article>')
    assert html_blocks(html)[1] == [("paragraph", "Vorher nachher."),
                                    ("paragraph", "Der Rest bleibt.")]


def test_builtin_parser_kinds() -> None:
    html = ("<main><h2>Zwischentitel</h2><ul><li>eins<li>zwei</ul><blockquote>Zitat"
            "</blockquote><table><tr><th>A<th>B<tr><td>1<td>2</table></main>")
    assert html_blocks(html)[1] == [
        ("heading", "Zwischentitel"), ("list_item", "eins"), ("list_item", "zwei"),
        ("quote", "Zitat"), ("table_row", "A | B"), ("table_row", "1 | 2")]


def test_builtin_parser_stray_and_unclosed_tags() -> None:
    # Linear time on such input is measured in bench/web_extract.py (no timing here).
    html = "<div>" * 3000 + "<p>x" * 3000 + "</span>" * 3000 + "<p>Ende</p>"
    blocks = html_blocks(html)[1]
    assert len(blocks) == 3001 and blocks[-1] == ("paragraph", "Ende")


def test_meta_charset_of_an_html_file() -> None:
    data = '<html><head><meta charset="iso-8859-15"></head><body><p>5 € Grüße</p>'.encode(
        "iso8859-15")
    article = from_bytes(data, "page.html")
    assert article.text == "5 € Grüße" and article.encoding == "iso8859-15"


def test_jsonld_graph_and_malformed_scripts() -> None:
    html = ('<script type="application/ld+json">{broken</script>'
            '<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, '
            '{"@type": ["NewsArticle"], "headline": "Kopf", "articleBody": "A\\nB", '
            '"author": [{"name": "X"}, {"name": "Y"}], "datePublished": "2025-01-02"}]}'
            '</script>')
    found = find_article(html)
    assert found is not None
    assert (found.headline, found.author, found.date) == ("Kopf", "X, Y", "2025-01-02")
    assert found.body_paragraphs() == ["A", "B"]


_TAGS = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<article>", "<header>", "<h1>",
                         "</h1>", "<ul><li>", "<br><br>", "<table><tr><td>", "<script>",
                         '<span aria-hidden="true">', "</span>", "<!--", "-->", "<?xml?>",
                         '<script type="application/ld+json">{"@type":"NewsArticle",'])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(_TAGS, st.text(max_size=30)), max_size=40))
def test_extraction_never_fails_on_odd_html(parts: list[str]) -> None:
    page = extract("".join(parts))
    for kind, text in page.blocks:
        assert kind in BLOCK_KINDS and text == text.strip() and "\n" not in text


def test_opening_a_file_imports_no_web_stack() -> None:
    code = ("import sys; from reader.article import load; load(sys.argv[1]); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('httpx', 'trafilatura', 'lxml', 'charset_normalizer', 'reader')))")
    out = subprocess.run([sys.executable, "-c", code, "seeds/000_11cfe1e1f379c513.txt"],
                         capture_output=True, text=True, check=True).stdout
    assert "httpx" not in out and "trafilatura" not in out and "lxml" not in out
    assert "'reader.web" not in out
