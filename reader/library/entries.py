"""Opening a feed entry as an article: its web page through the URL path, else the full
text the feed carries (``content:encoded`` / Atom ``content``), else its summary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.library.models import Entry

if TYPE_CHECKING:
    from reader.article import Article
    from reader.config import Config


@dataclass(frozen=True)
class Opened:
    """An opened entry: the article, and why the page was not used (if it was not)."""

    article: Article
    fallback: str = ""


def load_page(url: str, config: Config, refresh: bool = False) -> Article:
    """The article at ``url``: its stored copy, else fetched and extracted
    (:func:`reader.web.load_url`).

    Raises :class:`ReaderError` (one line) when the page cannot be had.
    """
    from reader.web import load_url

    return load_url(url, config, refresh=refresh)


def feed_article(entry: Entry) -> Article:
    """The article built from the text the feed itself carries (no network)."""
    from html import escape

    from reader.article import from_text

    source = entry.article_key
    if entry.content.strip():
        html = f"<html><body><h1>{escape(entry.title)}</h1>{entry.content}</body></html>"
        try:
            return from_text(html, source=source, fmt="html")
        except ReaderError:
            pass
    text = "\n\n".join(part for part in (entry.title, entry.summary) if part)
    return from_text(text or entry.link or source, source=source, fmt="text")


def open_entry(entry: Entry, config: Config, refresh: bool = False) -> Opened:
    """The entry's article: its page when it can be had, else the feed's own text.

    Never raises for network faults: the fallback says what went wrong with the page.
    """
    reason = "the entry has no link"
    if entry.link:
        try:
            return Opened(load_page(entry.link, config, refresh=refresh))
        except ReaderError as exc:
            reason = str(exc)
    return Opened(feed_article(entry), fallback=reason)
