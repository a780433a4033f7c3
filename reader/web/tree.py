"""trafilatura's XML body (``head``, ``p``, ``list``/``item``, ``quote``, ``table``/``row``/
``cell``, ``lb``, ``hi``...) as ``(kind, text)`` blocks in reading order.

Text directly inside a container (as in print pages, whose paragraphs are separated only by
``<br><br>``) becomes paragraphs too: two line breaks end a paragraph, one is a space.
"""

from __future__ import annotations

import re
from typing import Any

Block = tuple[str, str]

_SPACE = re.compile(r"\s+")
_BREAKS = re.compile(r"\n[ \t\u00a0]*\n")
#: Elements holding blocks rather than inline text.
_CONTAINERS = frozenset({"div", "section", "body", "main", "article", "doc", "main-text"})


def squash(text: str) -> str:
    """Runs of white space as one space, trimmed."""
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
    return [(kind, line) for part in _BREAKS.split(raw) if (line := squash(part))]


def _list(element: Any, out: list[Block]) -> None:
    """One ``list_item`` block per item; nested lists follow their item."""
    for item in element.iterchildren("item"):
        out.extend(_split("list_item", _inline_text(item, frozenset({"list"}))))
        for nested in item.iterchildren("list"):
            _list(nested, out)


def _table(element: Any, out: list[Block]) -> None:
    """One ``table_row`` block per row, its cells joined by ``" | "``."""
    for row in element.iter("row"):
        cells = [squash(_inline_text(cell)) for cell in row.iterchildren("cell")]
        line = " | ".join(cell for cell in cells if cell)
        if line:
            out.append(("table_row", line))


_BLOCK_TAGS = _CONTAINERS | {"head", "list", "quote", "table", "p", "code", "pre", "graphic"}


def _block(child: Any, out: list[Block], kind: str) -> None:
    """Append the blocks of a block-level ``child`` (see ``_BLOCK_TAGS``)."""
    tag = child.tag
    if tag == "head":
        out.extend(_split("heading", _inline_text(child)))
    elif tag == "list":
        _list(child, out)
    elif tag == "quote":
        walk(child, out, "quote")
    elif tag == "table":
        _table(child, out)
    elif tag in _CONTAINERS:
        walk(child, out, kind)
    elif tag in ("p", "code", "pre"):
        out.extend(_split(kind, _inline_text(child)))


def walk(element: Any, out: list[Block], kind: str = "paragraph") -> None:
    """Append the blocks of ``element``'s content to ``out`` (``kind`` for plain text)."""
    pending: list[str] = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            pending.append("\n")
        elif child.tag not in _BLOCK_TAGS:
            pending.append(_inline_text(child))
        else:
            out.extend(_split(kind, "".join(pending)))
            pending = []
            _block(child, out, kind)
        pending.append(child.tail or "")
    out.extend(_split(kind, "".join(pending)))


def blocks_of(body: Any) -> list[Block]:
    """The blocks of a trafilatura body element."""
    out: list[Block] = []
    walk(body, out)
    return out
