"""How fast the reader app shows an article, its highlights, and answers keys.

Runs the real command (``reader FILE``) in a pseudo-terminal of 140x40, from process launch:

- *text*: until the article's first words arrive on the terminal;
- *highlights*: until the analysis result is drawn (the status line's entity count, drawn
  in the same refresh as the highlights, arrives on the terminal);
- *key*: from writing a key to the terminal until the redraw is complete (the output
  goes quiet for 15 ms; those 15 ms are not counted), median and worst of several presses
  of ``n`` (next entity: moves the selection, redraws the panel) and ``j`` (scroll).

Files: the seed article, and a generated ~2 MB file (the seed's body repeated as many
articles with numbered headings). Each is run cold (empty analysis and glossary caches)
and warm (second run). The glossary talks to the local test server (tests/wiki_server.py),
never the internet.

    .venv/bin/python bench/app_startup.py [--runs N] [--keys N]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

from support import ROOT, SEED, test_module

READER = ROOT / ".venv" / "bin" / "reader"
COLUMNS, ROWS = 140, 40
QUIET = 0.015


def make_big(path: Path, size: int = 2_000_000) -> Path:
    """A ~2 MB text made of the seed's body as numbered articles."""
    body = SEED.read_text(encoding="utf-8").split("\n", 1)[1].strip()
    parts: list[str] = []
    total = 0
    number = 0
    while total < size:
        number += 1
        part = f"Artikel {number}: Sicherheitsgarantien\n\n{body}\n\n"
        parts.append(part)
        total += len(part.encode("utf-8"))
    path.write_text("".join(parts), encoding="utf-8")
    return path


class Terminal:
    """A child process on a pseudo-terminal, with its output collected."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.started = time.time()
        pid, fd = pty.fork()
        if pid == 0:  # child
            os.execve(argv[0], argv, env)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self.output = bytearray()

    def read(self, timeout: float) -> bool:
        """Read what is there within ``timeout``; False if nothing came."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            return False
        self.output.extend(data)
        return bool(data)

    def wait_for(self, needle: bytes, limit: float) -> float | None:
        """Seconds from launch until ``needle`` is in the output (None: not within limit)."""
        deadline = time.time() + limit
        while time.time() < deadline:
            if needle in self.output:
                return time.time() - self.started
            self.read(0.005)
        return None

    def drain(self) -> None:
        """Read until the output is quiet."""
        while self.read(QUIET):
            pass

    def key(self, data: bytes) -> float:
        """Seconds from writing ``data`` until its redraw is complete."""
        self.drain()
        began = time.perf_counter()
        os.write(self.fd, data)
        last = None
        while True:
            if self.read(QUIET):
                last = time.perf_counter()
            elif last is not None or time.perf_counter() - began > 2:
                break
        return (last or time.perf_counter()) - began

    def close(self) -> None:
        """Quit the app (q), then make sure the process is gone."""
        with_timeout = time.time() + 3
        try:
            os.write(self.fd, b"q")
            while time.time() < with_timeout:
                pid, _ = os.waitpid(self.pid, os.WNOHANG)
                if pid:
                    break
                self.read(0.02)
            else:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        finally:
            os.close(self.fd)


def run_once(file: Path, needle: str, env: dict[str, str], keys: int,
             limit: float) -> dict[str, float | None]:
    """One launch: times to text and highlights, and key redraw times."""
    term = Terminal([str(READER), str(file)], env)
    result: dict[str, float | None] = {}
    try:
        result["text"] = term.wait_for(needle.encode("utf-8"), limit)
        result["highlights"] = term.wait_for(b" entities", limit)
        for name, data in (("n", b"n"), ("j", b"j")):
            times = [term.key(data) for _ in range(keys)]
            result[f"key {name} median"] = statistics.median(times)
            result[f"key {name} max"] = max(times)
    finally:
        term.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="launches per case (best kept)")
    parser.add_argument("--keys", type=int, default=15, help="presses per key")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds to wait")
    args = parser.parse_args()
    WikiServer = test_module("wiki_server").WikiServer

    rows: list[tuple[str, str, dict[str, float | None]]] = []
    with tempfile.TemporaryDirectory() as tmp, WikiServer() as server:
        home = Path(tmp)
        big = make_big(home / "big.txt")
        env = {k: v for k, v in os.environ.items() if not k.startswith("READER_")}
        env.update({
            "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(ROWS),
            "XDG_CACHE_HOME": str(home / "cache"), "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"), "READER_API_URL": server.api_url,
            "READER_FALLBACK_LANG": "",
        })
        cases = [("seed (5 kB)", SEED, "Koalition der Willigen"),
                 (f"generated ({big.stat().st_size / 1e6:.1f} MB)", big, "Artikel 1:")]
        for label, file, needle in cases:
            for state in ("cold", "warm"):
                best: dict[str, float | None] = {}
                for _ in range(args.runs):
                    result = run_once(file, needle, env, args.keys, args.limit)
                    for key, value in result.items():
                        old = best.get(key)
                        best[key] = value if old is None or (value is not None and
                                                             value < old) else old
                rows.append((label, state, best))

    def ms(value: float | None) -> str:
        return "—" if value is None else f"{value * 1000:.0f} ms"

    columns = ["text", "highlights", "key n median", "key n max", "key j median", "key j max"]
    print(f"| file | caches | {' | '.join(columns)} |")
    print("|---|---|" + "---|" * len(columns))
    for label, state, result in rows:
        print(f"| {label} | {state} | {' | '.join(ms(result.get(c)) for c in columns)} |")
    print(f"\nterminal {COLUMNS}x{ROWS}; times from process launch; key times exclude "
          f"{QUIET * 1000:.0f} ms of quiet; — = did not happen within {args.limit:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
