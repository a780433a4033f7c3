"""The article view: renders only the visible lines of a wrapped article (line API)."""

from __future__ import annotations

from bisect import bisect_right

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.article import Article
from reader.wrap import Line, wrap_paragraph

#: Preferred measure (characters per line) of the text column.
MEASURE = 80


class ArticleView(ScrollView, can_focus=True):
    """A scrollable, word-wrapped view of an article's canonical text.

    Article text is data: it is drawn as plain segments, never parsed as markup.
    """

    DEFAULT_CSS = """
    ArticleView {
        padding: 0 2;
        background: $surface;
    }
    """

    BINDINGS = [
        ("j", "scroll_down", "Down"),
        ("k", "scroll_up", "Up"),
        ("g", "scroll_home", "Top"),
        ("G", "scroll_end", "Bottom"),
        ("space", "page_down", "Page down"),
    ]

    measure: reactive[int] = reactive(MEASURE)

    def __init__(self, article: Article, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article = article
        self._lines: list[Line] = []
        self._wrapped_width = -1

    # -- layout -----------------------------------------------------------------------
    def _text_width(self) -> int:
        return max(10, min(self.measure, self.scrollable_content_region.width))

    def _rewrap(self) -> None:
        width = self._text_width()
        if width == self._wrapped_width:
            return
        self._wrapped_width = width
        text = self.article.text
        lines: list[Line] = []
        for index, para in enumerate(self.article.paragraphs):
            if index:
                lines.append(Line(para.start, para.start, -1))
            lines.extend(wrap_paragraph(text, para.start, para.end, width, index))
        self._lines = lines
        self.virtual_size = Size(width, len(lines))

    def on_resize(self) -> None:
        self._rewrap()
        self.refresh()

    def on_mount(self) -> None:
        self._rewrap()

    @property
    def lines(self) -> list[Line]:
        """The display lines at the current width."""
        self._rewrap()
        return self._lines

    def line_of_offset(self, offset: int) -> int:
        """Index of the display line showing text offset ``offset``."""
        starts = [line.start for line in self.lines]
        return max(0, bisect_right(starts, offset) - 1)

    # -- rendering --------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        """Draw display line ``y`` of the viewport."""
        self._rewrap()
        index = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        line = self._lines[index]
        base = self.rich_style
        if line.paragraph < 0:
            return Strip.blank(width, base)
        kind = self.article.paragraphs[line.paragraph].kind
        style = base + Style(bold=True) if kind == "heading" else base
        text = self.article.text[line.start : line.end].replace("\t", " ")
        strip = Strip([Segment(text, style)])
        return strip.extend_cell_length(width, base).crop(0, width)
