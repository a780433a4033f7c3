"""Article metadata and text from a page's JSON-LD (``<script type="application/ld+json">``).

News sites describe an article as a schema.org ``NewsArticle`` (or ``Article``,
``ReportageNewsArticle``, ``BlogPosting``, ``LiveBlogPosting``...); some put the whole text
in ``articleBody`` while the visible page shows only a teaser. Malformed JSON is skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from typing import Any

_SCRIPT = re.compile(
    r"<script\b[^>]*\btype\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL)
_ARTICLE_TYPES = frozenset({"article", "newsarticle", "reportagenewsarticle", "blogposting",
                            "liveblogposting", "analysisnewsarticle", "opinionnewsarticle",
                            "reviewnewsarticle", "backgroundnewsarticle", "report"})
_TAG = re.compile(r"<[^>]+>")
_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*")


@dataclass(frozen=True)
class LinkedArticle:
    """What a JSON-LD article object says; empty strings where it says nothing."""

    headline: str
    body: str
    date: str
    author: str
    publisher: str
    url: str

    def body_paragraphs(self) -> list[str]:
        """``articleBody`` split at line breaks (HTML tags in it are removed)."""
        text = unescape(_TAG.sub(" ", self.body.replace("<br", "\n<br").replace("</p>", "\n")))
        return [" ".join(part.split()) for part in _PARAGRAPH_BREAK.split(text) if part.strip()]


def _objects(node: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in ``node``, following lists and ``@graph``."""
    if isinstance(node, list):
        for item in node:
            yield from _objects(item)
    elif isinstance(node, dict):
        yield node
        if "@graph" in node:
            yield from _objects(node["@graph"])


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", "")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds}


def _name(value: Any) -> str:
    """A person's or organisation's name from a string, an object or a list of them."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return _name(value.get("name", ""))
    if isinstance(value, list):
        return ", ".join(name for name in (_name(v) for v in value) if name)
    return ""


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def find_article(html: str) -> LinkedArticle | None:
    """The JSON-LD article of ``html`` with the longest body, or ``None``."""
    best: LinkedArticle | None = None
    for match in _SCRIPT.finditer(html):
        try:
            data = json.loads(match.group(1).strip().removeprefix("<!--").removesuffix("-->"))
        except (ValueError, RecursionError):
            continue
        for obj in _objects(data):
            if not _types(obj) & _ARTICLE_TYPES:
                continue
            page = obj.get("mainEntityOfPage")
            found = LinkedArticle(
                headline=_text(obj.get("headline")) or _text(obj.get("name")),
                body=_text(obj.get("articleBody")),
                date=_text(obj.get("datePublished")),
                author=_name(obj.get("author")),
                publisher=_name(obj.get("publisher")),
                url=_text(obj.get("url")) or (_text(page.get("@id")) if isinstance(page, dict)
                                              else _text(page)),
            )
            if best is None or len(found.body) > len(best.body):
                best = found
    return best
