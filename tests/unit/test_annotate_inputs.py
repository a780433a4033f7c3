"""reader.corpus.inputs: command-line inputs expanded into documents (no recogniser)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from reader.corpus.documents import Bad, Task
from reader.corpus.inputs import Source, count, document_task, expand, tasks
from reader.errors import ReaderError


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "b" / "deep").mkdir(parents=True)
    (root / "a.txt").write_text("Erster Text.", encoding="utf-8")
    (root / "b" / "zwei.md").write_text("# Zwei\n\nText.", encoding="utf-8")
    (root / "b" / "deep" / "drei.html").write_text("<p>Drei.</p>", encoding="utf-8")
    (root / "b" / "docs.jsonl").write_text('{"id": 1, "text": "x"}\n', encoding="utf-8")
    (root / "b" / "bild.png").write_bytes(b"\x89PNG")  # not an article suffix
    (root / ".versteckt.txt").write_text("hidden", encoding="utf-8")
    return root


def test_directories_are_searched_recursively_by_suffix(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    found = expand([str(root)])
    assert [(s.kind, Path(s.ref).relative_to(root).as_posix()) for s in found] == [
        ("file", "a.txt"), ("jsonl", "b/docs.jsonl"), ("file", "b/zwei.md"),
        ("file", "b/deep/drei.html")]


def test_files_globs_urls_and_stdin(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    stdin = io.StringIO(f"{root / 'a.txt'}\n\nhttps://example.test/x\n{root / 'fehlt.txt'}\n"
                        "\x1b[31m*.txt\n")
    found = expand([str(root / "b" / "zwei.md"), str(root / "**" / "*.html"),
                    "http://127.0.0.1:9/seite", "-"], stdin)
    assert found == [Source("file", str(root / "b" / "zwei.md")),
                     Source("file", str(root / "b" / "deep" / "drei.html")),
                     Source("url", "http://127.0.0.1:9/seite"),
                     Source("file", str(root / "a.txt")),
                     Source("url", "https://example.test/x"),
                     Source("missing", str(root / "fehlt.txt")),
                     Source("missing", "\x1b[31m*.txt")]
    assert list(tasks(found))[-2:] == [Bad(str(root / "fehlt.txt"), "no such file or directory"),
                                       Bad("\x1b[31m*.txt", "no file matches")]


def test_missing_inputs_are_errors(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="no such file or directory"):
        expand([str(tmp_path / "nichts.txt")])
    with pytest.raises(ReaderError, match="no file matches"):
        expand([str(tmp_path / "*.txt")])
    with pytest.raises(ReaderError, match="standard input"):
        expand(["-"], None)


def test_jsonl_documents(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "  Text\r\nmit Rand  ", "title": "T", "date": "2025-01-02",
                    "url": "https://example.test/a"}),
        json.dumps({"text": "ohne id"}),
        "",
        "{kein json",
        json.dumps(["keine", "Zahl"]),
        json.dumps({"id": 7, "text": ""}),
        json.dumps({"id": True, "text": "x"}),
        json.dumps({"id": "t", "text": "x", "title": 5}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sources = [Source("jsonl", str(path))]
    assert count(sources) == 7
    got = list(tasks(sources))
    assert got[0] == Task("a", "doc", f"{path}:1", {
        "text": "  Text\r\nmit Rand  ", "title": "T", "date": "2025-01-02",
        "url": "https://example.test/a"})
    assert got[1] == Task(f"{path}:2", "doc", f"{path}:2", {"text": "ohne id"})
    assert isinstance(got[2], Bad) and got[2].id == f"{path}:4"
    assert got[2].reason.startswith("invalid JSON line")
    assert got[3] == Bad(f"{path}:5", "a JSONL line must be an object with id and text")
    assert got[4] == Bad("7", "no text")
    assert got[5] == Bad(f"{path}:7", "id must be a string or a number")
    assert got[6] == Bad("t", "title must be a string")


def test_a_huge_jsonl_line_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.corpus.inputs as inputs

    monkeypatch.setattr(inputs, "MAX_BYTES", 10)
    bad = document_task(b'{"id": "x", "text": "viel zu lang"}', "f:1")
    assert isinstance(bad, Bad) and "limit" in bad.reason


def test_corpus_modules_import_no_textual_dask_or_spacy() -> None:
    import subprocess
    import sys

    code = ("import sys, reader.commands.annotate, reader.corpus.run, reader.corpus.outputs, "
            "reader.corpus.engines, reader.corpus.glossary_pass\n"
            "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    loaded = set(result.stdout.split())
    assert not loaded & {"textual", "dask", "distributed", "spacy"}, loaded
