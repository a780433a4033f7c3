"""``reader annotate --glossary``: one pass over the corpus, names looked up once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main

#: Written for this test: the same people and places in many short reports.
REPORTS = [
    "Wladimir Putin empfing Emmanuel Macron in Moskau.",
    "Kremlsprecher Dmitri Peskow äußerte sich zu Kiew.",
    "Donald Trump telefonierte mit Wladimir Putin über die Ukraine.",
    "In Paris traf Emmanuel Macron Vertreter der Nato.",
]


def _corpus(path: Path, count: int) -> Path:
    path.write_text("".join(json.dumps({"id": f"r{i}", "text": REPORTS[i % len(REPORTS)]})
                            + "\n" for i in range(count)), encoding="utf-8")
    return path


def _run(tmp_path: Path, name: str, count: int, server: Any,
         monkeypatch: pytest.MonkeyPatch) -> tuple[int, Path]:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / f"cache-{name}"))
    docs = _corpus(tmp_path / f"{name}.jsonl", count)
    out = tmp_path / f"{name}.out.jsonl"
    before = server.request_count
    assert main(["annotate", str(docs), "-o", str(out), "--glossary", "-j1", "-q",
                 "--api-url", server.api_url]) == 0
    return server.request_count - before, out


def test_requests_do_not_grow_with_the_corpus(tmp_path: Path, wiki_server: Any,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    small, out = _run(tmp_path, "small", 4, wiki_server, monkeypatch)
    large, _ = _run(tmp_path, "large", 200, wiki_server, monkeypatch)
    assert 0 < small == large <= 12  # the same 8 names, in batched requests
    assert wiki_server.max_concurrency == 1  # serial per host
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    putin = next(e for e in records[0]["entities"] if e["name"] == "Wladimir Putin")
    assert putin["glossary"]["status"] == "found"
    assert putin["glossary"]["url"].endswith("Wladimir_Putin")
    # Linked again from the cache: no request at all.
    out.unlink()
    again, _ = _run(tmp_path, "small", 4, wiki_server, monkeypatch)
    assert again == 0


def test_offline_glossary_uses_the_cache_only(tmp_path: Path, wiki_server: Any,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_OFFLINE", "1")
    count, out = _run(tmp_path, "offline", 4, wiki_server, monkeypatch)
    assert count == 0
    record = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert {e["glossary"]["status"] for e in record["entities"]} == {"not_cached"}


def test_markdown_files_carry_the_links(tmp_path: Path, wiki_server: Any,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _corpus(tmp_path / "docs.jsonl", 4)
    out = tmp_path / "md"
    assert main(["annotate", str(docs), "-o", str(out), "--glossary", "-q",
                 "--api-url", wiki_server.api_url]) == 0
    text = next(out.glob("r0-*.md")).read_text(encoding="utf-8")
    assert "[Wladimir Putin](" in text and "Wladimir_Putin" in text
