"""The main screen's find flow: every match of the find bar's text highlighted, a counter,
next and previous."""

from __future__ import annotations

from textual import on
from textual.widgets import Input

from reader.app.marks import find_all
from reader.app.messages import FindClosed, FindStep, MatchesChanged
from reader.app.screen_base import ScreenBase

#: Most find matches highlighted.
MAX_MATCHES = 100_000


class FindFlow(ScreenBase):
    """Find in the article (``/``, ``Ctrl+F``; ``F3`` / ``Shift+F3``)."""

    _matches_limited = False

    def action_find(self) -> None:
        """Open the find bar."""
        self.add_hidden_parts()
        self.find_bar.open()

    @on(Input.Changed, "#find-input")
    def _find_changed(self, event: Input.Changed) -> None:
        matches = find_all(self.article.text, event.value, MAX_MATCHES)
        self._matches_limited = len(matches) >= MAX_MATCHES
        current = None
        if len(matches):
            start, _ = self.view.visible_range()
            after = matches.next_after(start - 1)
            current = 0 if after is None else after
        self.view.set_matches(matches, current)
        self.find_bar.set_count(current, len(matches), self._matches_limited)

    def _step_match(self, step: int) -> None:
        matches = self.view.matches
        if not len(matches):
            self.app.bell()
            return
        current = self.view.current_match
        current = 0 if current is None else (current + step) % len(matches)
        self.view.set_matches(matches, current)
        self.find_bar.set_count(current, len(matches), self._matches_limited)

    @on(FindStep)
    def _find_step(self, message: FindStep) -> None:
        self._step_match(message.step)

    @on(FindClosed)
    def _find_closed(self) -> None:
        self.view.focus()
        self._show_count()

    @on(MatchesChanged)
    def _show_count(self) -> None:
        """The counter stays visible in the status line while the bar is closed."""
        shown = len(self.view.matches) and not self.find_bar.has_class("-open")
        self.status.find = self.find_bar.count_text if shown else ""

    def action_find_next(self) -> None:
        """Go to the next match."""
        self._step_match(1)

    def action_find_previous(self) -> None:
        """Go to the previous match."""
        self._step_match(-1)
