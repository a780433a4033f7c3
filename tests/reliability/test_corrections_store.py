"""The corrections store: one commit point, a strict schema, repair by import, BOMs.

A save either happens completely (and says so) or not at all (and says so); a damaged or
foreign ``corrections.json`` is reported in one line naming the file and the field, and is
never rewritten; ``reader corrections import FILE --replace`` repairs it (keeping a copy).
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.corrections import CorrectionsStore
from reader.errors import ReaderError


def _fd_name(fd: int) -> str:
    return os.readlink(f"/proc/self/fd/{fd}")


def _fail_fsync_of(fragment: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """fsync fails (disk full) for the temporary file of ``fragment`` only."""
    real = os.fsync

    def fsync(fd: int) -> None:
        if fragment in Path(_fd_name(fd)).name:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def _fail_rename_of(name: str, code: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Renaming a file onto ``name`` fails with ``code``."""
    real = os.replace

    def replace(src: Any, dst: Any) -> None:
        if Path(dst).name == name:
            raise OSError(code, os.strerror(code))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)


def _store_with_note(tmp_path: Path) -> CorrectionsStore:
    store = CorrectionsStore(tmp_path / "data")
    with store.editing() as corrections:
        corrections.set_note("Kreml", "alt")
    return store


def test_failed_patterns_write_changes_nothing(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 17: corrections.json was replaced, then patterns.jsonl failed: 'cannot save'
    was reported although the change was in effect."""
    store = _store_with_note(tmp_path)
    before = store.corrections_path.read_bytes(), store.patterns_path.read_bytes()
    _fail_fsync_of("patterns.jsonl", monkeypatch)
    with pytest.raises(ReaderError, match="cannot save corrections"), \
            store.editing() as corrections:
        corrections.set_note("Kreml", "neu")
        corrections.add_entity("Neue Firma AG", "ORG")
    assert (store.corrections_path.read_bytes(), store.patterns_path.read_bytes()) == before
    assert store.load().note_for("Kreml") == "alt"
    assert not [p for p in store.directory.iterdir() if p.name.endswith(".tmp")]


def test_failed_copy_after_the_commit_is_a_warning(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """When the copy cannot be put in place after the commit, the save has happened and
    is reported as saved, with a warning about the copy; the next save repairs the copy."""
    store = _store_with_note(tmp_path)
    real = os.replace
    _fail_rename_of("patterns.jsonl", errno.EIO, monkeypatch)
    with store.editing() as corrections:
        corrections.add_entity("Neue Firma AG", "ORG")
    assert store.load().added == {"Neue Firma AG": "ORG"}
    assert store.warning is not None and "patterns.jsonl" in store.warning
    monkeypatch.setattr(os, "replace", real)
    with store.editing() as corrections:
        corrections.set_note("Kreml", "neu")
    assert store.warning is None
    assert json.loads(store.patterns_path.read_text())["pattern"] == "Neue Firma AG"


def test_cli_reports_a_save_with_a_stale_copy_as_saved(
        isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _fail_rename_of("patterns.jsonl", errno.EROFS, monkeypatch)
    assert main(["entity", "add", "Neue Firma AG", "--label", "ORG"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "added 'Neue Firma AG' as ORG"
    assert err[1].startswith("reader: warning: ") and "patterns.jsonl" in err[1]
    store = CorrectionsStore(isolated_dirs / "data" / "reader")
    assert store.load().added == {"Neue Firma AG": "ORG"}


# -- the schema ---------------------------------------------------------------------------

BAD_STORES = [
    ('{"reader_corrections": 1, "hidden": "Kreml"}', "hidden"),
    ('{"reader_corrections": 1, "hidden": {"Kreml": 1}}', "hidden"),
    ('{"reader_corrections": true}', "reader_corrections"),
    ('{"reader_corrections": 1.0}', "reader_corrections"),
    ('{"reader_corrections": 1, "patterns": [{"label": "ORG", "pattern": [{"ORTH": "A"}]}]}',
     "patterns[0].pattern"),
    ('{"reader_corrections": 1, "patterns": [{"label": "PERSON", "pattern": "A"}]}',
     "patterns[0].label"),
    ('{"reader_corrections": 1, "patterns": [{"label": "PER", "pattern": "A", "x": 1}]}',
     "patterns[0]"),
    ('{"reader_corrections": 1, "hidden_in": {"abc": "Kreml"}}', "hidden_in"),
    ('{"reader_corrections": 1, "hidden_in": {"\\u001b[2J": ["Kreml"]}}', "hidden_in key"),
    ('{"reader_corrections": 1, "notes": {"Kreml": 5}}', "notes"),
    ('{"reader_corrections": 1, "notes": ["Kreml"]}', "notes"),
    ('{"reader_corrections": 1, "pages": {"Kreml": "Moskauer Kreml"}}', "pages"),
    ('{"reader_corrections": 1, "hidden": ["\\ud800"]}', "hidden[0]"),
    ('{"reader_corrections": 1, "hidden": [" "]}', "hidden[0]"),
    ("[1, 2]", "not a reader corrections file"),
    ("[" * 10_000 + "]" * 10_000, "nested too deeply"),
]


@pytest.mark.parametrize(("content", "field"), BAD_STORES,
                         ids=[f"{i}-{field}" for i, (_, field) in enumerate(BAD_STORES)])
def test_invalid_store_is_one_line_and_never_rewritten(
        isolated_dirs: Path, capsys: pytest.CaptureFixture[str], content: str,
        field: str) -> None:
    """Issue 17: values were coerced ("Kreml" became five hidden letters on the next save)."""
    store = CorrectionsStore(isolated_dirs / "data" / "reader")
    store.directory.mkdir(parents=True)
    store.corrections_path.write_text(content, encoding="utf-8")
    good = isolated_dirs / "good.json"
    good.write_text('{"reader_corrections": 1, "hidden": ["Foto"]}', encoding="utf-8")
    for args in (["entity", "list"], ["entity", "add", "Neu", "--label", "PER"],
                 ["entity", "hide", "Kreml"], ["corrections", "import", str(good)],
                 ["corrections", "export"]):
        assert main(args) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("reader: error: "), err
        assert str(store.corrections_path) in err and field in err, err
    assert store.corrections_path.read_text(encoding="utf-8") == content
    assert not store.patterns_path.exists()


def test_unknown_fields_are_kept(tmp_path: Path) -> None:
    store = CorrectionsStore(tmp_path)
    store.corrections_path.write_text(json.dumps(
        {"reader_corrections": 1, "hidden": ["Kreml"], "future": {"a": [1, 2]}}))
    with store.editing() as corrections:
        corrections.hide("Foto")
    data = json.loads(store.corrections_path.read_text())
    assert data["future"] == {"a": [1, 2]}
    assert data["hidden"] == ["Foto", "Kreml"]


def test_a_bom_is_accepted(tmp_path: Path, isolated_dirs: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    bundle = '{"reader_corrections": 1, "hidden": ["Kreml"]}'
    store = CorrectionsStore(tmp_path)
    store.corrections_path.write_bytes(b"\xef\xbb\xbf" + bundle.encode())
    assert store.load().is_hidden("Kreml")
    incoming = tmp_path / "bom.json"
    incoming.write_bytes(b"\xef\xbb\xbf" + bundle.encode())
    assert main(["corrections", "import", str(incoming)]) == 0, capsys.readouterr().err
    assert CorrectionsStore(isolated_dirs / "data" / "reader").load().is_hidden("Kreml")


def test_import_replace_repairs_a_damaged_store(
        tmp_path: Path, isolated_dirs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = CorrectionsStore(isolated_dirs / "data" / "reader")
    store.directory.mkdir(parents=True)
    store.corrections_path.write_text('{"reader_corrections": 1, "hidden": "Kreml"', "utf-8")
    good = tmp_path / "good.json"
    good.write_text('{"reader_corrections": 1, "hidden": ["Kreml"]}', encoding="utf-8")
    assert main(["corrections", "import", str(good)]) == 2  # merging needs a readable store
    assert "--replace" in capsys.readouterr().err
    assert main(["corrections", "import", str(good), "--replace"]) == 0
    err = capsys.readouterr().err
    assert "damaged" in err and "kept as" in err
    assert store.load().is_hidden("Kreml")
    kept = [p for p in store.directory.iterdir() if p.name.startswith("corrections.json.bad-")]
    assert [p.read_text(encoding="utf-8") for p in kept] == [
        '{"reader_corrections": 1, "hidden": "Kreml"']


def test_import_of_a_deeply_nested_file_is_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 17: JSON nested 10,000 deep gave a RecursionError."""
    deep = tmp_path / "deep.json"
    deep.write_text('{"reader_corrections": 1, "x": ' + "[" * 10_000 + "]" * 10_000 + "}")
    assert main(["corrections", "import", str(deep)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nested too deeply" in err and str(deep) in err
