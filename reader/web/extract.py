"""The article in an HTML page: headline, date, author, site, canonical URL and body blocks.

Order of attempts:

1. trafilatura (imported here, on first use) finds the main text and keeps its structure:
   headings, paragraphs, list items, quotes and table rows become blocks of those kinds.
   When the result is mostly short paragraphs (teasers taken for text on pages of nested
   divs), trafilatura's precision mode runs too and the result is cut to the span of
   blocks that both kept;
2. when most paragraphs of the page's JSON-LD ``articleBody`` are not visible and it is
   longer than the visible text (a teaser page), its text is used instead;
3. when neither finds text, the built-in parser (:func:`reader.formats.html_blocks`).

The headline is a heading at the start of the extracted text, else the JSON-LD
``headline``, else the ``<title>`` without a trailing ``| Site`` part; blocks before the
headline (kickers, breadcrumbs, print links) are dropped. Never raises on malformed HTML.
"""

from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass, field
from typing import Any

from reader import formats
from reader.web.jsonld import LinkedArticle, find_article
from reader.web.tree import Block, blocks_of, squash

#: A page whose extraction has at least this many paragraphs, most of them shorter than
#: ``TEASER_CHARS``, is extracted again with trafilatura's precision mode and trimmed.
TEASER_MIN_BLOCKS = 12
TEASER_CHARS = 100
#: Bump when the extraction changes: stored pages are then extracted again.
EXTRACTOR_VERSION = 1

_XML_PROLOG = re.compile(r"\A\s*<\?xml[^>]*\?>")
_JUNK = ("//script[not(@type='application/ld+json')] | //style | //noscript | //template"
         " | //svg | //nav | //iframe | //object | //embed | //canvas")
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


@functools.cache
def _config() -> Any:
    """trafilatura's settings: short articles are kept as they are (by default a text under
    250 characters is replaced by every text of the page, navigation included)."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    return config


def parse(html: str) -> Any:
    """The page as an lxml tree without what is never article text (scripts other than
    JSON-LD, styles, navigation, SVG, frames), or ``None`` if lxml cannot parse it.

    trafilatura prunes the whole tree several times; pruning a mega menu of a thousand
    links once first makes a large page several times faster to extract.
    """
    from lxml import html as lxml_html

    try:
        tree = lxml_html.document_fromstring(_XML_PROLOG.sub("", html, count=1))
    except Exception:  # lxml refuses some input (NUL bytes, nothing but comments...)
        return None
    for element in tree.xpath(_JUNK):
        element.drop_tree()
    return tree


def _trafilatura(tree: Any, url: str, *, precision: bool = False) -> tuple[Any, list[Block]]:
    """trafilatura's document (or ``None``) and its body blocks (``tree`` is changed)."""
    if tree is None:
        return None, []
    try:
        import trafilatura

        doc = trafilatura.bare_extraction(
            tree, url=url or None, config=_config(), with_metadata=True, include_comments=False,
            include_tables=True, include_images=False, include_links=False,
            include_formatting=False, deduplicate=False, favor_precision=precision,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura on hostile input: fall back to the other methods
        return None, []
    body = getattr(doc, "body", None)
    if body is None:
        return doc, []
    return doc, blocks_of(body)


def _teaser_heavy(blocks: list[Block]) -> bool:
    """True if most of many paragraphs are short: teasers and menus were taken for text."""
    paragraphs = [text for kind, text in blocks if kind == "paragraph"]
    short = sum(1 for text in paragraphs if len(text) < TEASER_CHARS)
    return len(paragraphs) >= TEASER_MIN_BLOCKS and short * 2 >= len(paragraphs)


def _trim_to(blocks: list[Block], precise: list[Block]) -> list[Block]:
    """``blocks`` from the first to the last block that the precise extraction kept too."""
    kept = {text for _kind, text in precise}
    found = [index for index, (_kind, text) in enumerate(blocks) if text in kept]
    return blocks[found[0] : found[-1] + 1] if found else blocks


def _prefer_linked(blocks: list[Block], linked: LinkedArticle | None) -> bool:
    """True if JSON-LD's ``articleBody`` is the article and the visible text a teaser: most
    of its paragraphs are not visible, and it is longer than the visible paragraphs."""
    if linked is None or not linked.body:
        return False
    paragraphs = linked.body_paragraphs()
    visible = " ".join(text for kind, text in blocks if kind != "heading")
    shown = sum(1 for text in paragraphs if text in visible)
    return shown * 2 < len(paragraphs) and len(" ".join(paragraphs)) > len(visible)


def _headline(blocks: list[Block], doc_title: str, linked: LinkedArticle | None,
              site: str) -> str:
    """The article's headline: a leading heading, else JSON-LD, else the cleaned title."""
    for kind, text in blocks[:3]:
        if kind == "heading" and (not doc_title or text in doc_title or doc_title in text):
            return text
    if linked and linked.headline:
        return squash(linked.headline)
    title = squash(doc_title)
    if site and title.endswith(site):
        title = title[: -len(site)].rstrip(" |–—·•:-")
    return _SUFFIX.sub("", title) if _SUFFIX.search(title) else title


def _from_headline(title: str, blocks: list[Block]) -> list[Block]:
    """``blocks`` from the headline on (kickers, breadcrumbs and print links before it are
    dropped), the headline as a heading; it is added if no block is the headline."""
    if not title:
        return blocks
    for index, (_kind, text) in enumerate(blocks):
        if text == title:
            return [("heading", title), *blocks[index + 1 :]]
    return [("heading", title), *blocks]


def extract(html: str, url: str = "") -> Extracted:
    """Extract the article of an HTML page (see the module docstring)."""
    tree = parse(html)
    spare = copy.deepcopy(tree)
    doc, blocks = _trafilatura(tree, url)
    method = "trafilatura" if blocks else "none"
    if _teaser_heavy(blocks):
        _doc, precise = _trafilatura(spare, url, precision=True)
        blocks = _trim_to(blocks, precise)
    linked = find_article(html)
    if _prefer_linked(blocks, linked):
        assert linked is not None
        blocks = [("paragraph", text) for text in linked.body_paragraphs()]
        method = "json-ld"
    meta = {name: squash(str(getattr(doc, name, "") or "")) for name in
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
        blocks=_from_headline(title, blocks),
        date=meta["date"] or (linked.date if linked else ""),
        author=meta["author"] or (linked.author if linked else ""),
        site=site,
        url=meta["url"] or (linked.url if linked else "") or url,
        method=method,
    )
