"""Split plain text, Markdown and HTML into blocks of readable text.

A block is ``(kind, text)`` with kind ``"heading"`` or ``"paragraph"``; the text of a
block is one line with no newlines (soft line breaks become spaces).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

Block = tuple[str, str]

_SPACES = re.compile(r"[ \t\f\v\u00a0]*\n[ \t\f\v\u00a0]*|[ \f\v]+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•‣◦]|\d{1,3}[.)])\s+")


def _squash(text: str) -> str:
    """Collapse runs of blanks and single newlines into one space (tabs stay)."""
    return _SPACES.sub(" ", text).strip()


def plain_blocks(text: str) -> list[Block]:
    """Blocks of a plain-text article: paragraphs are separated by blank lines.

    Lines inside a paragraph are joined with a space (hard-wrapped text reflows), except
    lines that start a list item, which begin a new paragraph.
    """
    blocks: list[Block] = []
    for chunk in re.split(r"\n[ \t]*\n", text):
        current: list[str] = []
        for line in chunk.split("\n"):
            if _LIST_ITEM.match(line) and current:
                blocks.append(("paragraph", _squash(" ".join(current))))
                current = []
            if line.strip():
                current.append(line.strip())
        if current:
            blocks.append(("paragraph", _squash(" ".join(current))))
    return [b for b in blocks if b[1]]


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split YAML front matter off a Markdown text: ``({key: value}, rest)``.

    The front matter is parsed with PyYAML (safe loader), so quoted and escaped values come
    back exactly as written (an exported title with quotes keeps them). Keys are lower-cased;
    scalar values become text (dates as ISO 8601); lists and mappings are left out. Front
    matter that is not valid YAML, or not a mapping, gives no fields.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    import datetime

    import yaml

    try:
        data = yaml.safe_load(match.group(1) or "")
    except (yaml.YAMLError, ValueError, RecursionError):
        data = None
    fields: dict[str, str] = {}
    for key, value in (data.items() if isinstance(data, dict) else ()):
        if isinstance(value, (datetime.date, datetime.datetime)):
            fields[str(key).lower()] = value.isoformat()
        elif isinstance(value, (str, int, float, bool)):
            fields[str(key).lower()] = str(value)
    return fields, text[match.end() :]


def markdown_blocks(text: str) -> list[Block]:
    """Blocks of a Markdown article, parsed with markdown-it (CommonMark).

    Headings and paragraphs keep their text without Markdown syntax; list items and
    block quotes become paragraphs; code blocks keep their lines joined by spaces;
    YAML front matter must have been removed (see :func:`split_front_matter`).
    """
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    blocks: list[Block] = []
    heading = False
    for token in tokens:
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "inline":
            parts: list[str] = []
            for child in token.children or []:
                if child.type in ("text", "code_inline", "html_inline"):
                    parts.append(child.content if child.type != "html_inline" else "")
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
                elif child.type == "image":
                    parts.append(child.content)
            line = _squash("".join(parts))
            if line:
                blocks.append(("heading" if heading else "paragraph", line))
        elif token.type in ("fence", "code_block"):
            line = _squash(token.content)
            if line:
                blocks.append(("paragraph", line))
        elif token.type == "html_block":
            blocks.extend(html_blocks(token.content)[1])
    return blocks


_DROP = frozenset(
    "script style noscript template svg math nav header footer aside form button select "
    "textarea iframe object embed canvas audio video figure-nav menu dialog head".split()
)
_BLOCK = frozenset(
    "p div section article main li dt dd blockquote pre td th tr table ul ol dl "
    "figure figcaption address br hr body html center details summary caption".split()
)
_HEADINGS = frozenset(f"h{i}" for i in range(1, 7))
_VOID = frozenset("br hr img input meta link area base col embed param source track wbr".split())


@dataclass
class _HtmlCollector(HTMLParser):
    """Collect readable text from HTML, one block per block-level element."""

    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    date: str = ""
    _buf: list[str] = field(default_factory=list)
    _stack: list[str] = field(default_factory=list)
    _drop_depth: int = 0
    _in_title: bool = False
    _heading: bool = False
    _main_blocks: list[Block] | None = None
    _main_depth: int = 0

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def _flush(self) -> None:
        line = _squash("".join(self._buf))
        self._buf.clear()
        if line:
            block = ("heading" if self._heading else "paragraph", line)
            self.blocks.append(block)
            if self._main_depth and self._main_blocks is not None:
                self._main_blocks.append(block)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "meta" and not self.date:
            prop = (attr.get("property") or attr.get("name") or "").lower()
            if prop in ("article:published_time", "date", "dc.date", "pubdate"):
                self.date = attr.get("content") or ""
        if tag == "time" and not self.date and attr.get("datetime"):
            self.date = attr.get("datetime") or ""
        if tag in _VOID:
            if tag in ("br", "hr") and not self._drop_depth:
                self._flush()
            return
        self._stack.append(tag)
        if tag in _DROP or attr.get("hidden") is not None or attr.get("aria-hidden") == "true":
            self._drop_depth += 1
            return
        if tag == "title":
            self._in_title = True
            return
        if self._drop_depth:
            return
        if tag in ("article", "main"):
            self._flush()
            if self._main_blocks is None:
                self._main_blocks = []
            self._main_depth += 1
        if tag in _HEADINGS or tag in _BLOCK:
            self._flush()
            self._heading = tag in _HEADINGS

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self._stack:
            return
        while self._stack:
            top = self._stack.pop()
            if top in _DROP or top in ("title",):
                if top == "title":
                    self._in_title = False
                else:
                    self._drop_depth = max(0, self._drop_depth - 1)
            elif not self._drop_depth and (top in _HEADINGS or top in _BLOCK):
                self._flush()
                self._heading = False
            if top in ("article", "main") and not self._drop_depth:
                self._flush()
                self._main_depth = max(0, self._main_depth - 1)
            if top == tag:
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

    Scripts, styles, navigation, headers, footers, forms and hidden elements are dropped.
    If the page has ``<article>`` or ``<main>``, only its content is kept.
    """
    collector = _HtmlCollector()
    collector.feed(text)
    blocks = collector.finish()
    return _squash(unescape(collector.title)), blocks, collector.date.strip()


def sniff_format(text: str, name: str = "") -> str:
    """Guess ``"html"``, ``"markdown"`` or ``"text"`` from a file name and the text."""
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lower.endswith((".md", ".markdown", ".mdown", ".mkd")):
        return "markdown"
    head = text.lstrip()[:512].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or (
        head.startswith("<") and re.search(r"<(body|p|div|article|h1)\b", head)
    ):
        return "html"
    return "text"
