"""The client's errors (wikipedia-api's typed errors, and ours) and one line for each.

Server text ends up in messages printed to a terminal, so control characters (and with
them escape sequences) are removed from it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from wikipediaapi import (
    WikiConnectionError,
    WikiHttpError,
    WikiHttpTimeoutError,
    WikiInvalidJsonError,
    WikipediaException,
    WikiRateLimitError,
)

__all__ = [
    "ApiError",
    "ConnectionLost",
    "WikiConnectionError",
    "WikiHttpError",
    "WikiHttpTimeoutError",
    "WikiInvalidJsonError",
    "WikiRateLimitError",
    "WikipediaException",
    "describe_error",
    "host_of",
]

#: What a terminal would interpret in server text shown in messages (C0, DEL, C1, bidi).
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class ApiError(WikipediaException):
    """The API answered with an error object (``{"error": {"code": ..., "info": ...}}``)."""

    def __init__(self, code: str, info: str, url: str) -> None:
        self.code = _CONTROLS.sub("", code)
        self.info = _CONTROLS.sub("", info)
        self.url = url
        super().__init__(f"{self.code}: {self.info}")


class ConnectionLost(WikipediaException):
    """The server was reached but the connection broke before a whole answer came.

    Unlike :class:`WikiConnectionError` (the host cannot be reached) this says nothing about
    being offline: the request is retried, and the glossary stays online.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__(f"connection lost: {url}")


def host_of(url: str) -> str:
    """The host (and port) of a URL, for messages."""
    return urlsplit(url).netloc or url


#: How each error reads: (type, words before the host), most specific first.
_WORDS: tuple[tuple[type[BaseException], str], ...] = (
    (WikiHttpTimeoutError, "timed out talking to"),
    (ConnectionLost, "connection lost to"),
    (WikiConnectionError, "cannot reach"),
    (WikiInvalidJsonError, "malformed answer from"),
)


def describe_error(exc: BaseException) -> str:
    """One line for the user about a client error."""
    if isinstance(exc, WikiRateLimitError):
        wait = f", retry in {exc.retry_after} s" if exc.retry_after is not None else ""
        return f"rate-limited by {host_of(exc.url)}{wait}"
    for kind, words in _WORDS:
        if isinstance(exc, kind):
            return f"{words} {host_of(getattr(exc, 'url', ''))}"
    if isinstance(exc, WikiHttpError):
        return f"HTTP {exc.status_code} from {host_of(exc.url)}"
    if isinstance(exc, ApiError):
        return f"API error from {host_of(exc.url)}: {exc}"
    return f"{type(exc).__name__}: {exc}"
