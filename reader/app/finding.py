"""The main screen's find flow: every match of the find bar's text highlighted, a counter,
next and previous."""

from __future__ import annotations

from textual import on, work
from textual.widgets import Input
from textual.worker import get_current_worker

from reader.app.marks import FindCancelled, Ranges, find_all
from reader.app.messages import FindClosed, FindStep, MatchesChanged, MatchesFound
from reader.app.screen_base import ScreenBase

#: Most find matches highlighted.
MAX_MATCHES = 100_000
#: A text longer than this is searched in a worker (typing is answered meanwhile; a
#: 10 MB text takes some 60 ms a search).
FIND_IN_WORKER_CHARS = 1_000_000


class FindFlow(ScreenBase):
    """Find in the article (``/``, ``Ctrl+F``; ``F3`` / ``Shift+F3``)."""

    _matches_limited = False

    def action_find(self) -> None:
        """Open the find bar."""
        self.add_hidden_parts()
        self.find_bar.open()

    @on(Input.Changed, "#find-input")
    def _find_changed(self, event: Input.Changed) -> None:
        self.find(event.value)

    def find(self, query: str) -> None:
        """Highlight every match of ``query`` (a long text's are found by a worker)."""
        if len(self.article.text) > FIND_IN_WORKER_CHARS and query:
            self.find_bar.set_searching()
            self._find_in_worker(query)
            return
        self.workers.cancel_group(self, "find")
        self._show_matches(find_all(self.article.text, query, MAX_MATCHES))

    @work(thread=True, exclusive=True, group="find", exit_on_error=False)
    def _find_in_worker(self, query: str) -> None:
        """Find ``query`` in a long text; a newer query cancels this one."""
        worker = get_current_worker()
        try:
            matches = find_all(self.article.text, query, MAX_MATCHES,
                               cancelled=lambda: worker.is_cancelled)
        except FindCancelled:
            return
        self.post_message(MatchesFound(query, matches))

    @on(MatchesFound)
    def _matches_found(self, message: MatchesFound) -> None:
        if message.query == self.find_bar.input.value:  # else a newer one is on its way
            self._show_matches(message.matches)

    def _show_matches(self, matches: Ranges) -> None:
        """Highlight ``matches``, the first one on screen or after it current."""
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
