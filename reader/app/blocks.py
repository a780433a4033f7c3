"""How the kinds of blocks look in the article view (the text and its offsets stay as they
are: markers are drawn before a line, never inserted into the article text).

- headings: bold;
- list items: a bullet before the first line, later lines indented under the text;
- quotes: a bar before every line, italic;
- table rows and paragraphs: plain.
"""

from __future__ import annotations

from collections.abc import Mapping

#: Cells reserved before the lines of a block kind (the wrap width shrinks by as much).
INDENTS: Mapping[str, int] = {"list_item": 2, "quote": 2}
#: The component class (see ``ArticleView.COMPONENT_CLASSES``) styling a kind's text.
TEXT_CLASSES: Mapping[str, str] = {"heading": "article-view--heading",
                                   "quote": "article-view--quote"}
MARKER_CLASS = "article-view--marker"


def marker(kind: str, first_line: bool) -> str:
    """What is drawn before a display line of a block of ``kind``."""
    if kind == "list_item":
        return "• " if first_line else "  "
    if kind == "quote":
        return "▌ "
    return ""
