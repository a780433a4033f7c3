"""``reader`` with no argument: the library, and the articles opened from it.

The library screen runs in :class:`LibraryApp`; choosing an entry opens its article in a
worker (the page through the URL path, else the feed's own text) and the app exits with
it. :func:`run_library` then reads it in :class:`ContinuousReaderApp`; ``Backspace`` there
brings the library back at the same place, with the entry marked read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.app import App

from reader.app.detached import Abandoned, run_detached
from reader.app.library_screen import LibraryPlace, LibraryScreen
from reader.article import Article
from reader.config import Config
from reader.errors import ReaderError
from reader.library.models import Entry, RecentItem
from reader.library.store import open_library

if TYPE_CHECKING:
    from reader.app.reading import ContinuousReaderApp


@dataclass(frozen=True)
class Chosen:
    """An article to read: its library key, and a note on how it was opened."""

    article: Article
    key: str
    notice: str = ""


class LibraryApp(App[Chosen | None]):
    """The library screen on its own; exits with the article chosen (None: quit)."""

    TITLE = "reader"

    def __init__(self, config: Config, place: LibraryPlace | None = None) -> None:
        super().__init__()
        self.config = config
        self.place = place or LibraryPlace()

    def on_mount(self) -> None:
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        self.push_screen(LibraryScreen(self.config, self.place))

    def on_library_screen_open(self, message: LibraryScreen.Open) -> None:
        screen = self.screen
        if isinstance(screen, LibraryScreen):
            before = self.place.status
            screen.set_status("opening…")
            self.place.status = before  # shown again on coming back
        self._open(message.entry, message.recent)

    @work(thread=True, exclusive=True, group="library-open")
    def _open(self, entry: Entry | None, recent: RecentItem | None) -> None:
        try:  # in a daemon thread: quitting never waits for a slow page
            chosen = run_detached(open_chosen, self.config, entry, recent)
        except Abandoned:
            return
        except ReaderError as exc:
            self.call_from_thread(self.notify, str(exc), title="Cannot open",
                                  severity="error", timeout=8)
            return
        self.call_from_thread(self.exit, chosen)


def open_chosen(config: Config, entry: Entry | None, recent: RecentItem | None) -> Chosen:
    """The article of a feed entry (marked read) or of a recently read article."""
    from reader.library.entries import load_page, open_entry

    if recent is not None:
        key = recent.article
        with open_library(config) as store:
            entry = next((e for e in store.entries() if e.article_key == key), None)
        if entry is None:
            if key.startswith(("http://", "https://")):
                return Chosen(load_page(key, config), key)
            if key.startswith(("sha256:", "entry:")):
                raise ReaderError("that article was read from standard input; it is not "
                                  "stored")
            from reader.article import load

            return Chosen(load(key), key)
    if entry is None:
        raise ReaderError("the entry is gone (the feed was removed?)")
    opened = open_entry(entry, config)
    with open_library(config) as store:
        store.mark_read(entry.id)
    notice = f"The page could not be had ({opened.fallback}); showing the feed's text." \
        if opened.fallback else ""
    return Chosen(opened.article, entry.article_key, notice)


def reader_app(chosen: Chosen, config: Config) -> ContinuousReaderApp:
    """The reader app for a chosen article."""
    from reader.app.reading import ContinuousReaderApp

    return ContinuousReaderApp(chosen.article, key=chosen.key, config=config,
                               notice=chosen.notice, from_library=True)


def run_library(config: Config) -> int:
    """The library, then each article chosen, until the reader quits."""
    place = LibraryPlace()
    while True:
        library = LibraryApp(config, place)
        chosen = library.run()
        if chosen is None:
            return 0
        place = library.place
        app = reader_app(chosen, config)
        app.run()
        if not app.wants_library:
            return app.return_code or 0
