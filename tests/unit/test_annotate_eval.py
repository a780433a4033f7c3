"""The F1 on the GermEval dev set computed from ``reader annotate`` output equals
``bench/ner_eval.py``'s (the set lies beside the repository as ``../shared``; measuring
only)."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from reader.analysis.model import LABELS
from reader.cli import main

ROOT = Path(__file__).resolve().parents[2]
CANDIDATES = [ROOT.parent / "shared" / "eval" / "germeval_dev.jsonl",
              ROOT.parent.parent / "shared" / "eval" / "germeval_dev.jsonl"]
GOLD = next((path for path in CANDIDATES if path.is_file()), None)


def _ner_eval() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ner_eval", ROOT / "bench" / "ner_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(output: str) -> dict[str, list[str]]:
    rows = {}
    for line in output.splitlines():
        parts = line.split()
        if parts and parts[0] in (*LABELS, "all"):
            rows[parts[0]] = parts[1:6]  # P R F1 gold pred
    return rows


@pytest.mark.skipif(GOLD is None, reason="../shared/eval/germeval_dev.jsonl is not here")
def test_f1_from_annotate_output_equals_ner_eval(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert GOLD is not None
    ner_eval = _ner_eval()
    assert ner_eval.main([str(GOLD)]) == 0
    expected = _rows(capsys.readouterr().out)
    gold = ner_eval._read_gold(GOLD, 0)
    docs = tmp_path / "dev.jsonl"
    docs.write_text("".join(json.dumps({"id": i, "text": text}) + "\n"
                            for i, (text, _) in enumerate(gold)), encoding="utf-8")
    out = tmp_path / "dev.annotated.jsonl"
    assert main(["annotate", str(docs), "-o", str(out), "-j1", "-q"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [str(i) for i in range(len(gold))]
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for record, (_text, ents) in zip(records, gold, strict=True):
        pred = {(s, e, label) for s, e, label in record["spans"]}
        tp.update(label for *_, label in pred & ents)
        fp.update(label for *_, label in pred - ents)
        fn.update(label for *_, label in ents - pred)
    got = {}
    for label in (*LABELS, "all"):
        t, f_p, f_n = ((tp[label], fp[label], fn[label]) if label != "all" else
                       (sum(tp.values()), sum(fp.values()), sum(fn.values())))
        p, r, f1 = ner_eval._prf(t, f_p, f_n)
        got[label] = [f"{p:.3f}", f"{r:.3f}", f"{f1:.3f}", str(t + f_n), str(t + f_p)]
    assert got == expected
    assert float(got["all"][2]) > 0.5
