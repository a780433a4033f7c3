"""``reader annotate``: every input and output kind, bad documents, re-runs (in-process)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.analysis import recognise_texts
from reader.cli import main

#: Texts written for these tests (fictional events, real and invented names).
TEXTS = [
    "Angela Merkel besuchte am Montag Paris. Dort sprach sie mit Emmanuel Macron über "
    "die Lage in der Ukraine.",
    "  Der Vorstand der Deutschen Bahn traf sich in Berlin.\r\n\r\nBahnchef Richard Lutz "
    "kündigte neue Züge an; die Gewerkschaft GDL reagierte zurückhaltend.  ",
    "Olaf Scholz und Wladimir Putin telefonierten. Kremlsprecher Dmitri Peskow sagte in "
    "Moskau, man wolle weiter reden.\n\nIn Kiew blieb man skeptisch.",
    "Ein Text ganz ohne Namen, nur über das Wetter am Wochenende.",
]


def _jsonl(path: Path, texts: list[str] = TEXTS) -> Path:
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n"
                            for i, t in enumerate(texts)), encoding="utf-8")
    return path


def _records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_in_jsonl_out_spans_equal_the_api(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["annotate", str(_jsonl(tmp_path / "in.jsonl")), "-o", str(out), "-j1"]) == 0
    got = _records(out)
    assert [r["id"] for r in got] == ["d0", "d1", "d2", "d3"]
    assert [r["text"] for r in got] == TEXTS  # offsets refer to the given text exactly
    expected = recognise_texts(TEXTS)
    assert [[tuple(s) for s in r["spans"]] for r in got] == [
        [(s.start, s.end, s.label) for s in spans] for spans in expected]
    peskow = next(e for e in got[2]["entities"] if e["name"] == "Dmitri Peskow")
    assert peskow["label"] == "PER"
    for record in got:
        for entity in record["entities"]:
            for m in entity["mentions"]:
                assert record["text"][m["start"]:m["end"]] == m["text"]
    assert set(got[0]) >= {"id", "source", "sha256", "title", "date", "entities", "spans"}
    assert "annotated 4 documents" in capsys.readouterr().err
    # A re-run skips every document and leaves the output as it was.
    before = out.read_bytes()
    assert main(["annotate", str(tmp_path / "in.jsonl"), "-o", str(out), "-j1"]) == 0
    assert out.read_bytes() == before
    assert "4 already done" in capsys.readouterr().err


@pytest.fixture
def page_server() -> Iterator[Any]:
    from news_server import NewsServer  # tests/ is on sys.path (rootdir conftest)

    with NewsServer() as server:
        yield server


def test_every_input_kind_and_bad_documents(tmp_path: Path, page_server: Any,
                                            monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "eins.txt").write_text(TEXTS[0], encoding="utf-8")
    (corpus / "sub" / "zwei.md").write_text("# Bahn\n\n" + TEXTS[1], encoding="utf-8")
    (corpus / "sub" / "kaputt.txt").write_bytes(b"\x00\x01\x02binary\xff" * 50)
    (corpus / "sub" / "leer.txt").write_bytes(b"")
    (tmp_path / "drei.html").write_text(f"<p>{TEXTS[2]}</p>", encoding="utf-8")
    big = tmp_path / "gross.txt"
    with big.open("wb") as handle:
        handle.truncate(17 * 1024 * 1024)
    docs = _jsonl(tmp_path / "docs.jsonl", TEXTS[3:])
    with docs.open("a", encoding="utf-8") as handle:
        handle.write("{kaputt\n")
    page = page_server.url("/kueste/faehre-elektro-100.html")
    missing = page_server.url("/status/404")
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{big}\n{page}\n{missing}\n"))
    out = tmp_path / "out.jsonl"
    code = main(["annotate", str(corpus), str(tmp_path / "*.html"), str(docs), "-", "-o",
                 str(out), "-j1"])
    err = capsys.readouterr().err
    assert code == 0
    ids = [r["id"] for r in _records(out)]
    assert ids == [str(corpus / "eins.txt"), str(corpus / "sub" / "zwei.md"),
                   str(tmp_path / "drei.html"), "d0", page]
    web = _records(out)[-1]
    assert web["title"] == "Neue Elektrofähre verbindet beide Ufer der Unterelbe"
    assert web["url"] == page and web["source"] == page
    assert {e["name"] for e in web["entities"]} >= {"Glückstadt", "Hanna Lindqvist"}
    for bad in (corpus / "sub" / "kaputt.txt", corpus / "sub" / "leer.txt", big,
                f"{docs}:2", missing):
        assert f"reader: skipped {bad}: " in err
    assert "404" in err and "is empty" in err and "limit" in err
    assert "5 skipped" in err and "Traceback" not in err


def test_fail_fast_stops_at_the_first_bad_document(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    docs = _jsonl(tmp_path / "docs.jsonl", TEXTS[:2])
    with docs.open("a", encoding="utf-8") as handle:
        handle.write("[]\n" + json.dumps({"id": "nach", "text": TEXTS[2]}) + "\n")
    out = tmp_path / "out.jsonl"
    assert main(["annotate", str(docs), "-o", str(out), "-j1", "--fail-fast"]) == 2
    err = capsys.readouterr().err
    assert f"stopped at bad document {docs}:3" in err
    assert [r["id"] for r in _records(out)] == ["d0", "d1"]


def test_spacy_conll_and_markdown_outputs(tmp_path: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    docs = _jsonl(tmp_path / "in.jsonl")
    spans = recognise_texts(TEXTS)
    assert main(["annotate", str(docs), "-o", str(tmp_path / "out.spacy"), "-q"]) == 0
    loaded = list(DocBin().from_bytes((tmp_path / "out.spacy").read_bytes())
                  .get_docs(spacy.blank("de").vocab))
    assert [d.user_data["id"] for d in loaded] == ["d0", "d1", "d2", "d3"]
    assert [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in loaded] == [
        [(s.start, s.end, s.label) for s in found] for found in spans]

    assert main(["annotate", str(docs), "-o", str(tmp_path / "out.conll"), "-q"]) == 0
    conll = (tmp_path / "out.conll").read_text(encoding="utf-8")
    assert conll.startswith("# id = d0\nAngela\tB-PER\nMerkel\tI-PER\nbesuchte\tO\n")
    assert "\n\n# id = d1\n" in conll and "Berlin\tB-LOC" in conll
    assert "Bahnchef\tO\nRichard\tB-PER\nLutz\tI-PER" in conll

    md = tmp_path / "md"
    assert main(["annotate", str(docs), "-o", str(md), "--format", "md", "-q"]) == 0
    files = sorted(p.name for p in md.glob("*.md"))
    assert files == sorted(f"d{i}-" + name.split("-")[1] for i, name in
                           enumerate(sorted(files)))
    text = next(md.glob("d0-*.md")).read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: ") and "## Glossary" in text
    assert "Emmanuel Macron" in text


def test_one_and_two_workers_give_the_same_output(tmp_path: Path) -> None:
    docs = _jsonl(tmp_path / "in.jsonl", TEXTS * 40)
    lines = docs.read_text(encoding="utf-8").splitlines()
    docs.write_text("".join(json.dumps({**json.loads(line), "id": str(i)}) + "\n"
                            for i, line in enumerate(lines)), encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["annotate", str(docs), "-o", str(one), "-j1", "-q"]) == 0
    assert main(["annotate", str(docs), "-o", str(two), "-j2", "-q"]) == 0
    assert one.read_bytes() == two.read_bytes()
    assert len(one.read_bytes().splitlines()) == 160


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "out.xyz"], "cannot tell the output format"),
    (["-o", "IN"], "is one of the inputs"),
    (["-o", "out.jsonl", "-j", "0"], "at least 1"),
    (["-o", "out.jsonl", "--engine", "dask"], "needs --scheduler"),
    (["-o", "out.jsonl", "--model", "kein_modell"], "not installed"),
    (["-o", "nicht/da/out.jsonl"], "does not exist"),
])
def test_usage_errors_are_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str], args: list[str],
                                   message: str) -> None:
    monkeypatch.chdir(tmp_path)
    docs = _jsonl(tmp_path / "in.jsonl", TEXTS[:1])
    args = [str(docs) if a == "IN" else a for a in args]
    assert main(["annotate", str(docs), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
