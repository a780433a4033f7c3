"""Corrections: the store, its files, merging, and the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.corrections import Corrections, CorrectionsStore
from reader.errors import ReaderError

READER = str(Path(sys.executable).parent / "reader")


def test_add_hide_note_page_round_trip(tmp_path: Path) -> None:
    store = CorrectionsStore(tmp_path / "data")
    with store.editing() as corrections:
        corrections.add_entity("  Isabelle   Schaefers ", "per")
        corrections.hide("Liveblog")
        corrections.hide("Kreml", "abc123")
        corrections.choose_page("Koalition der Willigen", "de", "Koalition der Willigen (2025)")
        corrections.set_note("Peskow", "Sprecher des Kremls seit 2012.")
    loaded = store.load()
    assert loaded.added == {"Isabelle Schaefers": "PER"}
    assert loaded.is_hidden("liveblog")
    assert loaded.is_hidden("Kreml", "abc123") and not loaded.is_hidden("Kreml", "other")
    assert loaded.page_for("Koalition der Willigen", "de") == "Koalition der Willigen (2025)"
    assert loaded.page_for("Koalition der Willigen", "en") is None
    assert loaded.note_for("Peskow") == "Sprecher des Kremls seit 2012."
    patterns = [json.loads(line) for line in store.patterns_path.read_text().splitlines()]
    assert patterns == [{"label": "PER", "pattern": "Isabelle Schaefers", "id": "user"}]


def test_adding_unhides_and_hiding_everywhere_removes_addition() -> None:
    corrections = Corrections()
    corrections.hide("Foto")
    corrections.add_entity("Foto", "MISC")
    assert not corrections.is_hidden("Foto")
    corrections.hide("Foto")
    assert "Foto" not in corrections.added


@pytest.mark.parametrize(
    ("name", "label", "fragment"), [("", "PER", "empty"), ("X", "PERSON", "unknown label")]
)
def test_invalid_additions(name: str, label: str, fragment: str) -> None:
    with pytest.raises(ReaderError, match=fragment):
        Corrections().add_entity(name, label)


def test_bundle_round_trip_and_merge() -> None:
    first = Corrections()
    first.add_entity("Oberst Reisner", "PER")
    first.set_note("Nato", "Bündnis")
    second = Corrections.from_bundle(json.loads(json.dumps(first.to_bundle())))
    assert second == first
    other = Corrections()
    other.set_note("Nato", "Verteidigungsbündnis")
    other.hide("Foto")
    second.merge(other)
    assert second.note_for("Nato") == "Verteidigungsbündnis"
    assert second.is_hidden("Foto") and second.added == {"Oberst Reisner": "PER"}


@pytest.mark.parametrize(
    "data", [[], {"reader_corrections": 99}, {"reader_corrections": 1, "patterns": [{"x": 1}]},
             {"reader_corrections": 1, "pages": {"nolang": "T"}}]
)
def test_invalid_bundles(data: object) -> None:
    with pytest.raises(ReaderError, match="invalid corrections"):
        Corrections.from_bundle(data)


def test_corrupt_store_is_reported(tmp_path: Path) -> None:
    store = CorrectionsStore(tmp_path)
    store.corrections_path.write_text("{not json")
    with pytest.raises(ReaderError, match="cannot read corrections"):
        store.load()


def _run(*args: str, env_home: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(env_home / "data"),
           "XDG_CONFIG_HOME": str(env_home / "config"), "XDG_CACHE_HOME": str(env_home / "cache")}
    return subprocess.run([READER, *args], capture_output=True, text=True, env=env, input=stdin,
                          timeout=60, check=False)


def test_cli_entity_commands_and_export_import(tmp_path: Path, seed_path: Path) -> None:
    home = tmp_path / "h"
    for args in (
        ("entity", "add", "Isabelle Schaefers", "--label", "PER"),
        ("entity", "hide", "Liveblog"),
        ("entity", "hide", "Kreml", "--article", str(seed_path)),
        ("entity", "note", "Nato", "Mein Hinweis"),
        ("entity", "page", "Nato", "NATO"),
    ):
        result = _run(*args, env_home=home)
        assert result.returncode == 0, result.stderr
    listing = _run("entity", "list", env_home=home)
    assert "Isabelle Schaefers (PER)" in listing.stdout and "Liveblog" in listing.stdout
    bundle_path = tmp_path / "mine.json"
    exported = _run("corrections", "export", "-o", str(bundle_path), env_home=home)
    assert exported.returncode == 0, exported.stderr
    again = _run("corrections", "export", "-o", str(bundle_path), env_home=home)
    assert again.returncode == 2 and "--force" in again.stderr
    other_home = tmp_path / "other"
    imported = _run("corrections", "import", str(bundle_path), env_home=other_home)
    assert imported.returncode == 0, imported.stderr
    listed = json.loads(_run("entity", "list", "--format", "json", env_home=other_home).stdout)
    assert listed == json.loads(bundle_path.read_text())
    assert listed["pages"] == {"de:Nato": "NATO"}


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("entity", "add", "X", "--label", "FOO"), "invalid choice"),
        (("entity", "unhide", "Niemand"), "not hidden"),
        (("entity", "remove", "Niemand"), "not an entity you added"),
        (("corrections", "import", "/nonexistent.json"), "no such file"),
    ],
)
def test_cli_errors_are_one_line(tmp_path: Path, args: tuple[str, ...], fragment: str) -> None:
    result = _run(*args, env_home=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert fragment in result.stderr and "Traceback" not in result.stderr


def test_cli_import_rejects_foreign_file(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.json"
    foreign.write_text('{"hello": 1}')
    result = _run("corrections", "import", str(foreign), env_home=tmp_path)
    assert result.returncode == 2 and "invalid corrections" in result.stderr
