"""Parsing feeds (RSS 0.9x, 1.0, 2.0 and Atom) with feedparser into :class:`ParsedFeed`.

What comes out is plain text and absolute links: titles given as HTML (Atom ``type="html"``
or ``"xhtml"``) are turned into text, entities such as ``&amp;`` are decoded once, links
are resolved against the entry's base (``xml:base``, else the feed's URL), and an entry's
``alternate`` link is preferred over ``related`` or other links. A malformed feed keeps the
entries before the fault and says what went wrong in :attr:`ParsedFeed.error`.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from reader.library.models import FeedItem, ParsedFeed
from reader.sanitize import strip_escapes

#: Longest summary kept (characters of text).
SUMMARY_LIMIT = 600
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
_SPACE = re.compile(r"\s+")
#: feedparser's complaints that do not mean the feed is broken.
_BENIGN = ("CharacterEncodingOverride", "NonXMLContentType")


class _TextOnly(HTMLParser):
    """Collects the text of an HTML fragment (scripts and styles dropped)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("br", "p", "div", "li"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment on one line (tags dropped, references decoded)."""
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    return clean_line("".join(parser.parts))


def clean_line(text: str) -> str:
    """``text`` without escape sequences, its whitespace collapsed to single spaces."""
    return _SPACE.sub(" ", strip_escapes(text)).strip()


def _text_of(detail: Any, value: str) -> str:
    """Plain text of a feedparser text construct (``title_detail`` and its value)."""
    kind = str(getattr(detail, "type", "") or "") if detail is not None else ""
    return html_to_text(value) if kind in _HTML_TYPES else clean_line(value)


def _web_link(link: str, base: str) -> str:
    """``link`` made absolute against ``base``; empty unless it is http(s)."""
    absolute = urljoin(base, link.strip()) if link else ""
    return absolute if urlsplit(absolute).scheme in ("http", "https") else ""


def _entry_link(entry: Any, base: str) -> str:
    """The entry's page: its ``alternate`` link (HTML first), else any link it has."""
    links = [link for link in entry.get("links", []) if link.get("href")]
    alternates = [link for link in links if link.get("rel", "alternate") == "alternate"]
    html = [link for link in alternates if link.get("type", "text/html") in _HTML_TYPES]
    for group in (html, alternates):
        if group:
            return _web_link(group[0]["href"], base)
    if entry.get("link"):
        return _web_link(entry["link"], base)
    return _web_link(links[0]["href"], base) if links else ""


def _entry_base(entry: Any, feed_url: str) -> str:
    """The base for the entry's relative links (``xml:base`` if feedparser saw one)."""
    detail = entry.get("title_detail") or entry.get("summary_detail")
    base = detail.get("base", "") if detail is not None else ""
    return urljoin(feed_url, base) if base else feed_url


def _published(entry: Any) -> float | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return float(calendar.timegm(parsed)) if parsed else None


def _content(entry: Any) -> str:
    """The full text as HTML: the first HTML ``content``, else the first of any type."""
    contents = entry.get("content") or []
    for item in contents:
        if item.get("type") in _HTML_TYPES and item.get("value"):
            return str(item["value"])
    return str(contents[0].get("value", "")) if contents else ""


def _item(entry: Any, feed_url: str) -> FeedItem | None:
    base = _entry_base(entry, feed_url)
    link = _entry_link(entry, base)
    title = _text_of(entry.get("title_detail"), entry.get("title", ""))
    summary = _text_of(entry.get("summary_detail"), entry.get("summary", ""))
    if len(summary) > SUMMARY_LIMIT:
        summary = summary[:SUMMARY_LIMIT].rsplit(" ", 1)[0] + " …"
    content = _content(entry)
    if not (title or link or summary or content):
        return None
    guid = clean_line(entry.get("id", "")) or link or hashlib.sha256(
        f"{title}\n{summary}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return FeedItem(guid=guid, link=link, title=title or summary[:80] or link,
                    published=_published(entry), summary=summary, content=content)


_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")


class _FeedLinks(HTMLParser):
    """Collects ``<link rel="alternate" type="application/rss+xml" href=…>`` of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        rels = values.get("rel", "").lower().split()
        if tag in ("link", "a") and "alternate" in rels \
                and values.get("type", "").lower() in _FEED_TYPES and values.get("href"):
            self.found.append(values["href"])


class NotAFeed(ValueError):
    """The document is no feed; ``feeds`` are the feeds it announces (a web page's)."""

    def __init__(self, message: str, feeds: list[str]) -> None:
        super().__init__(message)
        self.feeds = feeds


def discover_feeds(page: bytes, url: str) -> list[str]:
    """The feeds a web page announces (``<link rel="alternate">``), absolute, in order."""
    parser = _FeedLinks()
    parser.feed(page[:2_000_000].decode("utf-8", "replace"))
    links = (_web_link(href, url) for href in parser.found)
    return list(dict.fromkeys(link for link in links if link))


def parse_feed(data: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """Parse the bytes of a feed fetched from ``url``.

    Raises :class:`ValueError` (one line) when ``data`` is no feed at all; a feed that
    breaks off keeps the entries before the break and reports the fault in ``error``.
    """
    import feedparser

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    result = feedparser.parse(data, response_headers=headers, sanitize_html=False,
                              resolve_relative_uris=False)
    items = [item for entry in result.entries if (item := _item(entry, url)) is not None]
    feed = result.feed
    title = _text_of(feed.get("title_detail"), feed.get("title", ""))
    site = _web_link(feed.get("link", ""), url)
    error = ""
    fault = result.get("bozo_exception") if result.get("bozo") else None
    if fault is not None and type(fault).__name__ not in _BENIGN:
        error = clean_line(f"{getattr(fault, 'getMessage', lambda: fault)()}") or "malformed"
    if not result.get("version") and not items:
        raise NotAFeed(f"not a feed ({error or 'no RSS or Atom found'})",
                       discover_feeds(data, url))
    return ParsedFeed(title=title, site=site, items=items,
                      error=f"malformed feed: {error}" if error else "")
