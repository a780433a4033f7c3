"""The article view's base: the wrapped lines of an article, the selection and the matches.

:class:`reader.app.article_view.ArticleView` adds the keys, mark mode
(:mod:`reader.app.mark_mode`), jump mode (:mod:`reader.app.jump_mode`) and the drawing.
Only the visible lines are drawn (Textual's line API); offsets map to lines with bisect.
"""

from __future__ import annotations

from bisect import bisect_right

from textual import events
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView

from reader.app import blocks as block_style
from reader.app.marks import MentionIndex, Ranges
from reader.app.messages import MatchesChanged, SelectionChanged
from reader.article import Article
from reader.wrap import Line, cell_offset, wrap_blocks

#: Preferred measure (characters per line) of the text column.
MEASURE = 80


class ArticleBase(ScrollView, can_focus=True):
    """A scrollable, word-wrapped article with a selected mention and find matches."""

    measure: reactive[int] = reactive(MEASURE)
    #: Cells from the left edge of the view to the text column (to align a header with it).
    text_margin: reactive[int] = reactive(0)

    def __init__(self, article: Article, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article = article
        self.mentions: MentionIndex | None = None
        self.selected: int | None = None
        self.matches = Ranges()
        self.current_match: int | None = None
        self._lines: list[Line] = []
        self._starts: list[int] = []
        self._wrapped_width = -1
        self._pad = -1  # unknown until the first layout
        #: Jump mode's labels (label -> mention) and what has been typed of one; a new
        #: analysis or mark mode removes them (see :mod:`reader.app.jump_mode`).
        self._jump: dict[str, int] = {}
        self._jump_typed = ""

    # -- layout -----------------------------------------------------------------------
    def _text_width(self) -> int:
        return max(10, min(self.measure, self.scrollable_content_region.width))

    def _rewrap(self) -> None:
        if self.scrollable_content_region.width <= 0:
            return  # not laid out yet: wrapping at a made-up width would be wasted work
        width = self._text_width()
        pad = max(0, (self.scrollable_content_region.width - width) // 2)
        if pad != self._pad:
            self._pad = pad
            self.text_margin = pad + self.styles.padding.left
        if width == self._wrapped_width:
            return
        anchor = self._lines[int(self.scroll_offset.y)].start if self._lines else 0
        self._wrapped_width = width
        self._lines = wrap_blocks(self.article.text, self.article.paragraphs, width,
                                  block_style.INDENTS)
        self._starts = [line.start for line in self._lines]
        self.virtual_size = Size(width, len(self._lines))
        if anchor:
            self.scroll_to(y=self.line_of_offset(anchor), animate=False, immediate=True)

    def on_resize(self) -> None:
        self._rewrap()
        self.refresh()

    def on_mount(self) -> None:
        self._rewrap()

    def watch_measure(self) -> None:
        self._wrapped_width = -1
        self._rewrap()
        self.refresh()

    @property
    def lines(self) -> list[Line]:
        """The display lines at the current width."""
        self._rewrap()
        return self._lines

    def line_of_offset(self, offset: int) -> int:
        """Index of the display line showing text offset ``offset``."""
        index = max(0, bisect_right(self._starts, offset) - 1)
        # A blank separator line shares its start with the next paragraph's first line.
        while index + 1 < len(self._lines) and self._lines[index].paragraph < 0:
            index += 1
        return index

    def visible_range(self) -> tuple[int, int]:
        """Text offsets ``[start, end)`` of the lines on screen."""
        lines = self.lines
        if not lines:
            return 0, 0
        top = min(int(self.scroll_offset.y), len(lines) - 1)
        bottom = min(top + max(1, self.scrollable_content_region.height), len(lines)) - 1
        return lines[top].start, lines[bottom].end

    def scroll_to_offset(self, start: int, end: int | None = None) -> None:
        """Scroll (if needed) so that the text at ``start`` is visible, a third down."""
        self._rewrap()
        line = self.line_of_offset(start)
        height = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_offset.y)
        if not top <= line < top + height:
            self.scroll_to(y=max(0, line - height // 3), animate=False, immediate=True)

    # -- state ------------------------------------------------------------------------
    def set_mentions(self, mentions: MentionIndex | None) -> None:
        """Show highlights for ``mentions`` (None removes them)."""
        self.mentions = mentions
        self.selected = None
        self._jump.clear()
        self.refresh()

    def select(self, index: int | None, *, scroll: bool = True) -> None:
        """Select mention ``index`` (None: nothing) and tell the app."""
        if self.mentions is None or (index is not None and not 0 <= index < len(self.mentions)):
            index = None
        self.selected = index
        if index is not None and scroll and self.mentions is not None:
            mention = self.mentions.mentions[index]
            self.scroll_to_offset(mention.start, mention.end)
        self.refresh()
        self.post_message(SelectionChanged(index))

    def set_matches(self, matches: Ranges, current: int | None = None) -> None:
        """Highlight find matches; ``current`` is shown brighter and scrolled to."""
        self.matches = matches
        self.current_match = current
        if current is not None and current < len(matches):
            self.scroll_to_offset(matches.starts[current], matches.ends[current])
        self.refresh()
        self.post_message(MatchesChanged())


    def _text_offset_at(self, event: events.MouseEvent) -> int | None:
        """The text offset under the mouse (None: not over text)."""
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        index = int(self.scroll_offset.y) + offset.y
        if not 0 <= index < len(self._lines):
            return None
        line = self._lines[index]
        if line.paragraph < 0:
            return None
        indent = block_style.INDENTS.get(self.article.paragraphs[line.paragraph].kind, 0)
        return cell_offset(self.article.text, line.start, line.end,
                           offset.x - self._pad - indent)
