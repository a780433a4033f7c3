"""The library screen: feeds on the left, their entries newest first on the right (unread
ones marked ●), the recently read articles, a filter that takes what is typed, and a
refresh of every feed in the background with its progress in the status line.

The screen only shows and chooses: choosing posts :class:`LibraryScreen.Open`, and the app
hosting it opens the article. What was shown (feed, filter, highlighted entry) is kept in a
:class:`LibraryPlace`, so that coming back shows the list at the same place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.app import keys
from reader.app.detached import Abandoned, run_detached
from reader.config import Config
from reader.library.fetch import RefreshResult
from reader.library.models import Entry, Feed, RecentItem
from reader.library.store import LibraryStore, open_library
from reader.sanitize import strip_escapes

ALL = "all"
RECENT = "recent"
T = TypeVar("T")


@dataclass
class LibraryPlace:
    """What the library showed: the feed chosen, the filter, the highlighted entry."""

    feed: str = ALL
    query: str = ""
    entry: str | None = None
    #: The feeds were refreshed in this session already.
    refreshed: bool = False
    #: What the status line said last.
    status: str = ""


def _when(stamp: float | None) -> str:
    if stamp is None:
        return "     —     "
    return dt.datetime.fromtimestamp(stamp).strftime("%d.%m. %H:%M")


def feed_options(feeds: list[Feed], recent: int) -> list[Option]:
    """The left column: every feed, the recently read, then each feed with unread counts."""
    unread = sum(feed.unread for feed in feeds)
    options = [Option(Text(f"All feeds ({unread})"), id=ALL),
               Option(Text(f"Recently read ({recent})"), id=RECENT)]
    for feed in feeds:
        prompt = Text("! " if feed.error else "  ", "bold red")
        prompt.append(strip_escapes(feed.name))
        prompt.append(f" ({feed.unread})", "dim")
        options.append(Option(prompt, id=f"feed:{feed.url}"))
    return options


def _matching(items: Sequence[T], query: str, text: Callable[[T], str]) -> Iterator[tuple[int, T]]:
    """``(position, item)`` of the items whose ``text`` contains ``query`` (any case)."""
    needle = query.casefold().strip()
    for number, item in enumerate(items):
        if not needle or needle in text(item).casefold():
            yield number, item


def entry_options(entries: list[Entry], query: str) -> list[Option]:
    """The right column: entries (newest first) whose title or feed contains ``query``."""
    options = []
    for _, entry in _matching(entries, query, lambda e: f"{e.title}\n{e.feed_title}"):
        prompt = Text("  " if entry.read else "● ", "bold")
        prompt.append(_when(entry.published or entry.seen_at) + "  ", "dim")
        prompt.append(strip_escapes(entry.title), "" if entry.read else "bold")
        prompt.append(f"  · {strip_escapes(entry.feed_title or entry.feed_url)}", "dim")
        options.append(Option(prompt, id=f"entry:{entry.id}"))
    return options


def recent_options(items: list[RecentItem], query: str) -> list[Option]:
    """The recently read articles, the last one first."""
    return [Option(Text.assemble((_when(item.opened_at) + "  ", "dim"),
                                 strip_escapes(item.title),
                                 (f"  · {strip_escapes(item.article)}", "dim")),
                   id=f"recent:{number}")
            for number, item in _matching(items, query, lambda i: f"{i.title}\n{i.article}")]


class RefreshProgress(Message):
    """``done`` of ``total`` feeds refreshed."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class RefreshDone(Message):
    """The refresh finished (``error`` set when it could not run at all)."""

    def __init__(self, results: list[RefreshResult], seconds: float, error: str = "") -> None:
        super().__init__()
        self.results = results
        self.seconds = seconds
        self.error = error


