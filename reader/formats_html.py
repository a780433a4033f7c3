"""HTML into blocks of readable text, with the built-in parser (see :mod:`reader.formats`).

Kept apart from :mod:`reader.formats` so that opening a text or Markdown file does not
import the HTML parser (start-up).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

from reader.formats import Block, squash

_DROP = frozenset(
    "script style noscript template svg math nav footer aside form button select "
    "textarea iframe object embed canvas audio video figure-nav menu dialog head".split()
)
_BLOCK = frozenset(
    "p div section article main header li dt dd blockquote pre td th tr table ul ol dl "
    "figure figcaption address br hr body html center details summary caption".split()
)
_HEADINGS = frozenset(f"h{i}" for i in range(1, 7))
_VOID = frozenset("br hr img input meta link area base col embed param source track wbr".split())
#: The block kind an element gives the text inside it (the innermost one counts).
_KIND_OF = {"li": "list_item", "dd": "list_item", "blockquote": "quote", "tr": "table_row",
            **{h: "heading" for h in _HEADINGS}}
#: Start tags that close an open element of the same group first (as HTML parsers do).
_AUTO_CLOSE = {"p": {"p"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"},
               "tr": {"tr", "td", "th"}, "td": {"td", "th"}, "th": {"td", "th"}}
_CELLS = frozenset({"td", "th"})


@dataclass
class _Open:
    """An open element: its tag, whether it hides its content, and the block kind of text
    inside it (its own, else its parent's)."""

    tag: str
    drops: bool
    kind: str


@dataclass
class _HtmlCollector(HTMLParser):
    """Collect readable text from HTML, one block per block-level element.

    Open elements are counted by tag, so an end tag without a start tag costs O(1) and
    every element is pushed and popped once: parsing is linear in the input.
    """

    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    date: str = ""
    _buf: list[str] = field(default_factory=list)
    _stack: list[_Open] = field(default_factory=list)
    _open: dict[str, int] = field(default_factory=dict)
    _drop_depth: int = 0
    _in_title: bool = False
    _main_blocks: list[Block] | None = None
    _main_depth: int = 0
    _cells: int = 0

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def _kind(self) -> str:
        return self._stack[-1].kind if self._stack else "paragraph"

    def _flush(self) -> None:
        line = squash("".join(self._buf))
        self._buf.clear()
        self._cells = 0
        if line:
            block = (self._kind(), line)
            self.blocks.append(block)
            if self._main_depth and self._main_blocks is not None:
                self._main_blocks.append(block)

    def _meta(self, tag: str, attr: dict[str, str | None]) -> None:
        if tag == "meta" and not self.date:
            prop = (attr.get("property") or attr.get("name") or "").lower()
            if prop in ("article:published_time", "date", "dc.date", "pubdate"):
                self.date = attr.get("content") or ""
        if tag == "time" and not self.date and attr.get("datetime"):
            self.date = attr.get("datetime") or ""

    def _hides(self, tag: str, attr: dict[str, str | None]) -> bool:
        if tag == "header":  # a site header; the header of an article holds its headline
            return not self._main_depth
        return (tag in _DROP or "hidden" in attr
                or (attr.get("aria-hidden") or "").strip().lower() == "true")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        self._meta(tag, attr)
        if tag in _VOID:
            if tag in ("br", "hr") and not self._drop_depth:
                self._flush()
            return
        for closes in _AUTO_CLOSE.get(tag, ()):
            if self._open.get(closes) and self._stack and self._stack[-1].tag in closes:
                self.handle_endtag(self._stack[-1].tag)
        drops = self._hides(tag, attr)
        if not self._drop_depth and not drops and (tag in _HEADINGS or tag in _BLOCK):
            if tag in _CELLS and self._cells:
                self._buf.append(" | ")
            elif tag not in _CELLS:
                self._flush()
        self._stack.append(_Open(tag, drops, _KIND_OF.get(tag) or self._kind()))
        self._open[tag] = self._open.get(tag, 0) + 1
        if drops:
            self._drop_depth += 1
        elif tag == "title":
            self._in_title = True
        elif not self._drop_depth and tag in ("article", "main"):
            if self._main_blocks is None:
                self._main_blocks = []
            self._main_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not self._open.get(tag):
            return
        while self._stack:
            top = self._stack.pop()
            self._open[top.tag] -= 1
            if top.tag in _CELLS and not self._drop_depth:
                self._cells += 1
            elif not self._drop_depth and (top.tag in _HEADINGS or top.tag in _BLOCK):
                self._stack.append(top)  # the block's own kind applies to its text
                self._flush()
                self._stack.pop()
            if top.drops:
                self._drop_depth -= 1
            elif top.tag == "title":
                self._in_title = False
            elif top.tag in ("article", "main") and not self._drop_depth:
                self._main_depth = max(0, self._main_depth - 1)
            if top.tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._drop_depth:
            self._buf.append(data)

    def finish(self) -> list[Block]:
        """Close the parser and return the blocks (those of <article>/<main> if present)."""
        self.close()
        self._flush()
        if self._main_blocks:
            return self._main_blocks
        return self.blocks


def html_blocks(text: str) -> tuple[str, list[Block], str]:
    """Parse HTML; return ``(title, blocks, date)``.

    Scripts, styles, navigation, site headers, footers, forms and hidden elements are
    dropped (the ``<header>`` of an ``<article>`` is kept: it holds the headline). If the
    page has ``<article>`` or ``<main>``, only its content is kept.
    """
    collector = _HtmlCollector()
    collector.feed(text)
    blocks = collector.finish()
    return squash(unescape(collector.title)), blocks, collector.date.strip()
