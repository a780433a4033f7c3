"""Every page of the local news site: the article is found whole, without clutter."""

from __future__ import annotations

from typing import Any

import pytest

from reader.config import Config
from reader.web import load_url
from reader.web.errors import ConsentWallError, NoArticleError


def _pages() -> list[Any]:
    from news_pages_extra import all_pages

    return all_pages()


ARTICLE_PAGES = [page.path for page in _pages() if page.story is not None]


@pytest.mark.parametrize("path", ARTICLE_PAGES)
def test_page_gives_the_whole_article_and_no_clutter(path: str, news_server: Any,
                                                     web_config: Config) -> None:
    page = news_server.pages[path]
    article = load_url(news_server.url(path), web_config)
    assert article.title == page.story.title
    assert article.date is not None and article.date.isoformat() == page.story.date
    found = [(p.kind, article.paragraph_text(p)) for p in article.paragraphs]
    missing = [text for _kind, text in page.story.blocks
               if text not in {text for _k, text in found}]
    assert len(missing) <= 0.05 * len(page.story.blocks), missing
    leaked = [s for s in page.clutter if s in article.text]
    assert leaked == []
    assert article.source == news_server.url(path)
    assert article.format == "html"
    for paragraph in article.paragraphs:
        assert "\n" not in article.paragraph_text(paragraph)


def test_block_kinds_are_kept(news_server: Any, web_config: Config) -> None:
    path = "/land/haushalt-familien"
    article = load_url(news_server.url(path), web_config)
    found = [(p.kind, article.paragraph_text(p)) for p in article.paragraphs]
    assert found == [("heading", article.title), *news_server.pages[path].story.blocks]


def test_legacy_charsets_are_decoded(news_server: Any, web_config: Config) -> None:
    market = load_url(news_server.url("/markt.html"), web_config)
    assert market.encoding == "cp1252"
    assert "„So viele Erdbeeren" in market.text and "80.000 €" in market.text
    harbour = load_url(news_server.url("/hafenfest.xhtml"), web_config)
    assert harbour.encoding == "iso8859-15"
    assert "5 € für die Pflege" in harbour.text
    train = load_url(news_server.url("/regionalbahn.html"), web_config)
    assert train.title == "Regionalbahn fährt wieder nach Plan – fast"  # cp1252 "–"


def test_metadata(news_server: Any, web_config: Config) -> None:
    teaser = load_url(news_server.url("/region/altes-land-frost-a1234"), web_config)
    assert teaser.author == "Merle Achterberg"
    assert teaser.site == "Elbe-Kurier"
    amp = load_url(news_server.url("/amp/verkehr/bruecke-123.html"), web_config)
    assert amp.url == "https://nordblatt.example/verkehr/bruecke-123.html"  # canonical


def test_consent_wall_is_an_error(news_server: Any, web_config: Config) -> None:
    url = news_server.url("/politik/consent-gate")
    with pytest.raises(ConsentWallError, match="consent wall") as info:
        load_url(url, web_config)
    assert url in str(info.value) and "\n" not in str(info.value)


def test_page_without_article_is_an_error(news_server: Any, web_config: Config) -> None:
    with pytest.raises(NoArticleError, match="no article text"):
        load_url(news_server.url("/app/start"), web_config)
