"""A CommonMark parser that flattens deep nesting instead of dropping it.

markdown-it stops at ``maxNesting`` (20) levels of block tokens: an 11th level of list, or
a 20th level of block quote, and everything after it inside that container (often the rest
of the document) is skipped without a word. :func:`commonmark` returns a parser whose block
tokenizer, at that depth, keeps the lines instead: their remaining quote and list markers
are removed, and they become plain paragraphs (a line that began with a list marker starts
a new one; blank lines separate them), whose inline Markdown is still parsed. Nesting (and
so Python's recursion) stays bounded by the limit, whatever the input.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock

#: Quote markers and list markers (a list marker needs a blank after it) at a line start.
_MARKERS = re.compile(r"(?:[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)))*[ \t]*")
_LIST_MARKER = re.compile(r"(?:^|[> \t])(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)")


def commonmark() -> MarkdownIt:
    """A CommonMark parser that keeps the text of containers nested beyond its limit."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    tokenize = md.block.tokenize
    limit = md.options.maxNesting

    def tokenize_bounded(state: StateBlock, start: int, end: int) -> None:
        if state.level >= limit:
            _flatten(state, start, end)
        else:
            tokenize(state, start, end)

    md.block.tokenize = tokenize_bounded  # type: ignore[method-assign,assignment]
    return md


def _flatten(state: StateBlock, start: int, end: int) -> None:
    """Emit the lines of ``start``..``end`` that belong to the current container as
    paragraphs, without their markers; stop where the container ends (as markdown-it's own
    tokenizer does: at a line indented less than the block)."""
    lines: list[str] = []
    first = line = start

    def flush() -> None:
        if lines:
            _paragraph(state, "\n".join(lines), first, line)
            lines.clear()

    while line < end:
        if state.isEmpty(line):
            flush()
            line += 1
            continue
        if state.sCount[line] < state.blkIndent:
            break
        raw = state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]
        match = _MARKERS.match(raw)
        prefix, text = (raw[:match.end()], raw[match.end():]) if match else ("", raw)
        if _LIST_MARKER.search(prefix) or not text.strip():  # a new item or a gap
            flush()
        if not lines:
            first = line
        if text.strip():
            lines.append(text)
        line += 1
    flush()
    state.line = line


def _paragraph(state: StateBlock, text: str, first: int, last: int) -> None:
    """Push a paragraph with inline ``text`` (as markdown-it's paragraph rule does)."""
    token = state.push("paragraph_open", "p", 1)
    token.map = [first, last]
    token = state.push("inline", "", 0)
    token.content = text
    token.map = [first, last]
    token.children = []
    state.push("paragraph_close", "p", -1)
