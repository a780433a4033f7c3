"""The article view: renders only the visible lines of a wrapped article (line API).

Highlights (entity mentions, the selection, find matches, jump labels) are looked up per
visible line with bisect, so a 2 MB text draws and responds as fast as a short one.
Article text is data: it becomes Rich ``Text`` with styles applied by offset, never markup.
"""

from __future__ import annotations

import string
from bisect import bisect_right
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.analysis.model import LABELS
from reader.app import blocks as block_style
from reader.app import keys
from reader.app.marks import MentionIndex, Ranges
from reader.app.words import Mark, Words
from reader.article import Article
from reader.wrap import Line, cell_offset, wrap_blocks

#: Preferred measure (characters per line) of the text column.
MEASURE = 80
#: Letters used for jump labels (no AltGr, same place on QWERTY and QWERTZ).
JUMP_LETTERS = "asdfghjklqwertuiopcvbnm"
#: Keys of mark mode -> what they do (see reader.app.keys, scope "mark").
MARK_ACTIONS = keys.actions("mark")


def label_class(label: str) -> str:
    """The component class that styles mentions of ``label``."""
    return f"label--{label.lower()}" if label in LABELS else "label--misc"


def jump_labels(count: int, letters: str = JUMP_LETTERS) -> list[str]:
    """``count`` distinct labels, none a prefix of another (one letter if they suffice)."""
    if count <= len(letters):
        return list(letters[:count])
    labels = [a + b for a in letters for b in letters]
    return labels[:count]


