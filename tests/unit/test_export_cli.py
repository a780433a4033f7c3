"""``reader export``: the seed article against the local wiki server, offline, overwrite rules."""

from __future__ import annotations

import json
import os
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from test_export_helpers import inline_tokens, links, parse, plain_text

from reader.article import load
from reader.cli import main


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def online(server: Any) -> list[str]:
    return ["--api-url", server.api_url]


@pytest.mark.parametrize("style", ["links", "footnotes", "wikilinks"])
def test_seed_exports_to_stdout_in_every_style(style: str, seed_path: Path, wiki_server: Any,
                                               capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_CONTACT", "qa@example.org")  # else a one-time notice
    code, out, err = run(["export", str(seed_path), "--style", style, *online(wiki_server)],
                         capsys)
    assert (code, err) == (0, "")
    article = load(seed_path)
    parsed = parse(out, wikilinks=style == "wikilinks")
    assert plain_text(parsed.body) == article.text
    front = parsed.front
    assert front["title"] == article.title and front["style"] == style
    urls = {e["name"]: e["url"] for e in front["entities"]}
    assert urls["Dmitri Peskow"].endswith("/de/wiki/Dmitri_Peskow")
    known = {urllib.parse.unquote(u) for u in urls.values() if u}
    kids = inline_tokens(parsed.body)
    if style == "links":
        body_links = links(parsed.body)
        assert len(body_links) > 20
        assert {urllib.parse.unquote(href) for href, _, _ in body_links} <= known
    elif style == "footnotes":
        refs = {t.meta["id"] for t in kids if t.type == "footnote_ref"}
        assert refs and refs == set(parsed.footnote_definitions())
    else:
        targets = {t.meta["target"] for t in kids if t.type == "wikilink"}
        assert {"Dmitri Peskow", "Wladimir Putin", "Nato"} <= targets
    glossary = plain_text(parsed.after_body)
    for entity in front["entities"]:
        assert f"\n\n{entity['name']}\n\n" in glossary


def test_offline_uses_only_the_cache(seed_path: Path, wiki_server: Any, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["export", str(seed_path), "--offline", *online(wiki_server)], capsys)
    assert code == 0 and wiki_server.request_count == 0
    parsed = parse(out)
    assert links(parsed.body) == []
    assert all(e["url"] is None for e in parsed.front["entities"])
    assert "No background in the cache (exported offline)." in plain_text(parsed.after_body)

    code, online_out, _ = run(["export", str(seed_path), *online(wiki_server)], capsys)
    assert code == 0 and wiki_server.request_count > 0
    wiki_server.reset()
    code, offline_out, _ = run(["export", str(seed_path), "--offline", *online(wiki_server)],
                               capsys)
    assert code == 0 and wiki_server.request_count == 0

    def without_time(text: str) -> str:
        return "\n".join(line for line in text.splitlines()
                         if not line.startswith("exported_at:"))

    assert without_time(offline_out) == without_time(online_out)


def test_json_format(seed_path: Path, wiki_server: Any,
                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["export", str(seed_path), "--format", "json", *online(wiki_server)],
                       capsys)
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "reader-export" and data["version"] == 1
    text = data["article"]["text"]
    assert text == load(seed_path).text
    peskow = next(e for e in data["entities"] if e["name"] == "Dmitri Peskow")
    assert peskow["glossary"]["status"] == "found"
    assert peskow["glossary"]["wikidata"]
    for entity in data["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]


def test_output_file_is_never_overwritten_without_force(
        seed_path: Path, wiki_server: Any, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "out.md"
    code, out, err = run(["export", str(seed_path), "-o", str(out_file), "--offline"], capsys)
    assert code == 0 and out == ""
    assert err.startswith(f"reader: wrote {out_file} (") and err.count("\n") == 1
    first = out_file.read_text(encoding="utf-8")
    assert plain_text(parse(first).body) == load(seed_path).text

    out_file.write_text("my own notes", encoding="utf-8")
    code, out, err = run(["export", str(seed_path), "-o", str(out_file), "--offline"], capsys)
    assert code == 2
    assert err == f"reader: error: {out_file} exists; use --force to replace it\n"
    assert out_file.read_text(encoding="utf-8") == "my own notes"

    code, _, _ = run(["export", str(seed_path), "-o", str(out_file), "--force",
                      "--style", "footnotes", *online(wiki_server)], capsys)
    assert code == 0
    assert "[^1]" in out_file.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["out.md"]


@pytest.mark.parametrize("target, message", [
    ("{tmp}", "is a directory; give a file name with -o"),
    ("{tmp}/missing/out.md", "does not exist"),
    ("{seed}", "is the article itself"),
])
def test_bad_output_paths_are_one_line_errors(target: str, message: str, seed_path: Path,
                                              tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    seed_copy = tmp_path / "seed.txt"
    seed_copy.write_bytes(seed_path.read_bytes())
    path = target.format(tmp=tmp_path, seed=seed_copy)
    code, out, err = run(["export", str(seed_copy), "-o", path, "--force", "--offline"],
                         capsys)
    assert code == 2 and out == ""
    assert err.startswith("reader: error: ") and message in err and err.count("\n") == 1
    assert seed_copy.read_bytes() == seed_path.read_bytes()


def test_write_failure_is_a_one_line_error_and_leaves_nothing(
        seed_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:


    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "x.md").write_text("old", encoding="utf-8")
    monkeypatch.setattr(os, "fsync", disk_full)
    code, _, err = run(["export", str(seed_path), "-o", str(out_dir / "x.md"), "--force",
                        "--offline"], capsys)
    assert code == 2
    assert err == f"reader: error: cannot write {out_dir / 'x.md'}: No space left on device\n"
    assert os.listdir(out_dir) == ["x.md"]
    assert (out_dir / "x.md").read_text(encoding="utf-8") == "old"


def test_missing_article_is_a_one_line_error(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["export", str(tmp_path / "nope.txt"), "--offline"], capsys)
    assert code == 2 and out == "" and err.count("\n") == 1
