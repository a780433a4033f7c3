"""Atomic writing: the target holds the old or the new content, never a part of it."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from reader import atomic


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_write_text_creates_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    atomic.write_text(target, "erste Fassung – ä\n")
    assert target.read_text(encoding="utf-8") == "erste Fassung – ä\n"
    atomic.write_text(target, "zweite")
    assert target.read_text(encoding="utf-8") == "zweite"
    assert _leftovers(tmp_path) == []


def test_failure_inside_block_leaves_old_content_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "notes.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic.open_atomic(target) as stream:
        stream.write(b"new but incomplete")
        raise RuntimeError("disk on fire")
    assert target.read_text(encoding="utf-8") == "old"
    assert _leftovers(tmp_path) == []


def test_failure_before_rename_leaves_no_file(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out" / "new.md"
    target.parent.mkdir()

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="Input/output"):
        atomic.write_text(target, "x" * 100_000)
    assert not target.exists()
    assert list(target.parent.iterdir()) == []


def test_encoding_error_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("keep", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        atomic.write_text(target, "ä", encoding="ascii")
    assert target.read_text(encoding="utf-8") == "keep"
    assert _leftovers(tmp_path) == []


def test_no_overwrite_refuses_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        atomic.write_text(target, "theirs", overwrite=False)
    assert target.read_text(encoding="utf-8") == "mine"
    assert _leftovers(tmp_path) == []


def test_no_overwrite_detects_file_created_meanwhile(tmp_path: Path) -> None:
    target = tmp_path / "race.md"
    with pytest.raises(FileExistsError), atomic.open_atomic(target, overwrite=False) as stream:
        stream.write(b"late")
        target.write_text("early", encoding="utf-8")  # another writer wins the race
    assert target.read_text(encoding="utf-8") == "early"
    assert _leftovers(tmp_path) == []


def test_no_overwrite_writes_new_file(tmp_path: Path) -> None:
    target = tmp_path / "fresh.md"
    atomic.write_text(target, "hello", overwrite=False)
    assert target.read_text(encoding="utf-8") == "hello"
    assert _leftovers(tmp_path) == []


def test_directory_and_missing_parent_raise_oserror(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        atomic.write_text(tmp_path, "x")
    with pytest.raises(FileNotFoundError):
        atomic.write_text(tmp_path / "missing" / "x.md", "x")


def test_permissions_new_file_follow_umask_and_existing_are_kept(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic.write_text(tmp_path / "new", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o640
    existing = tmp_path / "existing"
    existing.write_text("x", encoding="utf-8")
    existing.chmod(0o600)
    atomic.write_text(existing, "y")
    assert stat.S_IMODE(existing.stat().st_mode) == 0o600
    atomic.write_text(tmp_path / "explicit", "z", mode=0o604)
    assert stat.S_IMODE((tmp_path / "explicit").stat().st_mode) == 0o604


def test_symlink_target_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    atomic.write_text(link, "new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"


def test_concurrent_writers_never_produce_mixed_content(tmp_path: Path) -> None:
    target = tmp_path / "cache.json"
    payloads = [bytes([65 + i]) * 200_000 for i in range(4)]
    seen: list[bytes] = []
    stop = threading.Event()

    def write(data: bytes) -> None:
        for _ in range(5):
            atomic.write_bytes(target, data)

    def read() -> None:
        while not stop.is_set():
            if target.exists():
                seen.append(target.read_bytes())

    reader_thread = threading.Thread(target=read)
    reader_thread.start()
    writers = [threading.Thread(target=write, args=(p,)) for p in payloads]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    stop.set()
    reader_thread.join()
    assert target.read_bytes() in payloads
    assert all(content in payloads for content in seen)
    assert _leftovers(tmp_path) == []
