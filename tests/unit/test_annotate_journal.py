"""reader.corpus.journal: appended records, resume, torn last lines, foreign files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.corpus.journal import Journal, encode, records
from reader.errors import ReaderError


def _record(ident: str) -> dict[str, object]:
    return {"id": ident, "sha256": "0", "entities": [], "text": "Ä\ud800"}


def test_records_are_appended_and_found_again(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    journal = Journal.open(path)
    journal.append(_record("a"))
    journal.append(_record("b"))
    journal.close()
    assert [r["id"] for r in records(path)] == ["a", "b"]
    assert all(line.endswith(b"\n") for line in path.read_bytes().splitlines(keepends=True))
    again = Journal.open(path)
    assert again.done == {"a", "b"}
    again.close()


def test_a_torn_last_line_is_cut(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    whole = encode(_record("a"))
    path.write_bytes(whole + encode(_record("b"))[:17])  # killed in the middle of a write
    journal = Journal.open(path)
    assert journal.done == {"a"}
    assert path.read_bytes() == whole
    journal.append(_record("c"))
    journal.close()
    assert [json.loads(line)["id"] for line in path.read_bytes().splitlines()] == ["a", "c"]


@pytest.mark.parametrize("content", [b"my notes\n", b"no newline at the end",
                                     b'{"id": 1, "text": "an input, not an output"}\n'])
def test_a_foreign_file_is_refused_and_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "out.jsonl"
    path.write_bytes(content)
    with pytest.raises(ReaderError, match="not the output of reader annotate"):
        Journal.open(path)
    assert path.read_bytes() == content


def test_one_run_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("reader.corpus.journal.LOCK_WAIT", 0.1)
    path = tmp_path / "out.jsonl"
    first = Journal.open(path)
    try:
        with pytest.raises(ReaderError, match="another run"):
            Journal.open(path)
    finally:
        first.close()


def test_a_batch_of_encoded_lines_is_appended_at_once(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    journal = Journal.open(path)
    journal.append_lines([(ident, encode(_record(ident))) for ident in ("x", "y", "z")])
    journal.append_lines([])
    assert journal.done == {"x", "y", "z"}
    journal.close()
    assert path.read_bytes() == b"".join(encode(_record(i)) for i in ("x", "y", "z"))
    again = Journal.open(path)
    assert again.done == {"x", "y", "z"}
    again.close()
