"""Safe file writing for the whole project: atomic writes and one inter-process lock.

Both ``glossary`` and ``reader`` use this module (``reader.atomic`` re-exports it); it
lives here because ``glossary`` must not import ``reader``.

**Atomic writes.** A reader of the file sees the old content or the new, never a part.

The data goes to a temporary file in the target's directory (same file system), is flushed
and ``fsync``-ed, then renamed over the target with :func:`os.replace` (or hard-linked into
place with :func:`os.link` when the target must not be overwritten, so that a file created
in the meantime is never clobbered). The directory is ``fsync``-ed afterwards so that the
rename itself survives a crash. On any failure the temporary file is removed and the target
is left as it was.

A symbolic link as target is followed: the file it points to is replaced, the link stays.
A target that exists and is not a regular file (a FIFO, a device such as ``/dev/null``, a
socket) is never replaced: :class:`SpecialFileError` (see
:func:`reader.commands.common.write_output` for writing to one as a stream).
A new file gets the permissions ``0o666`` minus the umask, as :func:`open` would give it;
a replaced file keeps its permissions.

Used by the export, the user's corrections and the caches.

**Locks.** :func:`file_lock` is an exclusive lock between processes and threads on a
separate lock file (``filelock``, so it works on POSIX and Windows alike).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

__all__ = ["LockUnavailable", "SpecialFileError", "file_lock", "open_atomic", "staged",
           "write_bytes", "write_text"]


class SpecialFileError(OSError):
    """The target exists and is no regular file (a FIFO, a device, a socket): a rename
    would replace it, so it is never written atomically."""

    def __init__(self, filename: str) -> None:
        super().__init__(errno.EINVAL, "not a regular file (a FIFO, device or socket)",
                         filename)


def _umask() -> int:
    """The process umask, read without changing it where the platform allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # not thread-safe, hence only as a fallback
    os.umask(mask)
    return mask


def _fsync_dir(directory: Path) -> None:
    """Make a rename in ``directory`` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _target(path: str | os.PathLike[str]) -> Path:
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    return target


def _resolve(path: str | os.PathLike[str], overwrite: bool,
             mode: int | None) -> tuple[Path, int]:
    """The file to write (a symlink followed) and its permission bits; checks first."""
    target = _target(path)
    try:
        info: os.stat_result | None = target.stat()
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(target))
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise SpecialFileError(str(target))
    if not overwrite and os.path.lexists(target):
        raise FileExistsError(errno.EEXIST, "File exists", str(target))
    if mode is None:
        mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    return target, mode


@contextlib.contextmanager
def _temporary(target: Path, mode: int) -> Iterator[tuple[IO[bytes], Path]]:
    """A temporary file beside ``target``: flushed and ``fsync``-ed when the block ends,
    removed if it raises."""
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                     dir=target.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            yield stream, temp
            stream.flush()
            os.fchmod(stream.fileno(), mode)
            os.fsync(stream.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _put_in_place(temp: Path, target: Path, overwrite: bool) -> None:
    """Rename ``temp`` to ``target`` (removing ``temp`` on failure), then sync the directory."""
    try:
        if overwrite:
            os.replace(temp, target)
        else:
            _link_into_place(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_dir(target.parent)


@contextlib.contextmanager
def open_atomic(path: str | os.PathLike[str], *, overwrite: bool = True,
                mode: int | None = None) -> Iterator[IO[bytes]]:
    """Open a binary file to write; ``path`` gets its content when the block ends normally.

    If the block raises, ``path`` is untouched and the temporary file removed. With
    ``overwrite=False`` an existing ``path`` raises :class:`FileExistsError` (checked again
    atomically when the file is put in place). ``mode`` sets the permission bits.
    Raises :class:`OSError` (e.g. :class:`IsADirectoryError`, :class:`PermissionError`).
    """
    target, mode = _resolve(path, overwrite, mode)
    with _temporary(target, mode) as (stream, temp):
        yield stream
    _put_in_place(temp, target, overwrite)


@contextlib.contextmanager
def staged(path: str | os.PathLike[str], data: bytes, *,
           mode: int | None = None) -> Iterator[Callable[[], None]]:
    """Write ``data`` to a temporary file now; the yielded ``commit()`` puts it in place.

    Everything that can fail for lack of space happens before the block starts (the data
    is written and ``fsync``-ed), so several files can be prepared first and then committed
    one after the other, the first commit being the point where the change happens. A
    temporary file not committed when the block ends is removed.
    """
    target, mode = _resolve(path, True, mode)
    with _temporary(target, mode) as (stream, temp):
        stream.write(data)
    done = False

    def commit() -> None:
        nonlocal done
        done = True
        _put_in_place(temp, target, True)

    try:
        yield commit
    finally:
        if not done:
            with contextlib.suppress(OSError):
                temp.unlink()


def _link_into_place(temp: Path, target: Path) -> None:
    """Move ``temp`` to ``target`` unless ``target`` exists (atomically where possible)."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise
    except OSError:
        # File systems without hard links: check, then rename (a tiny race remains).
        if os.path.lexists(target):
            raise FileExistsError(17, "File exists", str(target)) from None
        os.replace(temp, target)
        return
    temp.unlink()


def write_bytes(path: str | os.PathLike[str], data: bytes, *, overwrite: bool = True,
                mode: int | None = None) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`open_atomic`)."""
    with open_atomic(path, overwrite=overwrite, mode=mode) as stream:
        stream.write(data)


def write_text(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8",
               overwrite: bool = True, mode: int | None = None) -> None:
    """Write ``text`` to ``path`` atomically (see :func:`open_atomic`).

    The text is encoded before the file is opened, so an encoding error leaves no trace.
    """
    write_bytes(path, text.encode(encoding), overwrite=overwrite, mode=mode)


class LockUnavailable(OSError):
    """The lock file cannot be created or locked (read-only directory, disk full, timeout)."""


@contextlib.contextmanager
def file_lock(path: str | os.PathLike[str], *, timeout: float = -1) -> Iterator[None]:
    """Hold an exclusive lock on the file ``path`` (created if missing) for the block.

    ``timeout`` in seconds (-1: wait as long as it takes). Raises :class:`LockUnavailable`
    (an :class:`OSError`) when the lock file cannot be made or the wait times out; the
    lock file is left in place (removing it would race with other processes).
    """
    import filelock

    lock = filelock.FileLock(os.fspath(path), timeout=timeout)
    try:
        lock.acquire()
    except filelock.Timeout as exc:
        raise LockUnavailable(errno.EAGAIN, "timed out waiting for the lock",
                              os.fspath(path)) from exc
    except OSError as exc:
        raise LockUnavailable(exc.errno, exc.strerror or str(exc), os.fspath(path)) from exc
    try:
        yield
    finally:
        lock.release()
