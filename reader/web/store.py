"""Offline copies of fetched pages in the cache directory, keyed by URL.

Each page is two files in ``<cache dir>/web/``: ``KEY.body`` holds the original bytes as
received (decompressed) and ``KEY.json`` the URL, final URL, status, headers, time of the
fetch, the SHA-256 of the body and the extracted article (text, block offsets and kinds,
metadata) with the version of the extractor that made it. ``KEY`` is the SHA-256 of the URL
without its ``#fragment``. Both files are written atomically, the body first, so a JSON file
always describes a complete body. A damaged or foreign file counts as no copy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from reader import atomic
from reader.article import Article, Paragraph
from reader.web.fetch import Fetched

SCHEMA = "reader-web-page"
VERSION = 1


def key_for(url: str) -> str:
    """The file name stem of ``url``'s copy (scheme and host case-insensitive, no fragment)."""
    parts = urlsplit(url.strip())
    normal = urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/",
                         parts.query, ""))
    return hashlib.sha256(normal.encode("utf-8", "surrogatepass")).hexdigest()


def article_to_dict(article: Article) -> dict[str, Any]:
    """An article as JSON-ready data (the inverse of :func:`article_from_dict`)."""
    return {
        "text": article.text, "title": article.title, "source": article.source,
        "date": article.date.isoformat() if article.date else None,
        "format": article.format, "encoding": article.encoding, "author": article.author,
        "site": article.site, "url": article.url,
        "paragraphs": [[p.start, p.end, p.kind] for p in article.paragraphs],
    }


def article_from_dict(data: dict[str, Any]) -> Article:
    """Rebuild an article; raises ``ValueError`` (or ``KeyError``/``TypeError``) if damaged."""
    text = str(data["text"])
    paragraphs = tuple(Paragraph(int(s), int(e), str(k)) for s, e, k in data["paragraphs"])
    if not paragraphs or any(not 0 <= p.start <= p.end <= len(text) for p in paragraphs):
        raise ValueError("paragraph offsets outside the text")
    date = dt.date.fromisoformat(data["date"]) if data.get("date") else None
    return Article(text=text, title=str(data["title"]), paragraphs=paragraphs, date=date,
                   source=str(data["source"]), format=str(data["format"]),
                   encoding=str(data["encoding"]), author=str(data.get("author", "")),
                   site=str(data.get("site", "")), url=str(data.get("url", "")))


@dataclass(frozen=True)
class StoredPage:
    """A stored copy: the fetch (with its body) and the article extracted by ``extractor``."""

    fetched: Fetched
    article: Article | None
    extractor: int


class PageStore:
    """The offline copies in one directory (created on the first save)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = key_for(url)
        return self.root / f"{key}.json", self.root / f"{key}.body"

    def save(self, fetched: Fetched, article: Article, extractor: int) -> None:
        """Store the page and its article (raises ``OSError`` if the disk refuses)."""
        meta_path, body_path = self._paths(fetched.url)
        self.root.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(body_path, fetched.content)
        meta = {
            "schema": SCHEMA, "version": VERSION, "url": fetched.url,
            "final_url": fetched.final_url, "status": fetched.status,
            "headers": fetched.headers, "fetched_at": fetched.fetched_at,
            "body_sha256": hashlib.sha256(fetched.content).hexdigest(),
            "extractor": extractor, "article": article_to_dict(article),
        }
        atomic.write_text(meta_path, json.dumps(meta, ensure_ascii=False))

    def load(self, url: str) -> StoredPage | None:
        """The stored copy of ``url``, or ``None`` (missing, damaged or foreign)."""
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("schema") != SCHEMA or meta.get("version") != VERSION:
                return None
            body = body_path.read_bytes()
            if hashlib.sha256(body).hexdigest() != meta["body_sha256"]:
                return None
            fetched = Fetched(url=str(meta["url"]), final_url=str(meta["final_url"]),
                              status=int(meta["status"]),
                              headers={str(k): str(v) for k, v in meta["headers"].items()},
                              content=body, fetched_at=float(meta["fetched_at"]))
            try:
                article: Article | None = article_from_dict(meta["article"])
            except (KeyError, TypeError, ValueError):
                article = None
            return StoredPage(fetched, article, int(meta.get("extractor", 0)))
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def stats(self) -> tuple[int, int]:
        """``(pages, bytes)`` stored."""
        pages = size = 0
        if not self.root.is_dir():
            return 0, 0
        for path in self.root.iterdir():
            try:
                size += path.stat().st_size
            except OSError:
                continue
            pages += path.suffix == ".json"
        return pages, size
