"""The command line prints text from the network (and from articles) to a terminal: nothing
in it may be interpreted by the terminal, and nothing may crash the output."""

from __future__ import annotations

import json
from typing import Any

import pytest
from app_support import SEED
from hostile import unsafe_chars

from reader.cli import main


@pytest.fixture(autouse=True)
def no_fallback_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the German fixture wiki."""
    monkeypatch.setenv("READER_FALLBACK_LANG", "")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_lookup_prints_hostile_network_text_safely(
        fmt: str, hostile_wiki: Any, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["lookup", "Interfax", "--format", fmt,
                          "--api-url", hostile_wiki.api_url], capsys)
    assert code == 0, err
    assert "Agentur" in out and "[@click=app.quit]Klick[/]" in out
    assert unsafe_chars(out) == [] and unsafe_chars(err) == []
    if fmt == "json":
        assert json.loads(out)["status"] == "found"


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_export_to_stdout_is_safe(fmt: str, hostile_wiki: Any,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["export", str(SEED), "--format", fmt, "--api-url",
                          hostile_wiki.api_url], capsys)
    assert code == 0, err
    assert "Agentur" in out
    assert unsafe_chars(out) == [] and unsafe_chars(err) == []


def test_prefetch_summary_is_safe(hostile_wiki: Any, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    """An API error's text (from the server) is part of the summary."""
    error = {"error": {"code": "readonly\x1b[2J", "info": "\x1b]0;pwned\x07 \x9b6n"}}
    monkeypatch.setattr(hostile_wiki, "answer", lambda lang, params: error)
    code, out, err = run(["prefetch", str(SEED), "--api-url", hostile_wiki.api_url], capsys)
    assert code == 1 and "API error from 127.0.0.1" in err and "pwned" in err
    assert unsafe_chars(out) == [] and unsafe_chars(err) == []
