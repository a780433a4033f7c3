"""Output of ``reader feed``: feed and entry listings (text or JSON), progress, summaries."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING, Protocol

from reader.library.fetch import RefreshResult
from reader.library.models import Feed
from reader.sanitize import strip_escapes, terminal_json

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class _Listed(Protocol):
    """What an entry listing needs (stored entries and freshly parsed items alike)."""

    @property
    def title(self) -> str: ...
    @property
    def link(self) -> str: ...
    @property
    def published(self) -> float | None: ...
    @property
    def summary(self) -> str: ...


def _iso(stamp: float | None) -> str | None:
    if stamp is None:
        return None
    return dt.datetime.fromtimestamp(stamp, dt.UTC).isoformat().replace("+00:00", "Z")


def _when(stamp: float | None) -> str:
    if stamp is None:
        return "—"
    return dt.datetime.fromtimestamp(stamp).strftime("%Y-%m-%d %H:%M")


def _print_json(key: str, rows: list[dict[str, object]], fmt: str) -> None:
    """``{key: rows}`` as one JSON document (``json``) or one row a line (``jsonl``); text
    from the network is escaped where a terminal would read it."""
    if fmt == "jsonl":
        for row in rows:
            print(terminal_json(row, indent=None))
    else:
        print(terminal_json({key: rows}))


def print_feeds(feeds: Sequence[Feed], fmt: str) -> None:
    """The subscribed feeds: URL, title, entries (unread), last check and error."""
    if fmt != "text":
        _print_json("feeds", [{"url": f.url, "title": f.title, "site": f.site,
                               "entries": f.total, "unread": f.unread,
                               "checked": _iso(f.checked_at), "error": f.error or None}
                              for f in feeds], fmt)
        return
    if not feeds:
        print("no feeds yet: 'reader feed add URL' or 'reader feed import FILE.opml'")
        return
    for feed in feeds:
        print(strip_escapes(feed.name))
        print(f"  {strip_escapes(feed.url)}")
        line = f"  {feed.total} entries, {feed.unread} unread · checked {_when(feed.checked_at)}"
        if feed.error:
            line += f" · error: {strip_escapes(feed.error)}"
        print(line)


def print_entries(entries: Sequence[_Listed], fmt: str) -> None:
    """A feed's entries: title, link, date, summary (newest first as given)."""
    if fmt != "text":
        _print_json("entries", [{"title": e.title, "link": e.link or None,
                                 "date": _iso(e.published), "summary": e.summary}
                                for e in entries], fmt)
        return
    for entry in entries:
        read = getattr(entry, "read", None)
        mark = "  " if read is None else ("  " if read else "● ")
        print(f"{mark}{_when(entry.published)}  {strip_escapes(entry.title)}")
        if entry.link:
            print(f"    {strip_escapes(entry.link)}")


def refresh_summary(results: Sequence[RefreshResult], seconds: float) -> Iterator[str]:
    """One line per feed, then the totals."""
    for result in results:
        name = strip_escapes(result.title)
        if result.error and not result.entries:
            yield f"{name} ({strip_escapes(result.url)}): error: {strip_escapes(result.error)}"
        elif result.not_modified:
            yield f"{name}: not modified"
        else:
            line = f"{name}: {result.new} new of {result.entries}"
            if result.error:
                line += f" (warning: {strip_escapes(result.error)})"
            yield line
    new = sum(r.new for r in results)
    failed = sum(1 for r in results if r.error and not r.entries)
    yield (f"{len(results)} feeds refreshed in {seconds:.2f} s: {new} new entries"
           + (f", {failed} failed" if failed else ""))


@contextlib.contextmanager
def progress_bars(*labels: str, quiet: bool) -> Iterator[list[Callable[[int, int], None]]]:
    """One progress bar per label on standard error (on a terminal, unless ``quiet``);
    yields their ``update(done, total)`` functions."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(file=sys.stderr, highlight=False, markup=False, emoji=False)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=console, transient=True, disable=quiet) as bar:
        yield [partial(_update, bar, bar.add_task(label, total=None)) for label in labels]


def _update(bar: Progress, task: TaskID, done: int, total: int) -> None:
    bar.update(task, completed=done, total=total)
