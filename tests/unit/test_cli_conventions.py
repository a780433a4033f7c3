"""Command-line conventions: ``reader config``, "did you mean", ``--help``, ``--format``,
``--version --verbose``, ``cache info --format json`` and the front-matter round trip."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from reader.article import load
from reader.cli import main


def test_config_set_show_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cfg" / "config.toml"
    monkeypatch.setenv("READER_CONFIG", str(path))
    assert main(["config", "path"]) == 0 and capsys.readouterr().out.strip() == str(path)
    assert main(["config", "set", "contact", 'Ana "QA" <qa@example.org>']) == 0
    assert main(["config", "set", "timeout", "20"]) == 0
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {
        "contact": 'Ana "QA" <qa@example.org>', "timeout": 20.0}
    capsys.readouterr()
    assert main(["config", "show", "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["contact"] == 'Ana "QA" <qa@example.org>' and shown["timeout"] == 20.0
    assert main(["config", "set", "contact", ""]) == 0  # back to the default
    assert "contact" not in tomllib.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("key", "value", "words"), [
    ("timeout", "soon", "invalid value"), ("tmeout", "3", "unknown setting"),
    ("api_url", "ftp://example.org", "invalid API URL"), ("intro_sentences", "99", "1 to 10"),
])
def test_config_set_refuses_bad_values(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str], key: str,
                                       value: str, words: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text('lang = "de"\n', encoding="utf-8")
    monkeypatch.setenv("READER_CONFIG", str(path))
    assert main(["config", "set", key, value]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err
    assert path.read_text(encoding="utf-8") == 'lang = "de"\n'  # untouched


def test_unknown_command_suggests_the_close_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["entites", "x.txt"]) == 2
    assert capsys.readouterr().err == (
        "reader: error: unknown command 'entites' — did you mean 'entities'?\n")
    assert main(["no-such-article"]) == 2  # far from every command: a missing file
    assert "no such file" in capsys.readouterr().err


def test_help_shows_examples_config_and_variables(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "examples:" in out and "config.toml" in out and "READER_OFFLINE" in out


def test_version_verbose_names_the_data_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version", "--verbose"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("reader ") and "reader-glossary" in out
    assert "GeoNames" in out and "CC BY 4.0" in out and "MIT" in out


def test_entities_formats(seed_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["entities", str(seed_path), "--format", "jsonl", "--model", "embedded"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 5 and all("name" in json.loads(line) for line in lines)
    assert main(["entities", str(seed_path), "--format", "text", "--model", "embedded"]) == 0
    assert capsys.readouterr().out.startswith("recogniser:")


def test_cache_info_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cache", "info", "--format", "json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["queries"] == 0 and info["path"].endswith("glossary.sqlite3")


def test_exported_title_with_quotes_round_trips(tmp_path: Path) -> None:
    title = 'Er sagte: "Nein" und \'ging\' \\ weiter # [ok] &'
    source = tmp_path / "a.html"
    source.write_text(f"<html><head><title>{title.replace('&', '&amp;')}</title></head>"
                      "<body><p>Emmanuel Macron spricht in Paris.</p></body></html>",
                      encoding="utf-8")
    out = tmp_path / "a.md"
    assert main(["export", str(source), "-o", str(out), "--offline",
                 "--model", "embedded"]) == 0
    assert load(out).title == title


@pytest.mark.parametrize(("argv", "expected"), [
    (["a.txt"], ["open", "a.txt"]),
    (["--offline", "a.txt"], ["open", "--offline", "a.txt"]),
    (["--lang", "en", "--offline", "a.txt"], ["open", "--lang", "en", "--offline", "a.txt"]),
    (["a.txt", "--offline"], ["open", "a.txt", "--offline"]),
    (["entities", "a.txt"], ["entities", "a.txt"]),
    (["--version"], ["--version"]),
])
def test_options_before_the_file_belong_to_open(argv: list[str], expected: list[str]) -> None:
    from reader.cli import _with_default_command, build_parser

    assert _with_default_command(argv) == expected
    if expected[0] == "open":
        args = build_parser("open").parse_args(expected)
        assert args.file == "a.txt"
        assert args.offline is (True if "--offline" in argv else None)
