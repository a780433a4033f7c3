"""Issue 17: JSON (and TOML) nested 10,000 deep gave a RecursionError, and arguments that are
not valid UTF-8 a UnicodeEncodeError. Both are one line on stderr now, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from glossary.models import EntityQuery, Status
from glossary.service import Glossary
from glossary.settings import GlossarySettings
from reader.analysis import cache as analysis_cache
from reader.cli import main

READER = str(Path(sys.executable).parent / "reader")
DEEP_JSON = "[" * 10_000 + "]" * 10_000


def one_error_line(err: str) -> bool:
    return err.count("\n") == 1 and err.startswith("reader: error: ") and "Traceback" not in err


def test_deep_configuration_file(isolated_dirs: Path, seed_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    config = isolated_dirs / "config" / "reader" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("theme = " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")
    assert main(["entities", str(seed_path)]) == 2
    err = capsys.readouterr().err
    assert one_error_line(err) and str(config) in err and "nested too deeply" in err


def test_deep_model_meta(tmp_path: Path, seed_path: Path,
                         capsys: pytest.CaptureFixture[str]) -> None:
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.cfg").write_text("[nlp]\n", encoding="utf-8")
    (model / "meta.json").write_text(DEEP_JSON, encoding="utf-8")
    assert main(["entities", str(seed_path), "--model", str(model)]) == 2
    err = capsys.readouterr().err
    assert one_error_line(err) and "meta.json" in err


def test_deep_analysis_cache_file_is_a_miss(tmp_path: Path) -> None:
    path = tmp_path / "cached.json"
    path.write_text(DEEP_JSON, encoding="utf-8")
    assert analysis_cache.read(path, "embedded") is None


def test_deep_network_answer_is_an_error_entry(
        tmp_path: Path, wiki_server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """An answer nested 10,000 deep is a malformed answer (an error entry), not a crash."""
    import wiki_server as module

    shim = types.SimpleNamespace(dumps=lambda obj, **_: '{"x": ' + DEEP_JSON + "}",
                                 loads=json.loads)
    monkeypatch.setattr(module, "json", shim)
    settings = GlossarySettings(api_url=wiki_server.api_url, fallback_lang="",
                                cache_path=tmp_path / "g.sqlite3", max_retries=0)
    glossary = Glossary(settings, sleep=lambda _s: None)
    try:
        entry = glossary.lookup(EntityQuery("Nato", "ORG"))
    finally:
        glossary.close()
    assert entry.status is Status.ERROR and "malformed answer" in entry.error


# -- arguments that are not valid UTF-8 ------------------------------------------------------

BAD = "Pes\udcc3kow\udcff"  # what Python makes of the bytes b"Pes\xc3kow\xff" in argv


@pytest.mark.parametrize("argv", [
    ["entity", "add", BAD, "--label", "PER"],
    ["entity", "note", "Kreml", BAD],
    ["entity", "page", BAD, "Kreml"],
    ["entity", "hide", BAD],
    ["lookup", BAD],
    ["lookup", "Nato", "--context", BAD],
    ["export", "{seed}", "--api-url", f"http://127.0.0.1:9/{BAD}/{{lang}}"],
])
def test_text_arguments_must_be_utf8(argv: list[str], seed_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    args = [a.replace("{seed}", str(seed_path)) for a in argv]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert one_error_line(err) and "not valid UTF-8" in err, err
    assert "\udcff" not in err


@pytest.mark.parametrize("argv", [["export", BAD], ["entities", BAD],
                                  ["corrections", "import", BAD],
                                  ["entity", "hide", "X", "--article", BAD]])
def test_missing_file_with_an_undecodable_name(argv: list[str],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert one_error_line(err) and "Pes\ufffdkow\ufffd" in err, err


def test_files_with_undecodable_names_work(tmp_path: Path) -> None:
    """File names are bytes on Linux: a name that is not UTF-8 is written and read."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "c"),
           "XDG_DATA_HOME": str(tmp_path / "d"), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}

    def reader(*args: bytes) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([READER, *args], capture_output=True, timeout=60, check=False,
                              env=env)

    assert reader(b"entity", b"hide", b"Kreml").returncode == 0
    out = os.fsencode(tmp_path) + b"/korrekturen-\xfe.json"
    written = reader(b"corrections", b"export", b"-o", out)
    assert written.returncode == 0, written.stderr
    assert written.stderr.decode("utf-8") == "wrote " + str(tmp_path) + "/korrekturen-\ufffd.json\n"
    env["XDG_DATA_HOME"] = str(tmp_path / "other")
    read = reader(b"corrections", b"import", out)
    assert read.returncode == 0, read.stderr
    bad = reader(b"entity", b"note", b"Kreml", b"caf\xe9")
    assert bad.returncode == 2 and b"not valid UTF-8" in bad.stderr
    assert bad.stderr.count(b"\n") == 1


def test_settings_from_the_environment_must_be_utf8(
        isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Environment variables arrive like arguments: undecodable bytes as lone surrogates."""
    for name in ("READER_CONTACT", "READER_LANG", "READER_API_URL", "READER_THEME"):
        with monkeypatch.context() as env:
            env.setenv(name, BAD)
            assert main(["lookup", "Nato", "--offline"]) == 2
            err = capsys.readouterr().err
            assert one_error_line(err) and f"{name} is not valid UTF-8" in err, err
    # directories are file names: any bytes
    monkeypatch.setenv("READER_DATA_DIR", str(isolated_dirs / BAD))
    assert main(["entity", "hide", "Kreml"]) == 0
    assert (isolated_dirs / BAD / "corrections.json").exists()
