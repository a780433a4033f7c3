"""Corpus throughput of ``reader annotate`` against the in-process recogniser.

    .venv/bin/python bench/batch.py [--docs 10000] [--model NAME|PATH]

Generates DOCS news-like German documents from sentences written for this benchmark
(fictional events; names of public figures, places and organisations, and invented ones),
then measures, in one run:

- in-process: ``reader.analysis.recognise_texts`` over all texts (recogniser loaded first;
  the load time is printed separately);
- ``reader annotate docs.jsonl -o out.jsonl -j1`` and ``-j2``: the installed command, end
  to end (process start, recogniser load, reading, analysis, writing), with empty caches.

Prints documents/s and characters/s, the ratios (goals: ``-j1`` at least 0.85 of
in-process, ``-j2`` at least 1.6 times ``-j1`` on two cores), the peak resident memory per
worker (from the command's summary) and the load average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PEOPLE = ["Olaf Scholz", "Angela Merkel", "Emmanuel Macron", "Ursula von der Leyen",
          "Friedrich Merz", "Annalena Baerbock", "Robert Habeck", "Giorgia Meloni",
          "Pedro Sánchez", "Karin Hoffmann", "Jens Albrecht", "Miriam Kessler",
          "Tobias Lindner", "Sabine Groß", "Henrik Vogt", "Leonie Brandt"]
PLACES = ["Berlin", "Paris", "Brüssel", "Hamburg", "München", "Wien", "Rom", "Madrid",
          "Warschau", "Leipzig", "Kiew", "Lissabon", "Dresden", "Köln"]
ORGS = ["Siemens", "Volkswagen", "Greenpeace", "Amnesty International", "Eurostat",
        "Lufthansa", "Bayer", "Allianz", "der Bundesbank", "der Nato"]
SENTENCES = [
    "{PER} reiste am Dienstag nach {LOC}, um dort mit Vertretern von {ORG} zu sprechen.",
    "Nach Angaben von {ORG} soll das Treffen in {LOC} mehrere Stunden gedauert haben.",
    "Die Opposition warf {PER} vor, die Öffentlichkeit zu spät informiert zu haben.",
    "In {LOC} demonstrierten am Wochenende Tausende Menschen gegen die geplanten Kürzungen.",
    "Ein Sprecher von {ORG} wollte sich zu den Berichten zunächst nicht äußern.",
    "{PER} kündigte an, noch in diesem Jahr einen Gesetzentwurf vorzulegen.",
    "Beobachter in {LOC} rechnen nicht mit einer schnellen Einigung.",
    "Die Zahl der Beschäftigten ist im vergangenen Quartal leicht gestiegen.",
    "Auch {PER} und {PER} nahmen an der Sitzung teil, äußerten sich danach aber nicht.",
    "Der Bericht von {ORG} soll im Herbst veröffentlicht werden.",
    "Am Abend landete die Maschine mit {PER} an Bord in {LOC}.",
    "Das Wetter blieb trotz der Vorhersage überwiegend trocken und mild.",
    "Kritik kam unter anderem vom Bürgermeister von {LOC}, der mehr Mitsprache forderte.",
    "{ORG} und {ORG} vereinbarten eine engere Zusammenarbeit bei der Forschung.",
    "Wie es weitergeht, soll eine Kommission bis zum Frühjahr klären.",
    "Nach der Rede von {PER} gab es lange Beifall, aber auch einzelne Zwischenrufe.",
]
_SLOT = re.compile(r"\{(PER|LOC|ORG)\}")


def documents(count: int, seed: int = 14) -> list[str]:
    """``count`` documents of 12 to 36 sentences (about 1,900 characters, a short news
    article) in paragraphs of up to four."""
    rng = random.Random(seed)
    pools = {"PER": PEOPLE, "LOC": PLACES, "ORG": ORGS}
    out = []
    for _ in range(count):
        sentences = [_SLOT.sub(lambda m: rng.choice(pools[m.group(1)]), rng.choice(SENTENCES))
                     for _ in range(rng.randint(12, 36))]
        paragraphs = [" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]
        out.append("\n\n".join(paragraphs))
    return out


def _annotate(reader: Path, docs: Path, out: Path, jobs: int, model: str,
              env: dict[str, str]) -> tuple[float, int, str]:
    """(seconds, peak RSS per worker in MB, summary) of one ``reader annotate`` run."""
    args = [str(reader), "annotate", str(docs), "-o", str(out), f"-j{jobs}"]
    if model:
        args += ["--model", model]
    started = time.perf_counter()
    result = subprocess.run(args, env=env, capture_output=True, text=True,
                            stdin=subprocess.DEVNULL, check=False)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"batch: reader annotate failed: {result.stderr.strip()}")
    summary = result.stderr.strip().splitlines()[-1]
    match = re.search(r"peak memory per worker ([\d,]+) MB", summary)
    return seconds, int(match.group(1).replace(",", "")) if match else 0, summary


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000, help="documents (default 10000)")
    parser.add_argument("--model", default="", help="spaCy pipeline name or path, or embedded")
    args = parser.parse_args(argv)
    reader = Path(sys.executable).with_name("reader")
    texts = documents(args.docs)
    chars = sum(len(t) for t in texts)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="reader-batch-") as tmp:
        root = Path(tmp)
        env = {**os.environ, "XDG_CACHE_HOME": str(root / "cache"),
               "XDG_DATA_HOME": str(root / "data"), "XDG_CONFIG_HOME": str(root / "config")}
        docs = root / "docs.jsonl"
        docs.write_text("".join(json.dumps({"id": f"doc-{i}", "text": t}, ensure_ascii=False)
                                + "\n" for i, t in enumerate(texts)), encoding="utf-8")
        from reader.analysis import get_recogniser, recognise_texts

        started = time.perf_counter()
        name = get_recogniser(args.model).name
        load = time.perf_counter() - started
        started = time.perf_counter()
        recognise_texts(texts, model=args.model)
        inproc = time.perf_counter() - started
        runs = {}
        for jobs in (1, 2):
            runs[jobs] = _annotate(reader, docs, root / f"out{jobs}.jsonl", jobs, args.model,
                                   env)
        same = (root / "out1.jsonl").read_bytes() == (root / "out2.jsonl").read_bytes()
    load_after = os.getloadavg()
    print(f"recogniser: {name}   documents: {args.docs:,}   chars: {chars:,}   "
          f"cores: {os.cpu_count()}")
    print(f"load average before: {load_before[0]:.2f}  after: {load_after[0]:.2f}")
    print(f"{'run':34} {'s':>7} {'docs/s':>8} {'chars/s':>11} {'ratio':>6} {'RSS/worker':>11}")
    print(f"{'in-process recognise_texts':34} {inproc:7.2f} {args.docs / inproc:8,.0f} "
          f"{chars / inproc:11,.0f} {1.0:6.2f} {'':>11}")
    base = args.docs / inproc
    for jobs, (seconds, rss, _summary) in runs.items():
        ratio = (args.docs / seconds) / base
        print(f"{f'reader annotate -j{jobs} (end to end)':34} {seconds:7.2f} "
              f"{args.docs / seconds:8,.0f} {chars / seconds:11,.0f} {ratio:6.2f} "
              f"{f'{rss} MB':>11}")
    j1, j2 = runs[1][0], runs[2][0]
    print(f"in-process load (not in the in-process time): {load:.2f} s")
    print(f"-j1 / in-process: {inproc / j1:.2f} (goal >= 0.85)   "
          f"-j2 / -j1: {j1 / j2:.2f} (goal >= 1.6)   -j1 and -j2 outputs equal: {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
