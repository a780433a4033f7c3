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


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_run_resumes_to_the_same_output(tmp_path: Path) -> None:
    docs = _corpus(tmp_path / "docs.jsonl", 1500)
    reference = tmp_path / "reference.jsonl"
    assert main(["annotate", str(docs), "-o", str(reference), "-j1", "-q"]) == 0
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "reader", "annotate", str(docs), "-o",
                             str(out), "-j1", "-q"], stdin=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while (not out.exists() or out.stat().st_size == 0) and proc.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read() if proc.stderr else ""
    killed = out.read_bytes()
    whole = killed[:killed.rfind(b"\n") + 1]
    assert 0 < whole.count(b"\n") < 1500  # stopped in the middle
    assert reference.read_bytes().startswith(whole)
    # The worst moment: killed in the middle of writing a line.
    out.write_bytes(whole + reference.read_bytes()[len(whole):][:40])
    assert main(["annotate", str(docs), "-o", str(out), "-j1", "-q"]) == 0
    assert out.read_bytes() == reference.read_bytes()
    ids = [json.loads(line)["id"] for line in out.read_bytes().splitlines()]
    assert len(ids) == len(set(ids)) == 1500
