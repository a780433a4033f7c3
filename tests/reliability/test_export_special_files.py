"""Issue 17: ``export -o PATH --force`` replaced FIFOs and device files (as root it replaced
``/dev/full``). A FIFO or a character device is written as a stream (so ``-o /dev/null`` and
a named pipe work), anything else that is not a regular file is refused; none is replaced.

Device files are made with ``mknod`` in the test's directory (``/dev/null``- and
``/dev/full``-like: same device numbers), never the system's own; where ``mknod`` is not
permitted those tests are skipped.
"""

from __future__ import annotations

import os
import socket
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader import atomic
from reader.cli import main

NULL, FULL = os.makedev(1, 3), os.makedev(1, 7)


def device(tmp_path: Path, name: str, number: int) -> Path:
    path = tmp_path / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, number)
    except PermissionError:
        pytest.skip("mknod is not permitted here")
    return path


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[tuple[Path, Callable[[], bytes]]]:
    """A FIFO with a reader thread; ``received()`` waits for what was written to it."""
    path = tmp_path / "pipe"
    os.mkfifo(path)
    chunks: list[bytes] = []

    def read() -> None:
        with open(path, "rb") as handle:
            chunks.append(handle.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()

    def received() -> bytes:
        thread.join(timeout=30)
        return b"".join(chunks)

    yield path, received
    if thread.is_alive():  # nothing opened it for writing: let the reader go
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


def assert_still(path: Path, kind: Callable[[int], bool]) -> None:
    assert kind(os.lstat(path).st_mode), f"{path} was replaced"


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_export_streams_into_a_fifo(fifo: tuple[Path, Callable[[], bytes]], seed_path: Path,
                                    force: list[str],
                                    capsys: pytest.CaptureFixture[str]) -> None:
    path, received = fifo
    assert main(["export", str(seed_path), "--offline", "-o", str(path), *force]) == 0
    assert received().startswith(b"---\ntitle: ")
    assert_still(path, stat.S_ISFIFO)
    assert capsys.readouterr().err.startswith("reader: wrote ")


def test_corrections_export_streams_into_a_fifo(
        fifo: tuple[Path, Callable[[], bytes]], capsys: pytest.CaptureFixture[str]) -> None:
    path, received = fifo
    assert main(["entity", "hide", "Kreml"]) == 0
    assert main(["corrections", "export", "-o", str(path), "--force"]) == 0
    assert b'"Kreml"' in received()
    assert_still(path, stat.S_ISFIFO)


def test_export_to_a_null_device(tmp_path: Path, seed_path: Path) -> None:
    null = device(tmp_path, "null", NULL)
    for force in ([], ["--force"]):
        assert main(["export", str(seed_path), "--offline", "-o", str(null), *force]) == 0
        assert_still(null, stat.S_ISCHR)
    assert main(["corrections", "export", "-o", str(null)]) == 0
    assert_still(null, stat.S_ISCHR)


def test_export_to_a_full_device_is_one_line(tmp_path: Path, seed_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    full = device(tmp_path, "full", FULL)
    assert main(["export", str(seed_path), "--offline", "-o", str(full), "--force"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left on device" in err
    assert_still(full, stat.S_ISCHR)


def test_other_special_files_are_refused(tmp_path: Path, seed_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        assert main(["export", str(seed_path), "--offline", "-o", str(path), "--force"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "not a regular file" in err
        assert_still(path, stat.S_ISSOCK)
    finally:
        server.close()


def test_the_atomic_writer_never_replaces_a_special_file(tmp_path: Path) -> None:
    """What the app's export (and every other atomic write) relies on."""
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "pipe"
    os.mkfifo(path)
    with pytest.raises(OSError, match="not a regular file"):
        atomic.write_text(path, "x", overwrite=True)
    assert_still(path, stat.S_ISFIFO)
    assert [p.name for p in path.parent.iterdir()] == ["pipe"]
