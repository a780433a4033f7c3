"""``reader annotate --engine dask``: a LocalCluster of two worker processes on 127.0.0.1
gives, byte for byte, the output of the local run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main

distributed = pytest.importorskip("distributed")

#: Written for this test.
TEXTS = [
    "Angela Merkel besuchte Paris und traf dort Emmanuel Macron.",
    "Die Deutsche Bahn kündigte in Berlin neue Verbindungen nach Wien an.",
    "Ein Text ohne einen einzigen Namen.",
]


def test_dask_output_equals_the_local_output(tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    lines = [json.dumps({"id": f"n{i}", "text": TEXTS[i % 3] * (1 + i % 4)}) for i in range(100)]
    lines.insert(70, "{kaputt")
    docs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "artikel.txt").write_text(TEXTS[0], encoding="utf-8")
    inputs = [str(docs), str(tmp_path / "artikel.txt")]
    local = tmp_path / "local.jsonl"
    assert main(["annotate", *inputs, "-o", str(local), "-j1", "-q"]) == 0
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        out = tmp_path / "dask.jsonl"
        assert main(["annotate", *inputs, "-o", str(out), "-q", "--engine", "dask",
                     "--scheduler", cluster.scheduler_address]) == 0
        with distributed.Client(cluster) as client:
            ran = client.run(lambda: __import__("reader.analysis.recognisers",
                                                fromlist=["_CACHE"])._CACHE.__len__())
    assert out.read_bytes() == local.read_bytes()
    assert len(out.read_bytes().splitlines()) == 101
    assert sorted(ran.values()) == [1, 1]  # each worker loaded one recogniser


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.corpus.dask_engine as engine

    monkeypatch.setattr(engine, "CONNECT_TIMEOUT", 0.3)
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "a", "text": TEXTS[0]}) + "\n", encoding="utf-8")
    assert main(["annotate", str(docs), "-o", str(tmp_path / "o.jsonl"), "--engine", "dask",
                 "--scheduler", "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert "cannot reach the Dask scheduler" in err and len(err.strip().splitlines()) == 1
