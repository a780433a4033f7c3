"""Exact-span micro P/R/F1 (overall and per label) and speed of the active recogniser.

    .venv/bin/python bench/ner_eval.py ../shared/eval/germeval_dev.jsonl [--model NAME|PATH]
        [--limit N] [--half all|even|odd] [--errors N]

GOLD.jsonl holds one ``{"text": ..., "ents": [[start, end, label], ...]}`` per line.
Tables are printed for the whole file and for its even- and odd-numbered sentences (counted
from 0): rules are tuned by reading the errors of the even half only, so the odd half
estimates how a change generalises. ``--half`` chooses the half whose errors ``--errors``
prints (default: even). Speed is characters per second of ``Recogniser.spans`` over all
texts, on one core, after loading (the load time is printed separately, and the time of
spaCy's import within it).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from reader.analysis import get_recogniser
from reader.analysis.model import LABELS
from reader.errors import ReaderError

Gold = list[tuple[str, set[tuple[int, int, str]]]]
Pred = list[set[tuple[int, int, str]]]


def _read_gold(path: Path, limit: int) -> Gold:
    out = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            item = json.loads(line)
            out.append((item["text"], {(int(s), int(e), str(lab)) for s, e, lab in item["ents"]}))
            if limit and len(out) >= limit:
                break
    return out


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _in_half(index: int, half: str) -> bool:
    return half == "all" or (index % 2 == 0) == (half == "even")


def _rows(gold: Gold, predicted: Pred, half: str,
          labels: tuple[str, ...]) -> list[tuple[str, float, float, float, int, int]]:
    """(label, P, R, F1, gold count, predicted count) per label and for all labels."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for index, ((_, ents), pred) in enumerate(zip(gold, predicted, strict=True)):
        if not _in_half(index, half):
            continue
        for _s, _e, lab in pred & ents:
            tp[lab] += 1
        for _s, _e, lab in pred - ents:
            fp[lab] += 1
        for _s, _e, lab in ents - pred:
            fn[lab] += 1
    rows = [(label, *_prf(tp[label], fp[label], fn[label]), tp[label] + fn[label],
             tp[label] + fp[label]) for label in labels]
    t, f_p, f_n = sum(tp.values()), sum(fp.values()), sum(fn.values())
    rows.append(("all", *_prf(t, f_p, f_n), t + f_n, t + f_p))
    return rows


def _table(gold: Gold, predicted: Pred, labels: tuple[str, ...]) -> None:
    """The whole file's table, then the halves' (rows prefixed with the half)."""
    print(f"{'label':6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}")
    for label, p, r, f, g, n in _rows(gold, predicted, "all", labels):
        print(f"{label:6} {p:6.3f} {r:6.3f} {f:6.3f} {g:6d} {n:6d}")
    print(f"\n{'half':5} {'label':6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}")
    for half in ("even", "odd"):
        for label, p, r, f, g, n in _rows(gold, predicted, half, labels):
            print(f"{half:5} {label:6} {p:6.3f} {r:6.3f} {f:6.3f} {g:6d} {n:6d}")


def _errors(gold: Gold, predicted: Pred, half: str, count: int) -> None:
    shown = 0
    for index, ((text, ents), pred) in enumerate(zip(gold, predicted, strict=True)):
        if shown >= count:
            break
        if not _in_half(index, half) or pred == ents:
            continue
        shown += 1
        print(f"\n#{index} {text}")
        for s, e, lab in sorted(pred - ents):
            print(f"  FP {lab:4} {text[s:e]!r}")
        for s, e, lab in sorted(ents - pred):
            print(f"  FN {lab:4} {text[s:e]!r}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="gold JSONL file")
    parser.add_argument("--model", default="", help="spaCy pipeline name or path, or 'embedded'")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N texts")
    parser.add_argument("--half", choices=("all", "even", "odd"), default="even",
                        help="the sentences whose errors --errors prints (default: even)")
    parser.add_argument("--errors", type=int, default=0,
                        help="print the errors of N sentences of --half")
    args = parser.parse_args(argv)
    try:
        gold = _read_gold(args.gold, args.limit)
        started = time.perf_counter()
        import spacy  # noqa: F401  (timed apart: the load figure is what comes after it)

        imported = time.perf_counter() - started
        recogniser = get_recogniser(args.model)
        recogniser.spans(["Warm-up."])
        loaded = time.perf_counter() - started
    except (OSError, ValueError, ReaderError) as exc:
        print(f"ner_eval: error: {exc}", file=sys.stderr)
        return 2
    texts = [text for text, _ in gold]
    started = time.perf_counter()
    spans = recogniser.spans(texts)
    elapsed = time.perf_counter() - started
    predicted = [{(s.start, s.end, s.label) for s in found} for found in spans]
    chars = sum(len(t) for t in texts)
    print(f"recogniser: {recogniser.name}   texts: {len(texts)}   chars: {chars}")
    _table(gold, predicted, LABELS)
    print(f"\nspeed: {chars / elapsed:,.0f} chars/s ({elapsed:.2f} s); load: {loaded:.2f} s "
          f"(spaCy import {imported:.2f} s, after it {loaded - imported:.2f} s)")
    _errors(gold, predicted, args.half, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
