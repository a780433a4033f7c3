"""The article in an HTML page: headline, date, author, site, canonical URL and body blocks.

Order of attempts:

1. trafilatura (imported here, on first use) finds the main text and keeps its structure:
   headings, paragraphs, list items, quotes and table rows become blocks of those kinds;
2. when the page's JSON-LD ``articleBody`` is clearly longer than what is visible (a teaser
   page), its text is used instead;
3. when neither finds text, the built-in parser (:func:`reader.formats.html_blocks`).

The headline is the page's ``<h1>`` in the extracted text, else the JSON-LD ``headline``,
else the ``<title>`` without a trailing ``| Site`` part. Never raises on malformed HTML.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from reader import formats
from reader.web.jsonld import LinkedArticle, find_article

Block = tuple[str, str]
#: JSON-LD's text wins when it is this much longer than the visible text.
JSONLD_RATIO = 1.5
#: Bump when the extraction changes: stored pages are then extracted again.
EXTRACTOR_VERSION = 1

_SPACE = re.compile(r"\s+")
_BREAKS = re.compile(r"\n[ \t\u00a0]*\n")
_SUFFIX = re.compile(r"\s+[|–—·•:-]\s+[^|–—·•]{1,40}$")


@dataclass
class Extracted:
    """The result of :func:`extract`; ``method`` is ``trafilatura``, ``json-ld``,
    ``builtin`` or ``none`` (no text found)."""

    title: str = ""
    blocks: list[Block] = field(default_factory=list)
    date: str = ""
    author: str = ""
    site: str = ""
    url: str = ""
    method: str = "none"

    @property
    def chars(self) -> int:
        """Characters of text in the blocks."""
        return sum(len(text) for _kind, text in self.blocks)


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _inline_text(element: Any, skip: frozenset[str] = frozenset()) -> str:
    """The text of ``element`` with line breaks as ``\\n``, leaving out ``skip`` children."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.tag in skip:
            parts.append(child.tail or "")
            continue
        parts.append("\n" if child.tag == "lb" else _inline_text(child, skip))
        parts.append(child.tail or "")
    return "".join(parts)


def _split(kind: str, raw: str) -> list[Block]:
    """A block per part separated by two line breaks (``<br><br>``); one break is a space."""
    return [(kind, line) for part in _BREAKS.split(raw) if (line := _squash(part))]


def _walk(element: Any, out: list[Block], kind: str = "paragraph") -> None:
    """Append the blocks of a trafilatura XML element (and of its children) to ``out``."""
    for child in element:
        tag = child.tag
        if tag == "head":
            out.extend(_split("heading", _inline_text(child)))
        elif tag == "list":
            _list(child, out)
        elif tag == "quote":
            if (child.text or "").strip():
                out.extend(_split("quote", child.text or ""))
            _walk(child, out, "quote")
        elif tag == "table":
            for row in child.iter("row"):
                cells = [_squash(_inline_text(cell)) for cell in row.iterchildren("cell")]
                line = " | ".join(cell for cell in cells if cell)
                if line:
                    out.append(("table_row", line))
        elif tag in ("graphic", "ref") and not len(child):
            continue
        elif tag in ("div", "section", "body", "main", "article"):
            _walk(child, out, kind)
        else:
            out.extend(_split(kind, _inline_text(child)))
        if tag in ("list", "quote", "table", "head") and (child.tail or "").strip():
            out.extend(_split(kind, child.tail or ""))


def _list(element: Any, out: list[Block]) -> None:
    """One ``list_item`` block per item; nested lists follow their item."""
    for item in element.iterchildren("item"):
        out.extend(_split("list_item", _inline_text(item, frozenset({"list"}))))
        for nested in item.iterchildren("list"):
            _list(nested, out)


@functools.cache
def _config() -> Any:
    """trafilatura's settings: short articles are kept as they are (by default a text under
    250 characters is replaced by every text of the page, navigation included)."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    return config


def _trafilatura(html: str, url: str) -> tuple[Any, list[Block]]:
    """trafilatura's document (or ``None``) and its body blocks."""
    try:
        import trafilatura

        doc = trafilatura.bare_extraction(
            html, url=url or None, config=_config(), with_metadata=True, include_comments=False,
            include_tables=True, include_images=False, include_links=False,
            include_formatting=False, deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura on hostile input: fall back to the other methods
        return None, []
    body = getattr(doc, "body", None)
    if body is None:
        return doc, []
    blocks: list[Block] = []
    _walk(body, blocks)
    return doc, blocks


def _headline(blocks: list[Block], doc_title: str, linked: LinkedArticle | None,
              site: str) -> str:
    """The article's headline: a leading heading, else JSON-LD, else the cleaned title."""
    for kind, text in blocks[:3]:
        if kind == "heading" and (not doc_title or text in doc_title or doc_title in text):
            return text
    if linked and linked.headline:
        return _squash(linked.headline)
    title = _squash(doc_title)
    if site and title.endswith(site):
        title = title[: -len(site)].rstrip(" |–—·•:-")
    return _SUFFIX.sub("", title) if _SUFFIX.search(title) else title


def _with_headline(title: str, blocks: list[Block]) -> list[Block]:
    """``blocks`` starting with the headline as a heading (added if absent)."""
    if not title:
        return blocks
    for index, (kind, text) in enumerate(blocks[:3]):
        if kind == "heading" and text == title:
            return blocks[index:]
    return [("heading", title), *blocks]


def extract(html: str, url: str = "") -> Extracted:
    """Extract the article of an HTML page (see the module docstring)."""
    doc, blocks = _trafilatura(html, url)
    linked = find_article(html)
    method = "trafilatura" if blocks else "none"
    visible = sum(len(text) for _kind, text in blocks)
    if linked and linked.body and len(linked.body) > max(visible * JSONLD_RATIO, 80):
        blocks = [("paragraph", text) for text in linked.body_paragraphs()]
        method = "json-ld"
    meta = {name: _squash(str(getattr(doc, name, "") or "")) for name in
            ("title", "date", "author", "sitename", "url")}
    if not blocks:
        builtin_title, blocks, builtin_date = formats.html_blocks(html)
        method = "builtin" if blocks else "none"
        meta["title"] = meta["title"] or builtin_title
        meta["date"] = meta["date"] or builtin_date
    site = meta["sitename"] or (linked.publisher if linked else "")
    title = _headline(blocks, meta["title"], linked, site)
    return Extracted(
        title=title,
        blocks=_with_headline(title, blocks),
        date=meta["date"] or (linked.date if linked else ""),
        author=meta["author"] or (linked.author if linked else ""),
        site=site,
        url=meta["url"] or (linked.url if linked else "") or url,
        method=method,
    )
