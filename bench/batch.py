"""Corpus throughput of ``reader annotate`` against the in-process recogniser.

    .venv/bin/python bench/batch.py [--docs 10000] [--model NAME|PATH]

Generates DOCS news-like German documents from sentences written for this benchmark
(fictional events; names of public figures, places and organisations, and invented ones),
then measures, in one run:

- in-process: ``reader.analysis.recognise_texts`` over all texts (recogniser loaded first;
  the load time is printed separately), and ``reader.analysis.analyse_texts`` (the same
  recognition plus clustering into entities: the analysis ``reader annotate`` writes);
- ``reader annotate docs.jsonl -o out.jsonl -j1`` and ``-j2``: the installed command, end
  to end (process start, recogniser load, reading, analysis, writing), with empty caches.
  Its workers (one with ``-j1``) recognise; the command's own process reads, clusters and
  writes meanwhile, so ``-j1`` too keeps a second core partly busy.

Prints documents/s and characters/s, the ratios to in-process ``recognise_texts`` (goals:
``-j1`` at least 0.85 of in-process, ``-j2`` at least 1.6 times ``-j1`` on two cores), the
CPU seconds used (user + system, of every process of the run: less sensitive than the
wall time to other programs on the machine), the peak resident memory per worker (from the
command's summary) and the load average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
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


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _annotate(reader: Path, docs: Path, out: Path, jobs: int, model: str,
              env: dict[str, str]) -> tuple[float, float, int]:
    """(seconds, CPU seconds of all its processes, peak RSS per worker in MB) of one
    ``reader annotate`` run."""
    args = [str(reader), "annotate", str(docs), "-o", str(out), f"-j{jobs}"]
    if model:
        args += ["--model", model]
    started, cpu = time.perf_counter(), _children_cpu()
    result = subprocess.run(args, env=env, capture_output=True, text=True,
                            stdin=subprocess.DEVNULL, check=False)
    seconds, cpu = time.perf_counter() - started, _children_cpu() - cpu
    if result.returncode != 0:
        raise SystemExit(f"batch: reader annotate failed: {result.stderr.strip()}")
    summary = result.stderr.strip().splitlines()[-1]
    match = re.search(r"peak memory per worker ([\d,]+) MB", summary)
    return seconds, cpu, int(match.group(1).replace(",", "")) if match else 0


def _in_process(texts: list[str], model: str) -> tuple[str, float, list[tuple[float, float]]]:
    """(recogniser name, load seconds, [(seconds, CPU seconds)] of recognise_texts and
    analyse_texts) in this process."""
    from reader.analysis import analyse_texts, get_recogniser, recognise_texts

    started = time.perf_counter()
    name = get_recogniser(model).name
    load = time.perf_counter() - started
    timings = []
    for run in (recognise_texts, analyse_texts):
        started, cpu = time.perf_counter(), time.process_time()
        run(texts, model=model)
        timings.append((time.perf_counter() - started, time.process_time() - cpu))
    return name, load, timings


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000, help="documents (default 10000)")
    parser.add_argument("--model", default="", help="spaCy pipeline name or path, or embedded")
    args = parser.parse_args(argv)
    reader = Path(sys.executable).with_name("reader")
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="reader-batch-") as tmp:
        root = Path(tmp)
        env = {**os.environ, "XDG_CACHE_HOME": str(root / "cache"),
               "XDG_DATA_HOME": str(root / "data"), "XDG_CONFIG_HOME": str(root / "config")}
        docs = root / "docs.jsonl"
        docs.write_text("".join(json.dumps({"id": f"doc-{i}", "text": t}, ensure_ascii=False)
                                + "\n" for i, t in enumerate(documents(args.docs))),
                        encoding="utf-8")
        # The command first, while this process is small: a child's peak RSS starts at its
        # parent's size on Linux (it is kept across exec).
        runs = {jobs: _annotate(reader, docs, root / f"out{jobs}.jsonl", jobs, args.model,
                                env) for jobs in (1, 2)}
        same = (root / "out1.jsonl").read_bytes() == (root / "out2.jsonl").read_bytes()
        texts = [json.loads(line)["text"] for line in docs.read_text("utf-8").splitlines()]
    name, load, timings = _in_process(texts, args.model)
    load_after = os.getloadavg()
    chars = sum(len(t) for t in texts)
    print(f"recogniser: {name}   documents: {args.docs:,}   chars: {chars:,}   "
          f"cores: {os.cpu_count()}")
    print(f"load average before: {load_before[0]:.2f}  after: {load_after[0]:.2f}")
    print(f"{'run':34} {'s':>7} {'docs/s':>8} {'chars/s':>11} {'ratio':>6} {'CPU s':>7} "
          f"{'RSS/worker':>11}")
    rows = [("in-process recognise_texts", *timings[0], 0),
            ("in-process analyse_texts", *timings[1], 0)]
    rows += [(f"reader annotate -j{jobs} (end to end)", seconds, cpu, rss)
             for jobs, (seconds, cpu, rss) in runs.items()]
    inproc, analysis, j1, j2 = timings[0][0], timings[1][0], runs[1][0], runs[2][0]
    for label, seconds, cpu, rss in rows:
        print(f"{label:34} {seconds:7.2f} {args.docs / seconds:8,.0f} {chars / seconds:11,.0f} "
              f"{inproc / seconds:6.2f} {cpu:7.2f} {f'{rss} MB' if rss else '':>11}")
    print(f"in-process load (not in the in-process times): {load:.2f} s")
    print(f"-j1 / in-process analyse_texts: {analysis / j1:.2f}")
    print(f"-j1 / in-process: {inproc / j1:.2f} (goal >= 0.85)   "
          f"-j2 / -j1: {j1 / j2:.2f} (goal >= 1.6)   -j1 and -j2 outputs equal: {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
