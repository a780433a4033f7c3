"""The article view's base: the wrapped lines of an article, the selection and the matches.

:class:`reader.app.article_view.ArticleView` adds the keys, mark mode
(:mod:`reader.app.mark_mode`), jump mode (:mod:`reader.app.jump_mode`) and the drawing.
Only the visible lines are drawn (Textual's line API); offsets map to lines with bisect.
A long text is wrapped up to the screen first and the rest in steps while idle (the scroll
range is estimated until then); going to an offset or a line wraps up to it on demand.
"""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual.reactive import reactive
from textual.timer import Timer

from reader.app import blocks as block_style
from reader.app.marks import MentionIndex, Ranges
from reader.app.messages import MatchesChanged, SelectionChanged
from reader.app.scroll_range import SteadyScrollRange
from reader.article import Article
from reader.wrap import LineTable, cell_offset

#: Preferred measure (characters per line) of the text column.
MEASURE = 80
#: Characters wrapped per tick while idle, and the ticks' interval (s): a 2 MB text is
#: wrapped within a fraction of a second after the first screen, without holding up keys.
WRAP_STEP = 150_000
WRAP_INTERVAL = 0.02


class ArticleBase(SteadyScrollRange, can_focus=True):
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
        self._lines = LineTable(article.text, (), 0)
        self._wrapping: Timer | None = None
        self._wrapped_width = -1
        self._pad = -1  # unknown until the first layout
        #: Jump mode's labels (label -> mention) and what has been typed of one; a new
        #: analysis or mark mode removes them (see :mod:`reader.app.jump_mode`).
        self._jump: dict[str, int] = {}
        self._jump_typed = ""

    def set_article(self, article: Article) -> None:
        """Show ``article`` instead, e.g. the whole of a file whose start was shown: the
        line at the top stays there when the new text starts with the old (a view at the
        end goes to the new end). The mentions, the selection and the matches go (they
        were the old text's)."""
        at_end = 0 < self.max_scroll_y <= self.scroll_offset.y and self._lines.complete
        top = int(self.scroll_offset.y)
        anchor = self._lines[top].start if self._lines.reach(top) else 0
        prefix = article.text.startswith(self.article.text[:anchor])
        self.article = article
        self.mentions = None
        self.selected = None
        self.matches = Ranges()
        self.current_match = None
        self._jump = {}
        self._jump_typed = ""
        self._lines = LineTable(article.text, (), 0)
        self._wrapped_width = -1
        self._rewrap()
        if at_end and prefix:
            self.wrap_all()
            self.scroll_end(animate=False, immediate=True)
        else:
            line = self._lines.line_of_offset(anchor) if anchor and prefix else 0
            self.scroll_to(y=line, animate=False, immediate=True)
        self.refresh()

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
        top = int(self.scroll_offset.y)
        anchor = self._lines[top].start if self._lines.reach(top) else 0
        self._wrapped_width = width
        # Only the lines up to the screen are wrapped now; the rest follows while idle.
        self._lines = LineTable(self.article.text, self.article.paragraphs, width,
                                block_style.INDENTS)
        line = self._lines.line_of_offset(anchor) if anchor else 0
        self._lines.reach(line + max(1, self.scrollable_content_region.height))
        self._size_to_lines()
        if anchor:
            self.scroll_to(y=line, animate=False, immediate=True)
        if not self._lines.complete and self._wrapping is None:
            self._wrapping = self.set_interval(WRAP_INTERVAL, self._wrap_more)

    def _size_to_lines(self) -> None:
        """The scroll range: every line once wrapped, an estimate until then."""
        height = self._lines.estimate()
        if height != self.virtual_size.height or self._wrapped_width != self.virtual_size.width:
            self.virtual_size = Size(self._wrapped_width, height)

    def _wrap_more(self) -> None:
        """Wrap the next piece of the text (a timer runs this until every line is known)."""
        if self._lines.step(WRAP_STEP) and self._wrapping is not None:
            self._wrapping.stop()
            self._wrapping = None
        self._size_to_lines()

    def wrap_all(self) -> None:
        """Wrap the whole text now (before going to its end)."""
        self._rewrap()
        self._lines.finish()
        self._size_to_lines()

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
    def lines(self) -> LineTable:
        """The display lines at the current width (wrapped on demand; see :class:`LineTable`)."""
        self._rewrap()
        return self._lines

    def line_of_offset(self, offset: int) -> int:
        """Index of the display line showing text offset ``offset`` (wrapped up to there)."""
        index = self._lines.line_of_offset(offset)
        self._size_to_lines()
        return index

    def visible_range(self) -> tuple[int, int]:
        """Text offsets ``[start, end)`` of the lines on screen."""
        lines = self.lines
        top = int(self.scroll_offset.y)
        height = max(1, self.scrollable_content_region.height)
        lines.reach(top + height - 1)
        if not len(lines):
            return 0, 0
        top = min(top, len(lines) - 1)
        bottom = min(top + height, len(lines)) - 1
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
        if not self._lines.reach(index):
            return None
        line = self._lines[index]
        if line.paragraph < 0:
            return None
        indent = block_style.INDENTS.get(self.article.paragraphs[line.paragraph].kind, 0)
        return cell_offset(self.article.text, line.start, line.end,
                           offset.x - self._pad - indent)
