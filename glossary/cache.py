"""The glossary's SQLite cache: pages by (language, title), query outcomes by (language, query).

- Schema-versioned (``PRAGMA user_version``) and marked as ours (``PRAGMA application_id``).
  A file that is not a database, is corrupt, belongs to another program or has another
  schema version is moved aside (``<name>.bad-<UTC timestamp>``) and rebuilt; a
  :class:`CacheWarning` is issued, logged, and kept in :attr:`GlossaryCache.recovered` so a
  command line or UI can tell the user.
- WAL mode, ``busy_timeout``, one short ``BEGIN IMMEDIATE`` transaction per write: several
  threads and processes can read and write at once without losing entries.
- One connection per thread (:class:`threading.local`).
- Query outcomes are stored without the article's context (a disambiguation is stored as its
  candidate titles), so that the same name can be resolved differently for another article.
- Entries older than the TTL are *stale*: still returned (for offline reading), and refreshed
  by the service when the network allows.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from glossary.client import Page

log = logging.getLogger(__name__)

#: Bump when the tables change; older files are rebuilt.
SCHEMA_VERSION = 1
#: "RDGL": marks the file as the reader's glossary cache.
APPLICATION_ID = 0x5244474C
#: Milliseconds a writer waits for another writer's lock.
BUSY_TIMEOUT_MS = 10_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    lang TEXT NOT NULL, title TEXT NOT NULL, data TEXT NOT NULL, fetched_at REAL NOT NULL,
    PRIMARY KEY (lang, title)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS queries (
    lang TEXT NOT NULL, query TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL,
    fetched_at REAL NOT NULL,
    PRIMARY KEY (lang, query)) WITHOUT ROWID;
"""


class CacheWarning(UserWarning):
    """The cache file was unusable and has been moved aside and rebuilt."""


@dataclass(frozen=True)
class QueryRecord:
    """A stored query outcome: ``kind`` is page, candidates or missing (see the service)."""

    lang: str
    query: str
    kind: str
    data: dict[str, Any]
    fetched_at: float


@dataclass(frozen=True)
class PageRecord:
    """A stored page with its fetch time."""

    page: Page
    fetched_at: float


class _Unusable(Exception):
    """The file is not a usable cache (reason in the message)."""


def query_key(name: str) -> str:
    """The cache key of a query name (whitespace collapsed)."""
    return " ".join(name.split())


