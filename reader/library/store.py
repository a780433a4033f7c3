"""The library store: one SQLite file (``library.sqlite3`` in the data directory).

It holds the feeds, their entries with read state, the reading position of every article
read (files, URLs and feed entries alike) and the list of recently read articles. Every
change is one transaction, so a crash never leaves half a refresh. What is stored is the
user's own: a file that is not a reader library (damaged, foreign, a newer schema) is moved
aside as ``library.sqlite3.bad-<UTC time>`` with one warning (:attr:`LibraryStore.warning`)
and a new library is started; it is never emptied silently.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reader.library.models import Entry, Feed, FeedItem, Position, RecentItem

if TYPE_CHECKING:
    from reader.config import Config

FILE_NAME = "library.sqlite3"
#: ``PRAGMA application_id`` of a reader library ("rdlb").
APPLICATION_ID = 0x72646C62
SCHEMA_VERSION = 1
#: Recently read articles kept.
RECENT_LIMIT = 50

_SCHEMA = """
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    site TEXT NOT NULL DEFAULT '',
    etag TEXT NOT NULL DEFAULT '',
    modified TEXT NOT NULL DEFAULT '',
    checked_at REAL,
    error TEXT NOT NULL DEFAULT '',
    added_at REAL NOT NULL
);
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    guid TEXT NOT NULL,
    link TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    published REAL,
    summary TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL DEFAULT '',
    seen_at REAL NOT NULL,
    read_at REAL,
    UNIQUE (feed_id, guid)
);
CREATE INDEX entries_by_time ON entries (COALESCE(published, seen_at));
CREATE TABLE positions (
    article TEXT PRIMARY KEY,
    offset INTEGER NOT NULL,
    entity TEXT NOT NULL DEFAULT '',
    updated REAL NOT NULL
);
CREATE TABLE recent (
    article TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    opened_at REAL NOT NULL
);
"""

_ENTRY_COLUMNS = ("e.id, e.feed_id, f.title, f.url, e.guid, e.link, e.title, e.published, "
                  "e.summary, e.content, e.seen_at, e.read_at")


class _Unusable(Exception):
    """The file is not a usable reader library."""


class LibraryStore:
    """The library in ``path`` (created on first use). Use as a context manager or
    :meth:`close` it. One instance belongs to one thread (SQLite's rule)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        #: One line saying that a damaged file was moved aside (else empty).
        self.warning = ""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = self._open()
        except (sqlite3.DatabaseError, _Unusable) as exc:
            moved = self._move_aside()
            self.warning = (f"library {self.path} was unusable ({exc or type(exc).__name__}); "
                            f"kept as {moved.name}, a new library was started")
            self._conn = self._open()

    # -- opening ------------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        with contextlib.suppress(FileNotFoundError), self.path.open("rb") as stream:
            head = stream.read(16)
            if head and head != b"SQLite format 3\x00":
                raise _Unusable("not an SQLite file")  # SQLite would take a short file over
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if app_id == 0 and tables == 0:
                self._create(conn)
            elif app_id != APPLICATION_ID:
                raise _Unusable("not a reader library")
            else:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version != SCHEMA_VERSION:
                    raise _Unusable(f"schema version {version}, expected {SCHEMA_VERSION}")
                check = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
                if check != "ok":
                    raise _Unusable(f"integrity check failed: {check}")
        except BaseException:
            conn.close()
            raise
        return conn

    @staticmethod
    def _create(conn: sqlite3.Connection) -> None:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.executescript(f"BEGIN IMMEDIATE; {_SCHEMA}; PRAGMA application_id = "
                           f"{APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")

    def _move_aside(self) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.name}.bad-{stamp}")
        os.replace(self.path, target)
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.replace(f"{self.path}{suffix}", f"{target}{suffix}")
        return target

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def __enter__(self) -> LibraryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed at the end, rolled back on an exception."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # -- feeds ----------------------------------------------------------------------------
    def add_feed(self, url: str, title: str = "") -> tuple[Feed, bool]:
        """Subscribe to ``url``; return the feed and whether it is new."""
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO feeds (url, title, added_at) VALUES (?, ?, ?) "
                "ON CONFLICT (url) DO NOTHING", (url, title, time.time()))
        feed = self.feed(url)
        assert feed is not None
        return feed, cursor.rowcount == 1

    def remove_feed(self, url: str) -> bool:
        """Unsubscribe (the feed's entries go too); False if it was not subscribed."""
        with self.transaction() as conn:
            return conn.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount == 1

    def feeds(self) -> list[Feed]:
        """Every feed, in the order added, with its entry counts."""
        rows = self._conn.execute(
            "SELECT f.id, f.url, f.title, f.site, f.etag, f.modified, f.checked_at, f.error,"
            " count(e.id), count(e.id) - count(e.read_at) FROM feeds f"
            " LEFT JOIN entries e ON e.feed_id = f.id GROUP BY f.id ORDER BY f.id")
        return [Feed(*row) for row in rows]

    def feed(self, url: str) -> Feed | None:
        """The feed with this URL, if subscribed."""
        return next((feed for feed in self.feeds() if feed.url == url), None)

    def save_fetch(self, feed: Feed, *, items: Iterable[FeedItem] = (), title: str = "",
                   site: str = "", etag: str | None = None, modified: str | None = None,
                   error: str = "") -> int:
        """Store one fetch of ``feed`` in one transaction; return the number of new entries.

        Known entries are updated (their read state is kept); ``etag``/``modified`` of
        ``None`` keep the stored validators.
        """
        now = time.time()
        new = 0
        with self.transaction() as conn:
            conn.execute(
                "UPDATE feeds SET title = CASE WHEN ? = '' THEN title ELSE ? END,"
                " site = CASE WHEN ? = '' THEN site ELSE ? END,"
                " etag = COALESCE(?, etag), modified = COALESCE(?, modified),"
                " checked_at = ?, error = ? WHERE id = ?",
                (title, title, site, site, etag, modified, now, error, feed.id))
            for item in items:
                cursor = conn.execute(
                    "INSERT INTO entries (feed_id, guid, link, title, published, summary,"
                    " content, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (feed_id, guid) DO UPDATE SET link = excluded.link,"
                    " title = excluded.title, published = excluded.published,"
                    " summary = excluded.summary, content = excluded.content"
                    " RETURNING seen_at",
                    (feed.id, item.guid, item.link, item.title, item.published, item.summary,
                     item.content, now))
                new += cursor.fetchone()[0] == now
        return new

    # -- entries ----------------------------------------------------------------------------
    def entries(self, feed_url: str | None = None, limit: int = 2000) -> list[Entry]:
        """Entries newest first (undated ones by when they were first seen)."""
        where, params = ("WHERE f.url = ?", (feed_url,)) if feed_url else ("", ())
        rows = self._conn.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM entries e JOIN feeds f ON f.id = e.feed_id {where}"
            " ORDER BY COALESCE(e.published, e.seen_at) DESC, e.id LIMIT ?", (*params, limit))
        return [Entry(*row) for row in rows]

    def entry(self, entry_id: int) -> Entry | None:
        """One entry by id."""
        row = self._conn.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM entries e JOIN feeds f ON f.id = e.feed_id"
            " WHERE e.id = ?", (entry_id,)).fetchone()
        return Entry(*row) if row else None

    def mark_read(self, entry_id: int, read: bool = True) -> None:
        """Mark an entry read (or unread again)."""
        with self.transaction() as conn:
            conn.execute("UPDATE entries SET read_at = ? WHERE id = ?",
                         (time.time() if read else None, entry_id))

    # -- reading continuity -----------------------------------------------------------------
    def save_position(self, article: str, offset: int, entity: str = "") -> None:
        """Remember where ``article`` was left: a text offset and the selected entity key."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO positions (article, offset, entity, updated) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (article) DO UPDATE SET offset = excluded.offset,"
                " entity = excluded.entity, updated = excluded.updated",
                (article, max(0, offset), entity, time.time()))

    def position(self, article: str) -> Position | None:
        """Where ``article`` was left, if it was read before."""
        row = self._conn.execute("SELECT offset, entity FROM positions WHERE article = ?",
                                 (article,)).fetchone()
        return Position(*row) if row else None

    def add_recent(self, article: str, title: str) -> None:
        """Put ``article`` at the top of the recently read list (keeps the newest 50)."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO recent (article, title, opened_at) VALUES (?, ?, ?)"
                " ON CONFLICT (article) DO UPDATE SET title = excluded.title,"
                " opened_at = excluded.opened_at", (article, title, time.time()))
            conn.execute("DELETE FROM recent WHERE article NOT IN (SELECT article FROM recent"
                         " ORDER BY opened_at DESC LIMIT ?)", (RECENT_LIMIT,))

    def recent(self) -> list[RecentItem]:
        """Recently read articles, the last one first."""
        rows = self._conn.execute(
            "SELECT article, title, opened_at FROM recent ORDER BY opened_at DESC")
        return [RecentItem(*row) for row in rows]


def library_path(config: Config) -> Path:
    """Where the library of ``config`` lives."""
    return config.data_path / FILE_NAME


def open_library(config: Config) -> LibraryStore:
    """The library of ``config`` (close it when done)."""
    return LibraryStore(library_path(config))
