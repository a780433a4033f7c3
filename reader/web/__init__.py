"""Articles from the web: fetch a URL, extract its article, keep an offline copy.

The entry point is :func:`load_url`; it imports httpx and trafilatura only when called, so
opening a file never pays for them. Errors are :class:`~reader.web.errors.WebError`
subclasses (all :class:`~reader.errors.ReaderError`) with one-line messages naming the URL.
Imports no Textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.article import is_web_url

if TYPE_CHECKING:
    from reader.article import Article
    from reader.config import Config

__all__ = ["is_web_url", "load_url"]


def load_url(url: str, config: Config, *, refresh: bool = False) -> Article:
    """The article at ``url`` (http or https).

    The stored copy is used when there is one (no network; instant), unless ``refresh``;
    otherwise the page is fetched (``config.timeout``, at most 5 redirects, 16 MiB),
    extracted and stored in ``config.cache_path / "web"``. With ``config.offline`` only the
    stored copy is used. Raises a :class:`~reader.web.errors.WebError` subclass.
    """
    from reader.web.load import load_url as load

    return load(url, config, refresh=refresh)
