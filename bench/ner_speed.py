"""Load time and speed of the embedded recogniser, against a baseline revision, same run.

    .venv/bin/python bench/ner_speed.py ../shared/eval/germeval_dev.jsonl [--baseline REV]
        [--rounds N]

Each round starts two fresh processes, one with this checkout's ``reader`` and one with the
baseline's (``git archive REV reader``, default: the parent of the first commit of the
recogniser's round two), and reports CPU seconds (``time.process_time``): the import of
spaCy, the load after it (blank pipeline, data, first call), and characters per CPU second
over all texts of GOLD.jsonl (best of three passes). CPU time, not wall time, because the
machine is shared: the ratio to the baseline is the figure to compare.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The main branch before the recogniser's round two (issue 18).
DEFAULT_BASELINE = "da75406"

_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
t0 = time.process_time()
import spacy
t1 = time.process_time()
from reader.analysis import get_recogniser
recogniser = get_recogniser("embedded")
recogniser.spans(["Warm-up in Berlin."])
t2 = time.process_time()
texts = [json.loads(line)["text"] for line in open(sys.argv[2], encoding="utf-8")]
best = 1e9
for _ in range(3):
    a = time.process_time()
    recogniser.spans(texts)
    best = min(best, time.process_time() - a)
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "speed": sum(map(len, texts)) / best}))
"""


def _measure(root: Path, gold: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(root), str(gold)], check=True,
                         capture_output=True, text=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    """Print median figures of both checkouts and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="git revision")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "base.tar"
        subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), args.baseline,
                        "reader"], check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(Path(tmp) / "base", filter="data")
        runs: dict[str, list[dict[str, float]]] = {"baseline": [], "this": []}
        for _ in range(args.rounds):
            runs["baseline"].append(_measure(Path(tmp) / "base", args.gold))
            runs["this"].append(_measure(ROOT, args.gold))
    print(f"{'checkout':9} {'spaCy import':>13} {'load after':>11} {'chars/CPU s':>12}")
    median = {name: {key: statistics.median(run[key] for run in rows) for key in rows[0]}
              for name, rows in runs.items()}
    for name, fig in median.items():
        print(f"{name:9} {fig['import']:12.2f}s {fig['load']:10.2f}s {fig['speed']:12,.0f}")
    print(f"{'ratio':9} {'':13} {median['this']['load'] / median['baseline']['load']:11.2f} "
          f"{median['this']['speed'] / median['baseline']['speed']:12.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
