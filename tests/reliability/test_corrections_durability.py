"""Corrections survive concurrent writers and a writer killed mid-write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from reader.corrections import CorrectionsStore

WRITER = """
import sys
from pathlib import Path
from reader.corrections import CorrectionsStore
store = CorrectionsStore(Path(sys.argv[1]))
prefix, count = sys.argv[2], int(sys.argv[3])
for i in range(count):
    with store.editing() as corrections:
        corrections.add_entity(f"{prefix} Name {i}", "PER")
        corrections.set_note(f"{prefix} Name {i}", "x" * 2000)
print("done", flush=True)
"""


def test_two_processes_lose_nothing(tmp_path: Path) -> None:
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), prefix, "40"])
        for prefix in ("Alpha", "Beta")
    ]
    for proc in procs:
        assert proc.wait(timeout=120) == 0
    corrections = CorrectionsStore(tmp_path).load()
    assert len(corrections.added) == 80
    assert len(corrections.notes) == 80


def test_sigkill_mid_write_leaves_a_usable_store(tmp_path: Path) -> None:
    store = CorrectionsStore(tmp_path)
    with store.editing() as corrections:
        corrections.add_entity("Vorher Gespeichert", "ORG")
    for delay in (0.05, 0.15, 0.3):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), "Kill", "100000"],
                                stdout=subprocess.DEVNULL)
        time.sleep(delay + 0.3)  # interpreter start-up, then some writes
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        loaded = store.load()  # parses: no half-written file is visible
        assert loaded.added["Vorher Gespeichert"] == "ORG"
        assert all(name in loaded.notes for name in loaded.added if name.startswith("Kill"))
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".") and
                 p.name != ".corrections.lock"]
    assert len(leftovers) <= 2  # the next writer removes the temporary files of killed ones