class GlossaryCache:
    """The SQLite store (see the module docstring). ``clock`` returns POSIX time."""

    def __init__(self, path: Path, *, ttl_days: float = 30.0,
                 clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self.ttl = ttl_days * 86400.0
        self.clock = clock
        #: A message if an unusable file was moved aside when opening; else None.
        self.recovered: str | None = None
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        self._open_checked()

    # -- connections -------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return conn

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            self._local.conn = conn
            with self._all_lock:
                self._all.append(conn)
        return conn

    def close(self) -> None:
        """Close every connection (of every thread)."""
        with self._all_lock:
            for conn in self._all:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            self._all.clear()
        self._local = threading.local()

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # -- opening, checking, recovering -------------------------------------------------

    def _open_checked(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _file_lock(self.path.with_name(self.path.name + ".lock")):
            try:
                self._check_or_create()
            except (sqlite3.DatabaseError, _Unusable) as exc:
                reason = str(exc) or type(exc).__name__
                moved = self._move_aside()
                self.recovered = (f"glossary cache {self.path} was unusable ({reason}); "
                                  f"moved to {moved.name} and rebuilt")
                log.warning("%s", self.recovered)
                warnings.warn(self.recovered, CacheWarning, stacklevel=3)
                self._check_or_create()

    def _check_or_create(self) -> None:
        conn = self._connect()
        try:
            conn.execute("BEGIN")  # one consistent snapshot for every check
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            conn.execute("COMMIT")
            if app_id == 0 and version == 0 and not tables:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("BEGIN IMMEDIATE")
                for statement in filter(str.strip, _SCHEMA.split(";")):
                    conn.execute(statement)
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                conn.execute("COMMIT")
                return
            if app_id != APPLICATION_ID:
                raise _Unusable("not a reader glossary cache")
            if version != SCHEMA_VERSION:
                raise _Unusable(f"schema version {version}, expected {SCHEMA_VERSION}")
            if not {"pages", "queries"} <= tables:
                raise _Unusable("tables missing")
            check = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
            if check != "ok":
                raise _Unusable(f"integrity check failed: {check}")
        finally:
            conn.close()

    def _move_aside(self) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = self.path.with_name(f"{self.path.name}.bad-{stamp}")
        with contextlib.suppress(FileNotFoundError):
            os.replace(self.path, target)
        for suffix in ("-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.replace(self.path.with_name(self.path.name + suffix),
                           target.with_name(target.name + suffix))
        return target

    # -- reading -----------------------------------------------------------------------

    def is_fresh(self, fetched_at: float) -> bool:
        """True if an entry fetched at that time is within the TTL."""
        return self.clock() - fetched_at < self.ttl

    def get_query(self, lang: str, query: str) -> QueryRecord | None:
        """The stored outcome of a query, fresh or stale."""
        row = self._conn().execute(
            "SELECT kind, data, fetched_at FROM queries WHERE lang = ? AND query = ?",
            (lang, query_key(query))).fetchone()
        if row is None:
            return None
        return QueryRecord(lang, query_key(query), row[0], json.loads(row[1]), row[2])

    def get_page(self, lang: str, title: str) -> PageRecord | None:
        """A stored page, fresh or stale."""
        row = self._conn().execute(
            "SELECT data, fetched_at FROM pages WHERE lang = ? AND title = ?",
            (lang, title)).fetchone()
        if row is None:
            return None
        return PageRecord(Page.from_json(json.loads(row[0])), row[1])

    def get_pages(self, lang: str, titles: Iterable[str]) -> dict[str, PageRecord]:
        """Stored pages by title (absent titles are left out)."""
        out: dict[str, PageRecord] = {}
        for title in titles:
            record = self.get_page(lang, title)
            if record is not None:
                out[title] = record
        return out

    # -- writing -----------------------------------------------------------------------

    def put(self, *, pages: Sequence[Page] = (),
            queries: Sequence[tuple[str, str, str, Mapping[str, Any]]] = ()) -> None:
        """Store pages and query outcomes ``(lang, query, kind, data)`` in one transaction."""
        now = self.clock()
        with self._write() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO pages (lang, title, data, fetched_at) VALUES (?,?,?,?)",
                [(p.lang, p.title, json.dumps(p.to_json(), ensure_ascii=False), now)
                 for p in pages])
            conn.executemany(
                "INSERT OR REPLACE INTO queries (lang, query, kind, data, fetched_at) "
                "VALUES (?,?,?,?,?)",
                [(lang, query_key(q), kind, json.dumps(dict(data), ensure_ascii=False), now)
                 for lang, q, kind, data in queries])

    def clear(self) -> int:
        """Delete every entry; the number of queries and pages removed."""
        with self._write() as conn:
            removed = conn.execute("DELETE FROM queries").rowcount
            removed += conn.execute("DELETE FROM pages").rowcount
        with contextlib.suppress(sqlite3.Error):
            self._conn().execute("VACUUM")
        return int(removed)

    def stats(self) -> dict[str, Any]:
        """Counts for ``reader cache info``."""
        conn = self._conn()
        kinds = dict(conn.execute("SELECT kind, COUNT(*) FROM queries GROUP BY kind").fetchall())
        pages = conn.execute("SELECT COUNT(*) FROM pages").fetchone()[0]
        oldest, newest = conn.execute(
            "SELECT MIN(fetched_at), MAX(fetched_at) FROM queries").fetchone()
        stale = conn.execute("SELECT COUNT(*) FROM queries WHERE fetched_at <= ?",
                             (self.clock() - self.ttl,)).fetchone()[0]
        size = sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*")
                   if p.is_file() and ".bad-" not in p.name and not p.name.endswith(".lock"))
        return {"path": str(self.path), "bytes": size, "pages": pages,
                "queries": sum(kinds.values()), "kinds": kinds, "stale": stale,
                "oldest": oldest, "newest": newest, "ttl_days": self.ttl / 86400.0}


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive advisory lock between processes (POSIX; a no-op elsewhere)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with open(path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
