"""Time of the embedded recogniser on hostile long inputs (target: under 2 s up to 1 MB).

    .venv/bin/python bench/ner_limits.py

Each input is analysed once by ``Recogniser.spans`` (the 2 MB line by ``analyse``, which cuts
it into pieces of at most 1,000,000 characters); the baseline is 1 MB of ordinary prose,
measured in the same run, so the ratio column does not depend on the machine's load (the
seconds do: on a shared machine compare the ratios).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reader.analysis import analyse, get_recogniser

TARGET_SECONDS = 2.0
MB = 1_000_000
PROSE = ("Die Quendel AG aus Bonn meldete am Montag einen Gewinn, sagte Anna Maier, "
         "Sprecherin der Firma, in Köln/Bonn. ")


def _fill(piece: str, size: int) -> str:
    return (piece * (size // len(piece) + 1))[:size]


def _inputs() -> dict[str, str]:
    return {
        "prose (baseline)": _fill(PROSE, MB),
        "one 500,000-char token": "W" + "x" * 499_999,
        "[ x10000 + Paris + ] x10000": "[" * 10_000 + "Paris" + "]" * 10_000,
        "100k *": "*" * 100_000,
        "1 MB *": "*" * MB,
        "1 MB ( runs": "(" * MB,
        "1 MB a,a,a": _fill("a,", MB),
        "1 MB Name GmbH": _fill("Quarz GmbH ", MB),
        "1 MB spaces": " " * MB,
        "1 MB a + two spaces": _fill("a  ", MB),
        "2 MB single line (analyse)": _fill(PROSE, 2 * MB),
    }


def _timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main() -> int:
    """Print one row per input: size, seconds, ratio to the baseline, within the target."""
    recogniser = get_recogniser("embedded")
    recogniser.spans(["Warm-up in Berlin."])
    rows = []
    with tempfile.TemporaryDirectory() as cache:
        for name, text in _inputs().items():
            if name.startswith("2 MB"):
                seconds = _timed(lambda t=text: analyse(t, model="embedded",
                                                         cache_dir=Path(cache)))
            else:
                seconds = _timed(lambda t=text: recogniser.spans([t]))
            rows.append((name, len(text), seconds))
    base = rows[0][2]
    print(f"{'input':30} {'chars':>9} {'seconds':>8} {'ratio':>6} {'limit':>6}  target")
    failed = 0
    for name, size, seconds in rows:
        limit = TARGET_SECONDS * max(1.0, size / MB)  # 2 s per started megabyte
        ok = seconds < limit
        failed += not ok
        print(f"{name:30} {size:9,d} {seconds:8.3f} {seconds / base:6.2f} {limit:6.1f}  "
              f"{'ok' if ok else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
