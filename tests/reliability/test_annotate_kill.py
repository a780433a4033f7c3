"""``reader annotate`` killed with SIGKILL resumes without torn or duplicated lines."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.cli import main

#: Written for this test, one sentence per line.
SENTENCES = """Angela Merkel besuchte am Montag Paris und sprach mit Emmanuel Macron.
In Berlin tagte der Vorstand der Deutschen Bahn mit Richard Lutz.
Kremlsprecher Dmitri Peskow sagte in Moskau, man wolle weiter reden.
Das Wetter in Hamburg blieb am Wochenende wechselhaft.""".splitlines()


def _corpus(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            text = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(1 + i % 3))
            handle.write(json.dumps({"id": f"doc-{i}", "text": text}) + "\n")
    return path


def _kill_after(docs: Path, out: Path, lines: int, jobs: int) -> bytes:
    """Run ``reader annotate`` in a process, SIGKILL it once ``out`` has ``lines`` lines
    (or at least some output); the whole lines it left."""
    proc = subprocess.Popen([sys.executable, "-m", "reader", "annotate", str(docs), "-o",
                             str(out), f"-j{jobs}", "-q"], stdin=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while proc.poll() is None:
        assert time.monotonic() < deadline
        if out.exists() and out.stat().st_size and (
                lines <= 1 or out.read_bytes().count(b"\n") >= lines):
            break
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read() if proc.stderr else ""
    killed = out.read_bytes()
    return killed[:killed.rfind(b"\n") + 1]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_run_resumes_to_the_same_output(tmp_path: Path) -> None:
    docs = _corpus(tmp_path / "docs.jsonl", 1500)
    reference = tmp_path / "reference.jsonl"
    assert main(["annotate", str(docs), "-o", str(reference), "-j1", "-q"]) == 0
    out = tmp_path / "out.jsonl"
    whole = _kill_after(docs, out, 1, 1)
    assert 0 < whole.count(b"\n") < 1500  # stopped in the middle
    assert reference.read_bytes().startswith(whole)
    # The worst moment: killed in the middle of writing a line.
    out.write_bytes(whole + reference.read_bytes()[len(whole):][:40])
    assert main(["annotate", str(docs), "-o", str(out), "-j1", "-q"]) == 0
    assert out.read_bytes() == reference.read_bytes()
    ids = [json.loads(line)["id"] for line in out.read_bytes().splitlines()]
    assert len(ids) == len(set(ids)) == 1500


@pytest.mark.soak
@pytest.mark.parametrize("jobs", [1, 2])
def test_killed_again_and_again(tmp_path: Path, jobs: int) -> None:
    docs = _corpus(tmp_path / "docs.jsonl", 6000)
    reference = tmp_path / "reference.jsonl"
    assert main(["annotate", str(docs), "-o", str(reference), "-j1", "-q"]) == 0
    out = tmp_path / "out.jsonl"
    for lines in (1, 700, 2100, 3500, 5000):
        whole = _kill_after(docs, out, lines, jobs)
        assert reference.read_bytes().startswith(whole)
    assert main(["annotate", str(docs), "-o", str(out), f"-j{jobs}", "-q"]) == 0
    assert out.read_bytes() == reference.read_bytes()