class ArticleView(ScrollView, can_focus=True):
    """A scrollable, word-wrapped view of an article with highlighted entity mentions."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "label--per", "label--org", "label--loc", "label--misc",
        "article-view--heading", "article-view--selected", "article-view--same",
        "article-view--match", "article-view--match-current", "article-view--jump",
        "article-view--mark", "article-view--quote", "article-view--marker",
    }
    DEFAULT_CSS = """
    ArticleView { padding: 0 1; background: $surface; }
    ArticleView:focus { background-tint: $foreground 2%; }
    ArticleView > .article-view--heading { text-style: bold; }
    ArticleView > .article-view--quote { text-style: italic; }
    ArticleView > .article-view--marker { color: $accent; text-style: bold; }
    ArticleView > .article-view--selected { text-style: bold reverse; }
    ArticleView > .article-view--same { text-style: underline; }
    ArticleView > .article-view--match {
        background: $foreground 30%; color: $foreground; text-style: underline;
    }
    ArticleView > .article-view--match-current {
        background: $foreground; color: $background; text-style: bold underline;
    }
    ArticleView > .article-view--jump {
        background: $error; color: $foreground; text-style: bold;
    }
    ArticleView > .article-view--mark {
        background: $warning; color: $background; text-style: bold;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("article")  # type: ignore[assignment]

    #: Mouse drags mark words (mark mode) instead of Textual's text selection.
    ALLOW_SELECT = False

    measure: reactive[int] = reactive(MEASURE)
    #: Cells from the left edge of the view to the text column (to align a header with it).
    text_margin: reactive[int] = reactive(0)

    class SelectionChanged(Message):
        """The selected mention changed (``index`` into the mention index, or None)."""

        def __init__(self, index: int | None) -> None:
            super().__init__()
            self.index = index

    class Activated(Message):
        """The user pressed Enter (or clicked) on the selected mention."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class MatchesChanged(Message):
        """The find matches or the current match changed."""

    class MarkChanged(Message):
        """The mark (mark mode) changed: its text offsets, or None when it was removed."""

        def __init__(self, span: tuple[int, int] | None) -> None:
            super().__init__()
            self.span = span

    class MarkDone(Message):
        """The user confirmed the mark ``[start, end)``: add it as an entity."""

        def __init__(self, start: int, end: int) -> None:
            super().__init__()
            self.start = start
            self.end = end

    def __init__(self, article: Article, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article = article
        self.mentions: MentionIndex | None = None
        self.selected: int | None = None
        self.matches = Ranges()
        self.current_match: int | None = None
        self._jump: dict[str, int] = {}
        self._jump_typed = ""
        self._lines: list[Line] = []
        self._starts: list[int] = []
        self._wrapped_width = -1
        self._pad = -1  # unknown until the first layout
        self._styles: dict[str, Style] = {}
        self.mark: Mark | None = None
        self._words: Words | None = None
        self._drag_from: int | None = None
        self._dragging = False

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
        self.post_message(self.SelectionChanged(index))

    def set_matches(self, matches: Ranges, current: int | None = None) -> None:
        """Highlight find matches; ``current`` is shown brighter and scrolled to."""
        self.matches = matches
        self.current_match = current
        if current is not None and current < len(matches):
            self.scroll_to_offset(matches.starts[current], matches.ends[current])
        self.refresh()
        self.post_message(self.MatchesChanged())

    @property
    def jumping(self) -> bool:
        """True while jump labels are shown."""
        return bool(self._jump)

    # -- actions ----------------------------------------------------------------------
    def _selected_visible(self) -> bool:
        """True if the selected mention is on screen (else moving starts from the screen)."""
        if self.selected is None or self.mentions is None:
            return False
        start, end = self.visible_range()
        return start <= self.mentions.ranges.starts[self.selected] < end

    def _anchor(self) -> int:
        """Offset to move from: the selection if visible, else just before the top of the
        screen (after ``g`` or scrolling, ``n`` selects the first entity on screen)."""
        if self._selected_visible() and self.mentions is not None and self.selected is not None:
            return self.mentions.ranges.starts[self.selected]
        start, _ = self.visible_range()
        return start - 1

    def action_next_mention(self) -> None:
        """Select the next mention."""
        if not self.mentions:
            self.app.bell()
            return
        index = self.mentions.ranges.next_after(self._anchor())
        self.select(0 if index is None else index)

    def action_previous_mention(self) -> None:
        """Select the previous mention."""
        if not self.mentions:
            self.app.bell()
            return
        if self.selected is None or not self._selected_visible():
            _, end = self.visible_range()
            anchor = end
        else:
            anchor = self.mentions.ranges.starts[self.selected]
        index = self.mentions.ranges.previous_before(anchor)
        self.select(len(self.mentions) - 1 if index is None else index)

    def _same(self, step: int) -> None:
        if not self.mentions:
            self.app.bell()
            return
        if self.selected is None:
            self.action_next_mention()
            return
        self.select(self.mentions.same_entity(self.selected, step))

    def action_next_same(self) -> None:
        """Select the next mention of the selected entity."""
        self._same(1)

    def action_previous_same(self) -> None:
        """Select the previous mention of the selected entity."""
        self._same(-1)

    def action_activate(self) -> None:
        """Show the selected mention's entity in the panel."""
        if self.selected is None:
            self.action_next_mention()
        if self.selected is not None:
            self.post_message(self.Activated(self.selected))

    def action_clear(self) -> None:
        """Leave jump mode, else clear find matches, else the selection."""
        if self._jump:
            self._jump.clear()
        elif len(self.matches):
            self.set_matches(Ranges())
        elif self.selected is not None:
            self.select(None, scroll=False)
        self.refresh()

    def action_jump(self) -> None:
        """Show jump labels over the visible mentions; typing one selects it."""
        if not self.mentions:
            self.app.bell()
            return
        start, end = self.visible_range()
        visible = list(self.mentions.ranges.between(start, end))
        self._jump = dict(zip(jump_labels(len(visible)), visible, strict=True))
        self._jump_typed = ""
        self.refresh()

    def action_page_up(self) -> None:
        """Scroll up a page."""
        self.scroll_page_up(animate=False)

    def action_page_down(self) -> None:
        """Scroll down a page."""
        self.scroll_page_down(animate=False)

    def action_scroll_home(self) -> None:
        """Scroll to the top."""
        self.scroll_home(animate=False, immediate=True)

    def action_scroll_end(self) -> None:
        """Scroll to the bottom."""
        self.scroll_end(animate=False, immediate=True)

    def action_scroll_up(self) -> None:
        """Scroll up a line."""
        self.scroll_relative(y=-1, animate=False, immediate=True)

    def action_scroll_down(self) -> None:
        """Scroll down a line."""
        self.scroll_relative(y=1, animate=False, immediate=True)

    # -- mark mode --------------------------------------------------------------------
    @property
    def words(self) -> Words:
        """The words of the article (found on first use)."""
        if self._words is None:
            self._words = Words(self.article.text)
        return self._words

    @property
    def mark_span(self) -> tuple[int, int] | None:
        """Text offsets of the mark, if one is shown."""
        return self.mark.span(self.words) if self.mark is not None else None

    def _mark_origin(self) -> tuple[int, int] | None:
        """Words to mark first: the current find match or the selected mention if visible,
        else the first word of the top line."""
        words = self.words
        top, bottom = self.visible_range()
        ranges: list[tuple[int, int]] = []
        if self.current_match is not None and self.current_match < len(self.matches):
            ranges.append((self.matches.starts[self.current_match],
                           self.matches.ends[self.current_match]))
        if self.selected is not None and self.mentions is not None:
            mention = self.mentions.mentions[self.selected]
            ranges.append((mention.start, mention.end))
        for start, end in ranges:
            if start < bottom and end > top:
                found = words.covering(start, end)
                if found is not None:
                    return found
        index = words.at(top)
        return None if index is None else (index, index)

    def action_mark(self) -> None:
        """Enter mark mode (see the "mark" keys): mark words to add as an entity."""
        self._jump.clear()
        origin = self._mark_origin()
        if origin is None:
            self.app.bell()
            return
        self.set_mark(Mark(*origin))

    def set_mark(self, mark: Mark | None) -> None:
        """Show ``mark`` (None: leave mark mode) and tell the app."""
        self.mark = mark
        span = self.mark_span
        if span is not None and self.mark is not None:
            cursor = self.mark.cursor
            self.scroll_to_offset(self.words.starts[cursor], self.words.ends[cursor])
        self.refresh()
        self.post_message(self.MarkChanged(span))

    def _mark_line(self, mark: Mark, step: int, extend: bool) -> bool:
        """Move the mark's cursor to the nearest word ``step`` display lines away."""
        words = self.words
        self._rewrap()
        offset = words.starts[mark.cursor]
        line = self.line_of_offset(offset)
        column = offset - self._lines[line].start
        target = line + step
        while 0 <= target < len(self._lines):
            candidate = self._lines[target]
            if candidate.paragraph >= 0:
                index = words.within(candidate.start, candidate.end, candidate.start + column)
                if index is not None:
                    mark.go(index, extend=extend)
                    return True
            target += step
        return False

    def _mark_key(self, action: str) -> None:
        mark = self.mark
        assert mark is not None
        if action == "cancel":
            self.set_mark(None)
            return
        if action == "done":
            start, end = mark.span(self.words)
            self.post_message(self.MarkDone(start, end))
            return
        before = (mark.anchor, mark.cursor)
        extend = action.startswith("extend_")
        direction = action.removeprefix("extend_").removeprefix("word_").removeprefix("line_")
        if direction in ("left", "right"):
            mark.move(self.words, -1 if direction == "left" else 1, extend=extend)
        else:
            self._mark_line(mark, -1 if direction == "up" else 1, extend)
        if (mark.anchor, mark.cursor) == before:
            self.app.bell()
        self.set_mark(mark)

    async def on_key(self, event: events.Key) -> None:
        """Mark mode and jump mode take keys first (see :data:`MARK_ACTIONS`)."""
        if self.mark is not None and not self._jump:
            action = MARK_ACTIONS.get(event.key)
            if action is not None:
                event.stop()
                event.prevent_default()
                self._mark_key(action)
            return
        if not self._jump:
            return
        event.stop()
        event.prevent_default()
        char = event.character or ""
        if char and char in string.ascii_lowercase:
            typed = self._jump_typed + char
            if typed in self._jump:
                index = self._jump[typed]
                self._jump.clear()
                self.select(index)
                return
            if any(label.startswith(typed) for label in self._jump):
                self._jump_typed = typed
                self.refresh()
                return
        self._jump.clear()
        self.refresh()

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

    def on_click(self, event: events.Click) -> None:
        """Select the mention under the mouse (and leave mark mode)."""
        if self.mark is not None:
            self.set_mark(None)
        text_offset = self._text_offset_at(event)
        if text_offset is None or not self.mentions:
            return
        mention = self.mentions.ranges.at(text_offset)
        if mention is not None:
            self.select(mention, scroll=False)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Start a drag: dragging over words marks them (mark mode)."""
        if event.button != 1:
            return
        offset = self._text_offset_at(event)
        if offset is None:
            return
        self._drag_from = offset
        self._dragging = False
        self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Extend the dragged mark to the word under the mouse."""
        if self._drag_from is None:
            return
        if not event.button:  # released outside the terminal
            self._end_drag()
            return
        offset = self._text_offset_at(event)
        if offset is None:
            return
        words = self.words
        first = words.at(self._drag_from)
        if offset > self._drag_from:  # a drag that ends between words ends at the last one
            last = words.covering(self._drag_from, offset)
            cursor = last[1] if last is not None else first
        else:
            cursor = words.at(offset)
        if first is None or cursor is None:
            return
        if not self._dragging and cursor == first and abs(offset - self._drag_from) < 2:
            return  # a click, not a drag
        if not self._dragging:
            self._dragging = True
            self._jump.clear()
            self.suppress_click()
        self.set_mark(Mark(first, cursor))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        """End a drag (the mark stays: Enter adds it, Esc leaves mark mode)."""
        self._end_drag()

    def _end_drag(self) -> None:
        if self._drag_from is not None:
            self._drag_from = None
            self.capture_mouse(False)
        self._dragging = False

    # -- rendering --------------------------------------------------------------------
    def notify_style_update(self) -> None:
        self._styles.clear()
        super().notify_style_update()

    #: Component classes that only add attributes (the rest carry colours, which are
    #: blended over the widget's background).
    _PARTIAL: ClassVar[frozenset[str]] = frozenset(
        {"article-view--heading", "article-view--selected", "article-view--same"}
    )

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self.get_component_rich_style(name, partial=name in self._PARTIAL)
            self._styles[name] = style
        return style

    def label_style(self, label: str) -> Style:
        """The highlight style of mentions labelled ``label`` (from the theme)."""
        return self._style(label_class(label))

    def region_of_offset(self, offset: int) -> Region:
        """Screen region (relative to the widget content) of the line showing ``offset``."""
        line = self.line_of_offset(offset)
        return Region(self._pad, line - int(self.scroll_offset.y), self._wrapped_width, 1)

    def line_text(self, index: int) -> Text:
        """Display line ``index`` as styled text (without the left margin)."""
        line = self._lines[index]
        text = self.article.text
        if line.paragraph < 0:
            return Text("")
        plain = text[line.start : line.end].replace("\t", " ")
        jump_at: list[tuple[int, str]] = []
        mentions = self.mentions
        spans: list[tuple[int, int, Style]] = []
        if mentions is not None:
            selected_key = (
                mentions.entities[self.selected].key if self.selected is not None else None
            )
            labels = {index: label for label, index in self._jump.items()}
            for m in mentions.ranges.between(line.start, line.end):
                start = max(mentions.ranges.starts[m], line.start) - line.start
                end = min(mentions.ranges.ends[m], line.end) - line.start
                entity = mentions.entities[m]
                spans.append((start, end, self._style(label_class(entity.label))))
                if m == self.selected:
                    spans.append((start, end, self._style("article-view--selected")))
                elif entity.key == selected_key:
                    spans.append((start, end, self._style("article-view--same")))
                label = labels.get(m)
                if label is not None and mentions.ranges.starts[m] >= line.start:
                    jump_at.append((start, label))
        matches = self.matches
        for m in matches.between(line.start, line.end):
            start = max(matches.starts[m], line.start) - line.start
            end = min(matches.ends[m], line.end) - line.start
            name = "article-view--match-current" if m == self.current_match else \
                "article-view--match"
            spans.append((start, end, self._style(name)))
        mark = self.mark_span
        if mark is not None and mark[0] < line.end and mark[1] > line.start:
            spans.append((max(mark[0], line.start) - line.start,
                          min(mark[1], line.end) - line.start, self._style("article-view--mark")))
        for start, label in jump_at:
            shown = label[len(self._jump_typed):] if label.startswith(self._jump_typed) else ""
            if not shown:
                continue
            end = min(start + len(shown), len(plain))
            plain = plain[:start] + shown[: end - start] + plain[end:]
            spans.append((start, end, self._style("article-view--jump")))
        block = self.article.paragraphs[line.paragraph]
        text_class = block_style.TEXT_CLASSES.get(block.kind)
        result = Text(plain, style=self._style(text_class) if text_class else "", end="",
                      no_wrap=True)
        for start, end, style in spans:
            result.stylize(style, start, end)
        marker = block_style.marker(block.kind, line.start == block.start)
        if marker:
            result = Text.assemble((marker, self._style(block_style.MARKER_CLASS)), result,
                                   end="", no_wrap=True)
        return result

    def render_line(self, y: int) -> Strip:
        """Draw display line ``y`` of the viewport."""
        self._rewrap()
        index = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        text = self.line_text(index)
        segments = list(text.render(self.app.console))
        strip = Strip(segments).apply_style(base)
        if self._pad:
            strip = Strip.join([Strip.blank(self._pad, base), strip])
        return strip.extend_cell_length(width, base).crop(0, width)
