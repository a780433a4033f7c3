"""Fetching over HTTP: errors are one line naming the URL and the cause; limits hold."""

from __future__ import annotations

from typing import Any

import pytest

from reader.config import Config
from reader.errors import ReaderError
from reader.web import load_url
from reader.web.errors import (
    FetchError,
    HttpStatusError,
    TooLargeError,
    UnsupportedTypeError,
)


@pytest.mark.parametrize(("path", "error", "cause"), [
    ("/status/404", HttpStatusError, "HTTP 404"),
    ("/status/500", HttpStatusError, "HTTP 500"),
    ("/hang", FetchError, "timed out after 0.5 s"),
    ("/loop", FetchError, "too many redirects"),
    ("/redirect/6", FetchError, "too many redirects"),
    ("/big", TooLargeError, "larger than the limit of 16 MiB"),
    ("/big-declared", TooLargeError, "20.0 MiB; the limit is 16 MiB"),
    ("/doc.pdf", UnsupportedTypeError, "a PDF document, not a web page"),
    ("/bild.png", UnsupportedTypeError, "a PNG image, not a web page"),
    ("/feed.xml", UnsupportedTypeError, "text/xml, not a web page"),
])
def test_fetch_errors(path: str, error: type[Exception], cause: str, news_server: Any,
                      web_config: Config) -> None:
    url = news_server.url(path)
    with pytest.raises(error) as info:
        load_url(url, web_config)
    message = str(info.value)
    assert message.startswith(url) and cause in message and "\n" not in message


def test_a_page_that_trickles_in_times_out(news_server: Any, web_config: Config) -> None:
    config = web_config.with_overrides(timeout=0.2)  # whole download: at most 0.6 s
    with pytest.raises(FetchError, match=r"timed out after 0\.6 s"):
        load_url(news_server.url("/trickle"), config)


def test_connection_refused(web_config: Config) -> None:
    from news_server import NewsServer

    url = NewsServer.refused_url()
    with pytest.raises(FetchError, match="connection refused"):
        load_url(url, web_config)


def test_five_redirects_are_followed(news_server: Any, web_config: Config) -> None:
    article = load_url(news_server.url("/redirect/5"), web_config)
    assert article.title.startswith("Neue Elektrofähre")


def test_request_headers(news_server: Any, web_config: Config) -> None:
    load_url(news_server.url("/markt.html"), web_config.with_overrides(contact="a@b.example"))
    _path, headers = news_server.requests[-1]
    assert headers["user-agent"].startswith("reader/") and "a@b.example" in headers["user-agent"]
    assert "gzip" in headers["accept-encoding"]


@pytest.mark.parametrize("path", ["/notiz.txt", "/notiz"])
def test_plain_text_is_read_as_text(path: str, news_server: Any, web_config: Config) -> None:
    article = load_url(news_server.url(path), web_config)
    assert article.format == "text"
    assert article.title == "Notiz der Redaktion"


@pytest.mark.parametrize("url", ["http://", "https:// leer", "http://host/\x1b[31m"])
def test_invalid_urls(url: str, web_config: Config) -> None:
    with pytest.raises(ReaderError, match="not a valid http"):
        load_url(url, web_config)
