"""reader keeps the bytecode of its modules even where Python would not write it."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

from reader.bytecode import OPT_OUT, is_current, package_roots, refresh_bytecode


def _package(tmp_path: Path) -> Path:
    root = tmp_path / "pkg"
    (root / "sub").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "sub" / "mod.py").write_text("VALUE = 1\n")
    (root / "broken.py").write_text("def (:\n")
    return root


def _cached(source: Path) -> Path:
    return Path(importlib.util.cache_from_source(str(source)))


def test_missing_and_stale_bytecode_is_written_even_when_python_would_not(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(OPT_OUT, raising=False)
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    root = _package(tmp_path)
    module = root / "sub" / "mod.py"
    assert not is_current(module)
    assert refresh_bytecode([root]) == 2  # __init__ and mod; the broken module is skipped
    assert is_current(module) and _cached(module).exists()
    assert not _cached(root / "broken.py").exists()
    assert refresh_bytecode([root]) == 0  # all current: nothing written again
    module.write_text("VALUE = 22\n")  # changed: another size
    os.utime(module, (1_000_000_000, 1_000_000_000))
    assert not is_current(module)
    assert refresh_bytecode([root]) == 1 and is_current(module)


def test_a_damaged_cache_file_is_replaced(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(OPT_OUT, raising=False)
    root = _package(tmp_path)
    refresh_bytecode([root])
    cached = _cached(root / "sub" / "mod.py")
    cached.write_bytes(b"\x00\x01")
    assert not is_current(root / "sub" / "mod.py")
    assert refresh_bytecode([root]) == 1 and is_current(root / "sub" / "mod.py")


def test_turned_off_by_the_environment(tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(OPT_OUT, "1")
    root = _package(tmp_path)
    assert refresh_bytecode([root]) == 0
    assert not _cached(root / "sub" / "mod.py").exists()


def test_the_packages_are_reader_and_glossary() -> None:
    assert [root.name for root in package_roots()] == ["reader", "glossary"]
