"""The journal of a corpus run: records appended one line at a time, and resumed.

Every record is one JSON object on one line, ``{"id": ..., ...}``, written to a file opened
for appending with a single ``write`` (of the line, or of a batch's lines);
:meth:`Journal.sync` (called after each batch) ``fsync``-s it at most once every
:data:`SYNC_INTERVAL` seconds, and :meth:`Journal.close` at the end (a killed process loses
nothing it wrote; the interval bounds what a power failure can lose).
A run killed with SIGKILL can leave at most the last line torn (no newline at its end):
:meth:`Journal.open` cuts it off before anything is appended, and returns the ids already
done, so a re-run skips them and no line is torn or duplicated.

A file that is not a journal (a line that is no record) is refused and left untouched. One
run at a time: ``PATH.lock`` is locked (the project's one file lock) while a run appends.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from reader.errors import ReaderError

#: Seconds between two ``fsync`` calls of :meth:`Journal.sync`.
SYNC_INTERVAL = 1.0
#: Seconds to wait for another run's lock on the journal before giving up.
LOCK_WAIT = 3.0
#: How every record line starts (records are dicts whose first key is "id").
RECORD_START = b'{"id": '


def encode(record: dict[str, Any]) -> bytes:
    """One record as a UTF-8 JSON line (text that UTF-8 cannot encode, such as a lone
    surrogate, is written as a JSON escape instead)."""
    line = json.dumps(record, ensure_ascii=False) + "\n"
    try:
        return line.encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(record) + "\n").encode("ascii")


def _scan(path: Path) -> tuple[set[str], int]:
    """(ids done, length of the whole lines) of an existing journal; refuses other files."""
    done: set[str] = set()
    good = 0
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.endswith(b"\n"):
                if not RECORD_START.startswith(line[:len(RECORD_START)]):
                    raise ReaderError(f"{path} is not the output of reader annotate (line "
                                      f"{number}); choose another output")
                break  # a torn last line: cut below
            try:
                record = json.loads(line)
                ident = record["id"]
                if "entities" not in record or "sha256" not in record:
                    raise KeyError("entities")
            except (ValueError, TypeError, KeyError):
                raise ReaderError(f"{path} is not the output of reader annotate (line "
                                  f"{number}); choose another output") from None
            done.add(str(ident))
            good += len(line)
    return done, good


def _lock(path: Path) -> contextlib.ExitStack:
    """Lock the journal (through ``PATH.lock``, the project's one lock); wait up to
    :data:`LOCK_WAIT` seconds (the workers of a run that was just killed may take a moment
    to end). Closing the returned stack unlocks."""
    from glossary.fileio import LockUnavailable, file_lock

    stack = contextlib.ExitStack()
    try:
        stack.enter_context(file_lock(path.with_name(path.name + ".lock"), timeout=LOCK_WAIT))
    except LockUnavailable as exc:
        if exc.errno == errno.EAGAIN:
            raise ReaderError(f"{path} is being written by another run") from None
        raise ReaderError(f"cannot lock {path}: {exc.strerror or exc}") from None
    return stack


class Journal:
    """An append-only JSONL file of records (see the module docstring)."""

    def __init__(self, path: Path, fd: int, done: set[str], lock: contextlib.ExitStack) -> None:
        self.path = path
        self._fd = fd
        self._lock = lock
        self._synced = time.monotonic()
        #: Ids of the records in the file (before and during this run).
        self.done = done

    @classmethod
    def open(cls, path: Path) -> Journal:
        """Open (or create) the journal at ``path``, cutting a torn last line; raises
        :class:`ReaderError` for a file that is no journal or is in use by another run."""
        lock = _lock(path)
        try:
            fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o666)
        except OSError as exc:
            lock.close()
            raise ReaderError(f"cannot write {path}: {exc.strerror or exc}") from None
        try:
            done, good = _scan(path)
            if os.fstat(fd).st_size > good:
                os.ftruncate(fd, good)
                os.fsync(fd)
        except BaseException:
            os.close(fd)
            lock.close()
            raise
        return cls(path, fd, done, lock)

    def append(self, record: dict[str, Any]) -> None:
        """Append one record (one ``write`` of the whole line, repeated only if short)."""
        self.append_lines([(str(record["id"]), encode(record))])

    def append_lines(self, lines: Sequence[tuple[str, bytes]]) -> None:
        """Append ``(id, line)`` pairs of records encoded by :func:`encode`, all with one
        ``write`` (repeated only if short: a kill can tear only the last line)."""
        data = memoryview(b"".join(line for _, line in lines))
        while data:
            written = os.write(self._fd, data)
            data = data[written:]
        self.done.update(ident for ident, _ in lines)

    def sync(self, *, force: bool = False) -> None:
        """Make what was appended durable (``fsync``), if the last sync is
        :data:`SYNC_INTERVAL` seconds ago (or ``force``)."""
        now = time.monotonic()
        if force or now - self._synced >= SYNC_INTERVAL:
            os.fsync(self._fd)
            self._synced = now

    def close(self) -> None:
        """Sync, unlock and close."""
        if self._fd >= 0:
            try:
                os.fsync(self._fd)
            finally:
                os.close(self._fd)
                self._fd = -1
                self._lock.close()


def records(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a (complete) journal, in order."""
    with path.open("rb") as handle:
        for line in handle:
            if line.endswith(b"\n"):
                yield json.loads(line)