class LibraryScreen(Screen[None]):
    """Feeds and entries; type to filter, Enter opens, Ctrl+R refreshes."""

    DEFAULT_CSS = """
    LibraryScreen #library-title { padding: 0 1; text-style: bold; }
    LibraryScreen #library-filter { margin: 0 1; }
    LibraryScreen #library-feeds { width: 32; height: 1fr; }
    LibraryScreen #library-entries { width: 1fr; height: 1fr; }
    LibraryScreen #library-status { padding: 0 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        *keys.bindings("library_list"),
        ("down", "move(1)", "Down"), ("up", "move(-1)", "Up"),
        ("pagedown", "move(10)", "Page down"), ("pageup", "move(-10)", "Page up"),
    ]

    class Open(Message):
        """The reader chose an entry (``entry``) or a recently read article (``recent``)."""

        def __init__(self, entry: Entry | None = None, recent: RecentItem | None = None) -> None:
            super().__init__()
            self.entry = entry
            self.recent = recent

    def __init__(self, config: Config, place: LibraryPlace | None = None) -> None:
        super().__init__()
        self.config = config
        self.place = place or LibraryPlace()
        self.feeds: list[Feed] = []
        self.entries: list[Entry] = []
        self.recent: list[RecentItem] = []
        self.status = ""

    def compose(self) -> ComposeResult:
        yield Static("Library", id="library-title")
        yield Input(self.place.query, placeholder="type to filter · ↑↓ move · Enter opens",
                    id="library-filter")
        with Horizontal():
            yield OptionList(id="library-feeds")
            yield OptionList(id="library-entries")
        yield Static("", id="library-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#library-filter", Input).focus()
        self.reload()
        if self.config.offline:
            self.set_status("offline: showing what is stored")
        elif not self.place.refreshed and self.feeds:
            self.action_refresh()
        elif self.place.status:
            self.set_status(self.place.status)

    # -- showing -------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the library again and show it, keeping the place."""
        try:
            with open_library(self.config) as store:
                self._read(store)
        except OSError as exc:
            self.set_status(f"library unavailable: {exc}")
        feeds = self.query_one("#library-feeds", OptionList)
        feeds.set_options(feed_options(self.feeds, len(self.recent)))
        ids = [feeds.get_option_at_index(i).id for i in range(feeds.option_count)]
        feeds.highlighted = ids.index(self.place.feed) if self.place.feed in ids else 0
        self._show_entries()
        title = f"Library · {len(self.feeds)} feeds · {len(self.entries)} entries, " \
                f"{sum(1 for e in self.entries if not e.read)} unread"
        self.query_one("#library-title", Static).update(Text(title))
        if not self.feeds and not self.status:
            self.set_status("No feeds yet: reader feed add URL, or reader feed import "
                            "FILE.opml")

    def _read(self, store: LibraryStore) -> None:
        if store.warning:
            self.notify(store.warning, title="Library", severity="warning", timeout=10)
        self.feeds = store.feeds()
        self.entries = store.entries()
        self.recent = store.recent()

    def _show_entries(self) -> None:
        place = self.place
        if place.feed == RECENT:
            options = recent_options(self.recent, place.query)
        else:
            url = place.feed.removeprefix("feed:") if place.feed != ALL else None
            shown = [e for e in self.entries if url is None or e.feed_url == url]
            options = entry_options(shown, place.query)
        entries = self.query_one("#library-entries", OptionList)
        entries.set_options(options)
        ids = [option.id for option in options]
        if ids:
            entries.highlighted = ids.index(place.entry) if place.entry in ids else 0

    def set_status(self, text: str) -> None:
        """Show ``text`` in the status line."""
        self.status = self.place.status = text
        self.query_one("#library-status", Static).update(Text(text))

    # -- events --------------------------------------------------------------------------
    @on(Input.Changed, "#library-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.place.query = event.value
        self._show_entries()

    @on(OptionList.OptionHighlighted, "#library-feeds")
    def _feed_chosen(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.place.feed:
            self.place.feed = event.option.id
            self._show_entries()

    @on(OptionList.OptionHighlighted, "#library-entries")
    def _entry_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.place.entry = event.option.id

    @on(Input.Submitted, "#library-filter")
    @on(OptionList.OptionSelected, "#library-entries")
    def _open(self, event: Message) -> None:
        event.stop()
        entries = self.query_one("#library-entries", OptionList)
        if entries.highlighted is None:
            self.app.bell()
            return
        option_id = entries.get_option_at_index(entries.highlighted).id or ""
        kind, _, value = option_id.partition(":")
        if kind == "entry":
            entry = next((e for e in self.entries if e.id == int(value)), None)
            self.post_message(self.Open(entry=entry))
        elif kind == "recent":
            self.post_message(self.Open(recent=self.recent[int(value)]))

    @on(OptionList.OptionSelected, "#library-feeds")
    def _feed_selected(self) -> None:
        self.query_one("#library-filter", Input).focus()

    def action_move(self, step: int) -> None:
        """Move the highlight in the entries (the filter keeps the typing)."""
        entries = self.query_one("#library-entries", OptionList)
        if entries.option_count:
            current = entries.highlighted or 0
            entries.highlighted = max(0, min(entries.option_count - 1, current + step))

    def action_switch(self) -> None:
        """Between the feeds and the filter (with the entries)."""
        feeds = self.query_one("#library-feeds", OptionList)
        if feeds.has_focus:
            self.query_one("#library-filter", Input).focus()
        else:
            feeds.focus()

    def action_clear_or_quit(self) -> None:
        """Clear the filter; with no filter, quit."""
        field = self.query_one("#library-filter", Input)
        if field.value:
            field.value = ""
            field.focus()
        else:
            self.app.exit()

    # -- refresh ---------------------------------------------------------------------------
    def action_refresh(self) -> None:
        """Refresh every feed in the background."""
        if self.config.offline:
            self.set_status("offline: refreshing needs the network")
            return
        self.set_status("refreshing…")
        self._refresh()

    @work(thread=True, exclusive=True, group="library-refresh")
    def _refresh(self) -> None:
        from reader.library.fetch import timed_refresh

        def progress(done: int, total: int) -> None:
            self.post_message(RefreshProgress(done, total))

        def run() -> tuple[list[RefreshResult], float]:
            with open_library(self.config) as store:
                return timed_refresh(store, self.config, progress=progress)

        try:
            # In a daemon thread: opening an entry or quitting never waits for a slow feed
            # (each feed is stored in its own transaction as it arrives).
            results, seconds = run_detached(run)
        except Abandoned:
            return
        except Exception as exc:  # the screen keeps working, whatever happened
            self.post_message(RefreshDone([], 0.0, f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(RefreshDone(results, seconds))

    def on_refresh_progress(self, message: RefreshProgress) -> None:
        self.set_status(f"refreshing {message.done}/{message.total} feeds…")

    def on_refresh_done(self, message: RefreshDone) -> None:
        self.place.refreshed = True
        if message.error:
            self.set_status(f"refresh failed: {message.error}")
            return
        new = sum(r.new for r in message.results)
        failed = [r for r in message.results if r.error and not r.entries]
        text = (f"{len(message.results)} feeds refreshed at {dt.datetime.now():%H:%M} in "
                f"{message.seconds:.1f} s: {new} new")
        if failed:
            text += f" · {len(failed)} failed: " + ", ".join(
                f"{r.title}: {r.error}" for r in failed[:2])
        self.status = ""
        self.reload()
        self.set_status(text)
