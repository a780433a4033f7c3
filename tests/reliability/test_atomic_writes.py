"""User data is written atomically: a failed write leaves the previous file as it was.

The audit below reads the source of ``reader`` and ``glossary`` and lists every place that
writes a file; each must be :mod:`reader.atomic`, an SQLite transaction, or one of the
reviewed exceptions. tests/unit/test_atomic.py covers the module itself and
tests/unit/test_export_cli.py a failed ``reader export -o``.
"""

from __future__ import annotations

import ast
import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from app_support import SEED, MakeApp, settle

from reader.app.screens import ExportScreen
from reader.article import from_text, load
from reader.corrections import CorrectionsStore
from reader.errors import ReaderError

ROOT = Path(__file__).resolve().parents[2]

#: Reviewed file writes outside reader.atomic: (module, what is called, why it is safe).
REVIEWED = {
    ("glossary/fileio.py", "tempfile.mkstemp"): "the atomic writer itself",
    ("glossary/fileio.py", "os.fdopen"): "the atomic writer itself",
    ("glossary/fileio.py", "os.replace"): "the atomic writer itself",
    ("reader/analysis/cache.py", "tempfile.mkstemp"): "cache: temporary file + rename",
    ("reader/analysis/cache.py", "os.fdopen"): "cache: temporary file + rename",
    ("reader/analysis/cache.py", "os.replace"): "cache: temporary file + rename",
    ("glossary/fileio.py", "write_bytes"): "the atomic writer itself",
    ("reader/cli.py", "os.open"): "/dev/null after a broken pipe",
    ("reader/commands/common.py", "os.open"): "streams into a FIFO or character device "
                                              "(no O_CREAT/O_TRUNC: nothing is replaced)",
    ("glossary/cache.py", "os.replace"): "moves an unusable cache file aside",
    ("reader/library/store.py", "os.replace"): "moves an unusable library file aside",
    ("reader/corpus/journal.py", "os.open"): "annotate journal: whole lines appended, a torn "
                                             "last line cut on resume (test_annotate_kill)",
}
_WRITERS = {"open", "os.open", "os.fdopen", "os.replace", "os.rename", "shutil.move",
            "shutil.copy", "shutil.copyfile", "tempfile.mkstemp", "write_text", "write_bytes"}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        owner = func.value
        if isinstance(owner, ast.Name) and owner.id in ("os", "shutil", "tempfile", "atomic",
                                                        "fileio"):
            return f"{owner.id}.{func.attr}"
        return func.attr
    return ""


def _writes_a_file(call: ast.Call, name: str) -> bool:
    if name == "open":  # builtin open / Path.open: only with a writing mode
        modes = [a.value for a in call.args[1:2] if isinstance(a, ast.Constant)]
        modes += [k.value.value for k in call.keywords
                  if k.arg == "mode" and isinstance(k.value, ast.Constant)]
        return any(isinstance(m, str) and set(m) & set("wax+") for m in modes)
    if name == "os.open":  # only with flags that write
        flags = {n.attr for n in ast.walk(call) if isinstance(n, ast.Attribute)}
        return bool(flags & {"O_WRONLY", "O_RDWR", "O_CREAT", "O_APPEND", "O_TRUNC"})
    return name in _WRITERS


def file_writes() -> set[tuple[str, str]]:
    """(module, call) for every call in reader/ and glossary/ that writes a file, except
    through reader.atomic (``write_text``/``write_bytes`` imported from it or ``atomic.*``)."""
    found: set[tuple[str, str]] = set()
    for path in sorted([*(ROOT / "reader").rglob("*.py"), *(ROOT / "glossary").rglob("*.py")]):
        module = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        from_atomic = {alias.asname or alias.name for node in ast.walk(tree)
                       if isinstance(node, ast.ImportFrom)
                       and node.module in ("reader.atomic", "glossary.fileio")
                       for alias in node.names}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            if name.startswith(("atomic.", "fileio.")) or (isinstance(node.func, ast.Name)
                                              and name in from_atomic):
                continue
            if _writes_a_file(node, name):
                found.add((module, name))
    return found


def test_every_file_writer_is_atomic_or_reviewed() -> None:
    writes = file_writes()
    assert writes - set(REVIEWED) == set(), "a new file write: use reader.atomic"
    assert set(REVIEWED) - writes == set(), "a reviewed write is gone: update REVIEWED"


def disk_full(fd: int) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


async def test_a_failed_export_in_the_app_keeps_the_old_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_app: MakeApp) -> None:
    source = tmp_path / "artikel.txt"
    article = from_text(load(SEED).text, str(source), "text")
    target = tmp_path / "artikel.annotated.md"
    target.write_text("my edited export", encoding="utf-8")
    app = make_app(article)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(os, "fsync", disk_full)
        await pilot.press("e", "enter")  # the file exists: asks first
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("enter")  # replace it
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("No space left on device" in m for m in messages), messages
        assert app.is_running
        await pilot.press("tab")  # still working
        assert app.view.selected is not None
    assert target.read_text(encoding="utf-8") == "my edited export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["artikel.annotated.md", "home"]


def test_a_failed_corrections_save_keeps_the_old_store(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = CorrectionsStore(tmp_path)
    with store.editing() as corrections:
        corrections.set_note("Dmitri Peskow", "meine Notiz")
    before = store.corrections_path.read_bytes()
    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(ReaderError, match=r"cannot save corrections.*No space"), \
            store.editing() as corrections:
        corrections.set_note("Dmitri Peskow", "überschrieben")
        corrections.add_entity("Neue Firma AG", "ORG")
    assert store.corrections_path.read_bytes() == before
    assert store.load().note_for("Dmitri Peskow") == "meine Notiz"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_cli_note_on_a_full_disk_is_one_line_and_keeps_the_notes(
        tmp_path: Path, isolated_dirs: Path) -> None:
    """A separate process with a full disk (fsync fails): one line, old notes intact."""
    store = CorrectionsStore(isolated_dirs / "data" / "reader")
    with store.editing() as corrections:
        corrections.set_note("Kreml", "alt")
    script = ("import errno, os, sys\n"
              "def full(fd): raise OSError(errno.ENOSPC, 'No space left on device')\n"
              "os.fsync = full\n"
              "from reader.cli import main\n"
              "sys.exit(main(['entity', 'note', 'Kreml', 'neu']))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    assert "reader: error: cannot save corrections" in result.stderr
    assert "No space left on device" in result.stderr
    assert store.load().note_for("Kreml") == "alt"
