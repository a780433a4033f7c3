"""Mark mode of the article view: mark words (keys or a mouse drag) to add as an entity.

Its keys are bindings of the view (scope ``mark`` in :mod:`reader.app.keys`), active only
while a mark is shown (``check_action``); ``Enter`` posts
:class:`reader.app.messages.MarkDone` and the main screen asks for the entity's type.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events

from reader.app.article_base import ArticleBase
from reader.app.messages import MarkChanged, MarkDone
from reader.app.words import Mark, Words

if TYPE_CHECKING:
    from reader.article import Article

#: The actions of mark mode (enabled only while a mark is shown).
MARK_ACTIONS = frozenset({"mark_move", "mark_done", "mark_cancel"})


class MarkMode(ArticleBase):
    """The mark: a run of words between an anchor and a cursor."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.mark: Mark | None = None
        self._words: Words | None = None
        self._drag_from: int | None = None
        self._dragging = False

    def set_article(self, article: Article) -> None:
        """Show ``article`` instead: no mark, and its words are found anew."""
        self.mark = None
        self._words = None
        self._drag_from = None
        self._dragging = False
        super().set_article(article)

    @property
    def marking(self) -> bool:
        """True while a mark is shown."""
        return self.mark is not None

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
        self.post_message(MarkChanged(span))

    def _mark_line(self, mark: Mark, step: int, extend: bool) -> bool:
        """Move the mark's cursor to the nearest word ``step`` display lines away."""
        words = self.words
        self._rewrap()
        offset = words.starts[mark.cursor]
        line = self.line_of_offset(offset)
        column = offset - self._lines[line].start
        target = line + step
        while target >= 0 and self._lines.reach(target):
            candidate = self._lines[target]
            if candidate.paragraph >= 0:
                index = words.within(candidate.start, candidate.end, candidate.start + column)
                if index is not None:
                    mark.go(index, extend=extend)
                    return True
            target += step
        return False

    def action_mark_move(self, direction: str, extend: bool = False) -> None:
        """Move the mark's cursor a word ``left``/``right`` or a line ``up``/``down``;
        ``extend`` keeps the anchor (the mark grows or shrinks)."""
        mark = self.mark
        if mark is None:
            return
        before = (mark.anchor, mark.cursor)
        if direction in ("left", "right"):
            mark.move(self.words, -1 if direction == "left" else 1, extend=extend)
        else:
            self._mark_line(mark, -1 if direction == "up" else 1, extend)
        if (mark.anchor, mark.cursor) == before:
            self.app.bell()
        self.set_mark(mark)

    def action_mark_done(self) -> None:
        """Add the marked words as an entity (the main screen asks for the type)."""
        if self.mark is not None:
            start, end = self.mark.span(self.words)
            self.post_message(MarkDone(start, end))

    def action_mark_cancel(self) -> None:
        """Leave mark mode."""
        self.set_mark(None)

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
