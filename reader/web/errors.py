"""Errors of fetching and extracting web pages: one line each, naming the URL and the cause."""

from __future__ import annotations

from reader.errors import ArticleError


class WebError(ArticleError):
    """A URL could not be read as an article (the message names the URL and the cause)."""


class FetchError(WebError):
    """The page could not be fetched: connection refused, timeout, too many redirects..."""


class HttpStatusError(FetchError):
    """The server answered with an error status (404, 500...)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class TooLargeError(FetchError):
    """The page is larger than the limit (16 MiB, as for files)."""


class UnsupportedTypeError(WebError):
    """The URL is not a web page or text (a PDF, an image...)."""


class NoArticleError(WebError):
    """The page holds no article text (an index page, an empty shell)."""


class ConsentWallError(NoArticleError):
    """The server answered with a cookie or consent wall instead of the article."""


class NotStoredError(WebError):
    """Offline, and there is no stored copy of the page."""
