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
- Keyed by endpoint: the ``lang`` column holds the API URL of the language (the template
  with ``{lang}`` filled in), so two wikis never answer for each other. An older schema of
  this cache is simply rebuilt (it is a cache).
- A row that cannot be understood (invalid JSON, an unknown kind) counts as missing and is
  fetched again.
- A full disk or a read-only directory is not damage: the cache is opened for reading (the
  lock file is not needed for that), writes are skipped, and :attr:`GlossaryCache.problem`
  says so in one line.
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
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from glossary import fileio
from glossary.models import Outcome, Page, outcome_from_row, query_key

log = logging.getLogger(__name__)

#: Bump when the tables change; older files are rebuilt.
SCHEMA_VERSION = 2
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


#: SQLite errors that mean "cannot write here now", not "the file is damaged".
_NOT_DAMAGE = ("disk is full", "readonly", "read-only", "disk i/o error", "unable to open",
               "locked")


def not_damage(exc: BaseException) -> bool:
    """True for a full disk, a read-only file or directory, an I/O or open error."""
    text = str(exc).lower()
    return isinstance(exc, OSError) or any(words in text for words in _NOT_DAMAGE)


class GlossaryCache:
    """The SQLite store (see the module docstring). ``clock`` returns POSIX time."""

    def __init__(self, path: Path, *, ttl_days: float = 30.0,
                 clock: Callable[[], float] = time.time, endpoint: str = "") -> None:
        self.path = Path(path)
        self.ttl = ttl_days * 86400.0
        self.clock = clock
        #: The API URL template the entries come from ("": keyed by language only).
        self.endpoint = endpoint
        #: A message if an unusable file was moved aside when opening; else None.
        self.recovered: str | None = None
        #: A message if the cache can only be read (full disk, read-only); else None.
        self.problem: str | None = None
        self._read_only = False
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        self._open_checked()

    # -- connections -------------------------------------------------------------------

    def _key(self, lang: str) -> str:
        """The stored key of a language: its endpoint URL (or the language alone)."""
        return self.endpoint.replace("{lang}", lang) if self.endpoint else lang

    def _connect(self) -> sqlite3.Connection:
        if self._read_only:
            return self._connect_read_only()
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return conn

    def _connect_read_only(self) -> sqlite3.Connection:
        """A read-only connection; ``immutable`` where even the WAL index cannot be made."""
        uri = self.path.resolve().as_uri()
        for query in ("?mode=ro", "?mode=ro&immutable=1"):
            conn = sqlite3.connect(uri + query, uri=True, isolation_level=None,
                                   check_same_thread=False)
            try:
                conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError:
                conn.close()
                continue
            return conn
        raise sqlite3.OperationalError(f"unable to open {self.path} for reading")

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            if not self._read_only:
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
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with fileio.file_lock(self.path.with_name(self.path.name + ".lock")):
                self._check_or_recover()
        except (OSError, sqlite3.OperationalError) as exc:
            if not not_damage(exc):
                raise
            self._degrade(exc)

    def _check_or_recover(self) -> None:
        try:
            self._check_or_create()
        except (sqlite3.DatabaseError, _Unusable) as exc:
            if not_damage(exc):
                raise
            reason = str(exc) or type(exc).__name__
            moved = self._move_aside()
            self.recovered = (f"glossary cache {self.path} was unusable ({reason}); "
                              f"moved to {moved.name} and rebuilt")
            log.warning("%s", self.recovered)
            warnings.warn(self.recovered, CacheWarning, stacklevel=4)
            self._check_or_create()

    def _degrade(self, exc: BaseException) -> None:
        """Cannot write (full disk, read-only): read what is there, write nothing."""
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        self._read_only = True
        if self.path.is_file():
            self.problem = (f"glossary cache {self.path} cannot be written ({reason}); "
                            "reading from it only")
        else:
            self.problem = f"no glossary cache: cannot create {self.path} ({reason})"
        log.warning("%s", self.problem)

    def _write_failed(self, exc: BaseException) -> None:
        if self.problem is None:
            reason = str(exc) or type(exc).__name__
            self.problem = f"glossary cache {self.path} cannot be written ({reason}); not saved"
            log.warning("%s", self.problem)

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
            if 0 < version < SCHEMA_VERSION:  # ours, older: a cache, so start afresh
                self._rebuild(conn)
                return
            if version != SCHEMA_VERSION:
                raise _Unusable(f"schema version {version}, expected {SCHEMA_VERSION}")
            if not {"pages", "queries"} <= tables:
                raise _Unusable("tables missing")
            check = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
            if check != "ok":
                raise _Unusable(f"integrity check failed: {check}")
        finally:
            conn.close()

    @staticmethod
    def _rebuild(conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")
        for table in ("pages", "queries"):
            conn.execute(f"DROP TABLE IF EXISTS {table}")
        for statement in filter(str.strip, _SCHEMA.split(";")):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")

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

    def _row(self, sql: str, args: tuple[str, str]) -> Any:
        try:
            return self._conn().execute(sql, args).fetchone()
        except sqlite3.OperationalError as exc:  # e.g. an unreadable file: nothing cached
            log.warning("glossary cache: cannot read %s: %s", self.path, exc)
            return None

    def get_query(self, lang: str, query: str) -> QueryRecord | None:
        """The stored outcome of a query, fresh or stale (None for an unreadable row)."""
        row = self._row("SELECT kind, data, fetched_at FROM queries WHERE lang = ? AND query = ?",
                        (self._key(lang), query_key(query)))
        if row is None:
            return None
        try:
            data = json.loads(row[1])
        except (TypeError, ValueError):
            return None
        return QueryRecord(lang, query_key(query), str(row[0]), data, float(row[2]))

    def get_outcome(self, lang: str, query: str) -> tuple[Outcome, float] | None:
        """The stored outcome and its fetch time; None if absent or not understood."""
        record = self.get_query(lang, query)
        if record is None:
            return None
        try:
            return outcome_from_row(record.kind, record.data), record.fetched_at
        except ValueError as exc:
            log.info("glossary cache: ignoring the row of %r: %s", query, exc)
            return None

    def get_page(self, lang: str, title: str) -> PageRecord | None:
        """A stored page, fresh or stale (None for an unreadable row)."""
        row = self._row("SELECT data, fetched_at FROM pages WHERE lang = ? AND title = ?",
                        (self._key(lang), title))
        if row is None:
            return None
        try:
            page = Page.from_json(json.loads(row[0]))
        except (TypeError, ValueError, KeyError):
            return None
        return PageRecord(page, float(row[1]))

    # -- writing -----------------------------------------------------------------------

    def put(self, *, pages: Sequence[Page] = (),
            queries: Sequence[tuple[str, str, str, Mapping[str, Any]]] = ()) -> bool:
        """Store pages and query outcomes ``(lang, query, kind, data)`` in one transaction.

        A full disk or read-only file skips the write (see :attr:`problem`); returns
        whether the entries were stored.
        """
        if self._read_only:
            return False
        now = self.clock()
        try:
            with self._write() as conn:
                conn.executemany(
                    "INSERT OR REPLACE INTO pages (lang, title, data, fetched_at) "
                    "VALUES (?,?,?,?)",
                    [(self._key(p.lang), p.title, json.dumps(p.to_json(), ensure_ascii=False),
                      now) for p in pages])
                conn.executemany(
                    "INSERT OR REPLACE INTO queries (lang, query, kind, data, fetched_at) "
                    "VALUES (?,?,?,?,?)",
                    [(self._key(lang), query_key(q), kind,
                      json.dumps(dict(data), ensure_ascii=False), now)
                     for lang, q, kind, data in queries])
        except sqlite3.OperationalError as exc:
            if not not_damage(exc):
                raise
            self._write_failed(exc)
            return False
        return True

    def put_outcomes(self, *, pages: Sequence[Page] = (),
                     outcomes: Sequence[tuple[str, str, Outcome]] = ()) -> bool:
        """Store pages and typed outcomes ``(lang, query, outcome)`` (see :meth:`put`)."""
        return self.put(pages=pages, queries=[(lang, query, outcome.kind, outcome.to_json())
                                              for lang, query, outcome in outcomes])

    def clear(self) -> int:
        """Delete every entry; the number of queries and pages removed."""
        with self._write() as conn:
            removed = conn.execute("DELETE FROM queries").rowcount
            removed += conn.execute("DELETE FROM pages").rowcount
        with contextlib.suppress(sqlite3.Error):
            self._conn().execute("VACUUM")
        return int(removed)

    def stats(self) -> dict[str, Any]:
        """Counts for ``reader cache info`` (zeros for a cache that cannot be read)."""
        kinds: dict[str, int] = {}
        pages = stale = 0
        oldest = newest = None
        with contextlib.suppress(sqlite3.OperationalError):
            conn = self._conn()
            kinds = dict(conn.execute(
                "SELECT kind, COUNT(*) FROM queries GROUP BY kind").fetchall())
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

