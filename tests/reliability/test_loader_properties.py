"""Property tests: random bytes and hostile Unicode through the article loader."""

from __future__ import annotations

import codecs

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.article import Article, from_bytes, from_text
from reader.errors import ArticleError
from reader.sanitize import is_safe

HOSTILE = st.sampled_from(
    [
        "\x1b[2J", "\x1b]0;pwned\x07", "\x1b]8;;http://x\x1b\\", "\x9b6n", "\x1bP+q\x1b\\",
        "[b]", "[/]", "[link=x]", "[@click=quit]", "\u202e", "\u2066", "\u200b", "\u200d",
        "\ufeff", "e\u0301", "👍🏽", "👨‍👩‍👧", "עברית", "العربية", "中文", "\t", "\r\n", "\r",
        "\n\n", "\x00", "\x7f", "\u2028", "\u0085", "# ", "* ", "<p>", "&amp;", "date 2025-01-01 ",
    ]
)
TEXTS = st.lists(st.one_of(st.text(max_size=20), HOSTILE), max_size=30).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


def check_article(article: Article) -> None:
    """Offsets are consistent and nothing unsafe reaches the text."""
    assert is_safe(article.text)
    assert is_safe(article.title)
    assert article.paragraphs
    for index, para in enumerate(article.paragraphs):
        chunk = article.text[para.start : para.end]
        assert chunk and "\n" not in chunk
        if index:
            assert article.text[article.paragraphs[index - 1].end : para.start] == "\n\n"
    assert article.paragraphs[-1].end == len(article.text)
    article.text.encode("utf-8")  # no lone surrogates


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes_load_or_fail_cleanly(data: bytes) -> None:
    try:
        article = from_bytes(data, "random")
    except ArticleError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        check_article(article)


@SETTINGS
@given(TEXTS, st.sampled_from(["text", "markdown", "html", None]))
def test_hostile_unicode_in_every_format(text: str, fmt: str | None) -> None:
    try:
        article = from_text(text, "hostile", fmt)
    except ArticleError:
        return
    check_article(article)


@SETTINGS
@given(TEXTS, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_encoded_round_trip(text: str, encoding: str) -> None:
    data = text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf") else
                       "replace")
    if encoding == "utf-8-sig":
        assert data.startswith(codecs.BOM_UTF8)
    try:
        article = from_bytes(data, "enc")
    except ArticleError:
        return
    check_article(article)
