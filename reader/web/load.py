"""Turning a URL into an :class:`~reader.article.Article`: stored copy, fetch, extraction."""

from __future__ import annotations

import logging

from reader.article import Article, clean_text, from_blocks, from_text, is_web_url, parse_date
from reader.config import Config
from reader.decoding import binary_kind
from reader.formats import sniff_format
from reader.web import charset
from reader.web.errors import (
    ConsentWallError,
    FetchError,
    NoArticleError,
    NotStoredError,
    UnsupportedTypeError,
)
from reader.web.extract import EXTRACTOR_VERSION, Extracted, extract
from reader.web.fetch import Fetched, fetch
from reader.web.store import PageStore

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: Generic XML: accepted when the document is XHTML (has an ``<html>`` element).
XML_TYPES = frozenset({"application/xml", "text/xml"})
#: An extraction with less text than this (headings aside) is no article.
MIN_ARTICLE_CHARS = 80
#: Words that fill a cookie or consent wall (lower case; German and English).
CONSENT_TERMS = ("cookie", "einwillig", "zustimm", "akzeptier", "consent", "tracking",
                 "werbefrei", "datenschutz", "pur-abo", "partner", "personalisiert")
#: A text of at most this many words with several consent terms in most blocks is a wall.
CONSENT_MAX_WORDS = 400


def store_for(config: Config) -> PageStore:
    """The offline copies of ``config``'s cache directory."""
    return PageStore(config.cache_path / "web")


def is_consent_wall(page: Extracted) -> bool:
    """True if the extracted text is a short cookie/consent notice rather than an article."""
    texts = [text.casefold() for kind, text in page.blocks if kind != "heading"] or [
        text.casefold() for _kind, text in page.blocks]
    whole = " ".join(texts)
    terms = {term for term in CONSENT_TERMS if term in whole}
    with_terms = sum(1 for text in texts if any(term in text for term in CONSENT_TERMS))
    return (len(whole.split()) <= CONSENT_MAX_WORDS and len(terms) >= 3
            and with_terms * 2 >= len(texts))


def _media_type(fetched: Fetched) -> str:
    return fetched.content_type.split(";", 1)[0].strip().lower()


def article_from(fetched: Fetched) -> Article:
    """Extract the article of a fetched page (HTML/XHTML, or plain text)."""
    url = fetched.url
    media = _media_type(fetched)
    if media in XML_TYPES and b"<html" in fetched.content[:4096].lower():
        media = "application/xhtml+xml"
    what = binary_kind(fetched.content)
    if what or (media and media not in HTML_TYPES and media != "text/plain"):
        raise UnsupportedTypeError(
            f"{url} is {what or media}, not a web page or text")
    if not fetched.content.strip():
        raise NoArticleError(f"{url}: the page is empty")
    text, codec = charset.decode(fetched.content, fetched.content_type)
    if media == "text/plain" or (not media and sniff_format(text) != "html"):
        return from_text(text, source=url, fmt="text", encoding=codec)
    page = extract(clean_text(text), url=fetched.final_url)
    if page.blocks and is_consent_wall(page):
        raise ConsentWallError(f"{url}: the site answered with a cookie/consent wall, "
                               "not the article")
    body = sum(len(text) for kind, text in page.blocks if kind != "heading")
    if page.method == "none" or body < MIN_ARTICLE_CHARS:
        raise NoArticleError(f"{url}: no article text found on the page")
    canonical = page.url if is_web_url(page.url) else fetched.final_url
    return from_blocks(page.blocks, source=url, title=page.title, date=parse_date(page.date),
                       fmt="html", encoding=codec, author=page.author, site=page.site,
                       url=canonical)


def _check(url: str) -> str:
    url = url.strip()
    if not is_web_url(url):
        raise FetchError(f"{url!r} is not a valid http(s) URL")
    return url


def load_url(url: str, config: Config, *, refresh: bool = False) -> Article:
    """See :func:`reader.web.load_url`."""
    url = _check(url)
    store = store_for(config)
    stored = None if refresh else store.load(url)
    if stored is not None:
        if stored.article is not None and stored.extractor == EXTRACTOR_VERSION:
            return stored.article
        article = article_from(stored.fetched)
        _save(store, stored.fetched, article)
        return article
    if config.offline:
        raise NotStoredError(f"{url}: offline, and no stored copy of this page"
                             + (" (--refresh needs the network)" if refresh else ""))
    fetched = fetch(url, timeout=config.timeout, contact=config.contact)
    article = article_from(fetched)
    _save(store, fetched, article)
    return article


def _save(store: PageStore, fetched: Fetched, article: Article) -> None:
    """Keep the offline copy; a full or read-only disk only costs the copy, not the article."""
    try:
        store.save(fetched, article, EXTRACTOR_VERSION)
    except OSError as exc:
        log.warning("cannot store the page %s: %s", fetched.url, exc.strerror or exc)
