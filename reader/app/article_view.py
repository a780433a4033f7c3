"""The article view: renders only the visible lines of a wrapped article (line API).

Highlights (entity mentions, the selection, find matches, jump labels) are looked up per
visible line with bisect, so a 2 MB text draws and responds as fast as a short one.
Article text is data: it becomes Rich ``Text`` with styles applied by offset, never markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.geometry import Region
from textual.strip import Strip

from reader.analysis.model import LABELS
from reader.app import blocks as block_style
from reader.app import keys
from reader.app.article_base import MEASURE
from reader.app.jump_mode import JumpMode, jump_labels
from reader.app.mark_mode import MARK_ACTIONS, MarkMode
from reader.app.marks import Ranges
from reader.app.messages import Activated
from reader.article import Article

__all__ = ["MEASURE", "ArticleView", "jump_labels", "label_class"]


def label_class(label: str) -> str:
    """The component class that styles mentions of ``label``."""
    return f"label--{label.lower()}" if label in LABELS else "label--misc"


class ArticleView(MarkMode, JumpMode):
    """A scrollable, word-wrapped view of an article with highlighted entity mentions.

    Keys of mark mode come first and are enabled only while a mark is shown
    (:meth:`check_action`); the article's own keys answer otherwise. Jump mode reads the
    labels typed (:mod:`reader.app.jump_mode`).
    """

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
    BINDINGS: ClassVar[list[BindingType]] = [
        *keys.bindings("mark"), *keys.bindings("article"),
    ]

    #: Mouse drags mark words (mark mode) instead of Textual's text selection.
    ALLOW_SELECT = False

    def __init__(self, article: Article, *, id: str | None = None) -> None:
        super().__init__(article, id=id)
        self._styles: dict[str, Style] = {}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Mode keys work only in their mode (else the key's next binding answers)."""
        if action in MARK_ACTIONS:
            return self.mark is not None and not self.jumping
        return super().check_action(action, parameters)

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
            self.post_message(Activated(self.selected))

    def action_clear(self) -> None:
        """Leave jump mode, else clear find matches, else the selection."""
        if self._jump:
            self._jump.clear()
        elif len(self.matches):
            self.set_matches(Ranges())
        elif self.selected is not None:
            self.select(None, scroll=False)
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
        self.wrap_all()
        self.scroll_end(animate=False, immediate=True)

    def action_scroll_up(self) -> None:
        """Scroll up a line."""
        self.scroll_relative(y=-1, animate=False, immediate=True)

    def action_scroll_down(self) -> None:
        """Scroll down a line."""
        self.scroll_relative(y=1, animate=False, immediate=True)

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
        if not self._lines.reach(index):
            return Strip.blank(width, base)
        text = self.line_text(index)
        segments = list(text.render(self.app.console))
        strip = Strip(segments).apply_style(base)
        if self._pad:
            strip = Strip.join([Strip.blank(self._pad, base), strip])
        return strip.extend_cell_length(width, base).crop(0, width)

