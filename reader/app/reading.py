"""Reading that picks up where it stopped: the reader app with the library's continuity.

:class:`ContinuousReaderApp` is :class:`ReaderApp` plus

- the scroll position and the selected entity, saved per article when the app exits and
  restored when the article is opened again (files, URLs and feed entries alike);
- the recently read list (every opened article goes to its top);
- back / forward through jumps inside the article like a browser's history: a jump is a
  selection that is not the next or previous mention in reading order (the index, a
  mention chosen in the panel, jump mode, the next mention of the same entity);
- ``Backspace``: the library screen (the app exits and the library takes over; see
  :func:`reader.app.library_app.run_library`); ``Esc`` too, for an article opened from the
  library, when there is nothing selected, found or marked to clear first.
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.binding import BindingType

from reader.app import keys
from reader.app.app import ReaderApp
from reader.app.messages import AnalysisReady, ArticleLoaded, SelectionChanged
from reader.article import Article
from reader.library.history import JumpHistory, Place

if TYPE_CHECKING:
    from reader.library.models import Position
    from reader.library.store import LibraryStore


def article_key(article: Article) -> str:
    """The key of an article in the library's positions and recent list."""
    source = article.source
    if source.startswith(("http://", "https://", "entry:")):
        return source
    if source.startswith("<"):
        return f"sha256:{article.sha256}"
    return os.path.abspath(source)


class ContinuousReaderApp(ReaderApp):
    """The reader app that remembers where each article was left."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.bindings("library")]

    def __init__(self, article: Article, *, key: str | None = None, notice: str = "",
                 from_library: bool = False, **options: Any) -> None:
        super().__init__(article, **options)
        self.key = key or article_key(article)
        self.notice = notice
        #: Opened from the library: ``Esc`` with nothing to clear goes back to it.
        self.from_library = from_library
        self.history = JumpHistory()
        #: Set by ``Backspace``: the library screen should follow this app.
        self.wants_library = False
        self._place = Place(0)
        self._restoring: Position | None = None
        self._library: LibraryStore | None = None

    # -- the library store (opened lazily; a failure never stops reading) ---------------
    def _store(self) -> LibraryStore | None:
        import sqlite3

        from reader.library.store import open_library

        if self._library is None:
            try:
                self._library = open_library(self.config)
            except (OSError, sqlite3.Error) as exc:
                self.notify(f"Library unavailable: {exc}", severity="warning", timeout=6)
                return None
            if self._library.warning:
                self.notify(self._library.warning, title="Library", severity="warning",
                            timeout=10)
        return self._library

    def _write(self, method: str, *args: Any) -> None:
        import sqlite3

        store = self._store()
        if store is None:
            return
        try:
            getattr(store, method)(*args)
        except sqlite3.Error as exc:
            self.notify(f"Not saved in the library: {exc}", severity="warning", timeout=6)

    # -- restore on open, save on exit -------------------------------------------------------
    def on_mount(self) -> None:
        if self.notice:
            self.notify(self.notice, title="Feed entry", severity="warning", timeout=8)
        # The library (SQLite: the place the article was left, the recent list) after
        # the first frame; or once the whole of a long file is read.
        if not self.session.partial:
            self.call_after_refresh(self._open_place)

    @on(ArticleLoaded)
    def _whole_loaded(self) -> None:
        self._open_place()

    def _open_place(self) -> None:
        store = self._store()
        if store is not None:
            self._restoring = store.position(self.key)
        self._write("add_recent", self.key, self.article.title)
        if self._restoring is not None:
            self._restore_top(self._restoring.offset)
            if self.mentions is not None:  # the analysis came first
                self._restore_entity()

    def _restore_top(self, offset: int) -> None:
        view = self.view
        view.scroll_to(y=view.line_of_offset(min(offset, len(self.article.text))),
                       animate=False, immediate=True)
        self._place = Place(view.visible_range()[0])

    @on(AnalysisReady)
    def _restore_entity(self) -> None:
        position, self._restoring = self._restoring, None
        if position is None or not position.entity:
            return
        self.call_after_refresh(self._select_entity, position)

    def _select_entity(self, position: Position) -> None:
        mentions = self.mentions
        if mentions is None:
            return
        top = self.view.visible_range()[0]
        candidates = [i for i, entity in enumerate(mentions.entities)
                      if entity.key == position.entity]
        if candidates:
            after = [i for i in candidates if mentions.mentions[i].start >= top]
            index = (after or candidates)[0]
            self._place = Place(top, mentions.mentions[index].start)
            self.view.select(index, scroll=not after)

    def exit(self, *args: Any, **kwargs: Any) -> None:
        """Save where the article was left, then exit."""
        with contextlib.suppress(Exception):  # saving never keeps the user from quitting
            self._save_position()
        if self._library is not None:
            self._library.close()
            self._library = None
        super().exit(*args, **kwargs)

    def _save_position(self) -> None:
        top = self.view.visible_range()[0]
        entity = ""
        if self.view.selected is not None and self.mentions is not None:
            entity = self.mentions.entities[self.view.selected].key
        self._write("save_position", self.key, top, entity)

    # -- jumps ------------------------------------------------------------------------------
    def _here(self) -> Place:
        view = self.view
        mention = None
        if view.selected is not None and self.mentions is not None:
            mention = self.mentions.mentions[view.selected].start
        return Place(view.visible_range()[0], mention)

    @on(SelectionChanged)
    def _record_jump(self, message: SelectionChanged) -> None:
        previous, here = self._place, self._here()
        self._place = here
        if message.index is None or here.mention == previous.mention:
            return
        if previous.mention is None:
            if here.top == previous.top:
                return  # the first selection on the screen: not a jump
        elif self.mentions is not None:
            before = self.mentions.ranges.at(previous.mention)
            if before is not None and abs(before - message.index) == 1:
                return  # the next or previous mention in reading order
        self.history.jump(previous, here)

    def _go(self, place: Place | None) -> None:
        if place is None:
            self.bell()
            return
        view = self.view
        view.scroll_to(y=view.line_of_offset(place.top), animate=False, immediate=True)
        index = None
        if place.mention is not None and self.mentions is not None:
            index = self.mentions.ranges.at(place.mention)
        self._place = place
        view.select(index, scroll=False)
        view.focus()

    def action_history_back(self) -> None:
        """Back to where the last jump started (like a browser's Back)."""
        self._go(self.history.back(self._here()))

    def action_history_forward(self) -> None:
        """Forward to where a jump went (like a browser's Forward)."""
        self._go(self.history.forward())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``Esc`` leaves for the library only when it has nothing else to do: an article
        opened from the library, on its own screen, with the text focused and no
        selection, find matches, jump labels or mark."""
        if action != "escape_to_library":
            return super().check_action(action, parameters)
        if not self.from_library or self.screen is not self.screen_stack[0]:
            return False
        view = self.view
        clear = (view.selected is None and not view.jumping and not len(view.matches)
                 and getattr(view, "mark", None) is None)
        return clear and self.focused is view

    def action_escape_to_library(self) -> None:
        """Back to the library (Esc with nothing to clear)."""
        self.action_library()

    def action_library(self) -> None:
        """Show the library (feeds, entries, recently read)."""
        self.wants_library = True
        self.exit()
