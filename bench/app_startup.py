"""How fast the reader app shows an article and its highlights, answers keys, and how much
memory it holds, as ratios to a bare Textual app measured in the same run.

Start-up is judged as ``../shared/bench/ttfp.sh`` judges it: the command is launched in a
fresh tmux pane (120x40) and the screen is polled until a marker is on it. The floor
(``../shared/bench/floor_app.py`` on the seed, run with the same venv python) is launched
before every reader launch, so both see the same machine load; the table gives medians and
ratios to the floor's median first paint.

- *first paint*: until "Koalition der Willigen" (the seed's first words) is on the screen;
  the seed with an empty and with a warm cache, and generated 2 MB and 10 MB texts (the
  seed, then its body as numbered articles);
- *highlights*: until a word of the article is drawn in a label's colours (the legend's
  colours: any theme); on the seed with a warm analysis cache (reopen), and on the 2 MB
  text with empty caches (the visible screen's highlights on a first open, in seconds);
- *keys* and *memory*: the 2 MB text in a pseudo-terminal (160x40: room for the status
  line's entity count), empty caches; once the status line shows the final entity count
  (a long text's provisional counts come with "recognising N%"), the resident memory
  (VmRSS of the reader and its child processes) is read, then each key is pressed and
  timed from writing it until the redraw is complete (the output goes quiet for 15 ms,
  not counted).

The glossary talks to the local test server (tests/wiki_server.py), never the internet.
Run it on an otherwise idle machine:

    .venv/bin/python bench/app_startup.py [--runs N] [--key-runs N] [--presses N]
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from app_terminal import Terminal
from support import ROOT, SEED, test_module

READER = ROOT / ".venv" / "bin" / "reader"
PYTHON = ROOT / ".venv" / "bin" / "python"
FLOOR = ROOT.parent / "shared" / "bench" / "floor_app.py"
MARKER = "Koalition der Willigen"
WIDTH, HEIGHT = 120, 40
KEYS = {"n": b"n", "j": b"j", "space": b" ", "G/g": b"G"}

Screen = Callable[[str], bool]


def make_text(path: Path, size: int) -> Path:
    """A text of about ``size`` bytes: the seed, then its body as numbered articles."""
    seed = SEED.read_text(encoding="utf-8")
    body = seed.split("\n", 1)[1].strip()
    parts = [seed.rstrip() + "\n\n"]
    total = len(parts[0].encode("utf-8"))
    number = 0
    while total < size:
        number += 1
        part = f"Artikel {number}: Sicherheitsgarantien\n\n{body}\n\n"
        parts.append(part)
        total += len(part.encode("utf-8"))
    path.write_text("".join(parts), encoding="utf-8")
    return path


# -- reading the screen (tmux capture-pane -e) -------------------------------------------
SGR = re.compile(r"\x1b\[([0-9;]*)m")
LEGEND = ("person", "organisation", "place", "other")


def styled_cells(line: str) -> list[tuple[str, str, str]]:
    """The characters of one captured line with their (foreground, background)."""
    fg = bg = ""
    cells: list[tuple[str, str, str]] = []
    position = 0
    for match in SGR.finditer(line + "\x1b[m"):
        cells += [(char, fg, bg) for char in line[position:match.start()]]
        position = match.end()
        codes = match.group(1).split(";") if match.group(1) else ["0"]
        index = 0
        while index < len(codes):
            code = codes[index]
            if code in ("38", "48"):
                width = 3 if codes[index + 1:index + 2] == ["5"] else 5
                value = ";".join(codes[index:index + width])
                fg, bg = (value, bg) if code == "38" else (fg, value)
                index += width
                continue
            if code == "0":
                fg = bg = ""
            elif code == "39" or code.startswith("3") or code.startswith("9"):
                fg = code
            elif code == "49" or code.startswith("4") or code.startswith("10"):
                bg = code
            index += 1
    return cells


def plain(screen: str) -> str:
    """The screen's text without its escapes."""
    return SGR.sub("", screen)


def highlighted(screen: str) -> bool:
    """Whether a word above the status bar has the colours of a label of the legend."""
    lines = screen.split("\n")
    rows = [row for row, line in enumerate(lines)
            if all(f" {word} " in plain(line) for word in LEGEND)]
    if not rows:
        return False
    row = rows[0]
    cells = styled_cells(lines[row])
    text = "".join(char for char, _, _ in cells)
    colours = set()
    for word in LEGEND:
        start = text.index(f" {word} ") + 1
        colours.add(cells[start][1:])
    return any(char.isalpha() and (fg, bg) in colours
               for line in lines[:row] for char, fg, bg in styled_cells(line))


def painted(screen: str) -> bool:
    """Whether the article's first words are on the screen."""
    return MARKER in plain(screen)


class Tmux:
    """A private tmux server; each launch gets a fresh pane of 120x40."""

    def __init__(self) -> None:
        self.socket = f"app-startup-{time.time_ns()}"
        self.count = 0
        self._tmux("new-session", "-d", "-s", "keep", "-x", str(WIDTH), "-y", str(HEIGHT),
                   "sleep 100000")

    def _tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, check=False).stdout

    def launch(self, argv: list[str], env: dict[str, str], waits: list[Screen],
               limit: float) -> list[float | None]:
        """Seconds from launch until each of ``waits`` holds for the screen (in order)."""
        self.count += 1
        name = f"run{self.count}"
        command = shlex.join(["env", *(f"{k}={v}" for k, v in env.items()), *argv])
        started = time.perf_counter()
        self._tmux("new-session", "-d", "-s", name, "-x", str(WIDTH), "-y", str(HEIGHT),
                   f"{command}; sleep 60")
        times: list[float | None] = []
        try:
            for wait in waits:
                times.append(self._until(name, wait, started + limit, started))
        finally:
            self._tmux("kill-session", "-t", name)
        return times

    def _until(self, name: str, wait: Screen, deadline: float, started: float) -> float | None:
        while True:
            now = time.perf_counter()
            if wait(self._tmux("capture-pane", "-p", "-e", "-t", name)):
                return now - started
            if now > deadline:
                return None
            time.sleep(0.003)

    def close(self) -> None:
        """Stop the private server."""
        self._tmux("kill-server")


class Bench:
    """The launches of one benchmark run and their samples, by measure."""

    def __init__(self, tmux: Tmux, env: dict[str, str], home: Path, limit: float) -> None:
        self.tmux, self.env, self.home, self.limit = tmux, env, home, limit
        self.samples: dict[str, list[float | None]] = {}
        self.cold = 0

    def add(self, measure: str, value: float | None) -> None:
        """One sample of ``measure`` (None: did not happen within the limit)."""
        self.samples.setdefault(measure, []).append(value)

    def cache(self, warm: bool) -> dict[str, str]:
        """The environment's cache: the shared warm one, or a new empty one."""
        if warm:
            return {"XDG_CACHE_HOME": str(self.home / "warm-cache")}
        self.cold += 1
        return {"XDG_CACHE_HOME": str(self.home / f"cold-cache-{self.cold}")}

    def reader(self, file: Path, waits: list[Screen], warm: bool) -> list[float | None]:
        """Launch ``reader FILE`` after a launch of the floor (one floor sample)."""
        floor = self.tmux.launch([str(PYTHON), str(FLOOR), str(SEED)], self.env, [painted],
                                 self.limit)
        self.add("floor", floor[0])
        return self.tmux.launch([str(READER), str(file)], {**self.env, **self.cache(warm)},
                                waits, self.limit)

    def round(self, big: Path, huge: Path) -> None:
        """One launch of every start-up case, each after a floor launch."""
        self.add("paint seed cold", self.reader(SEED, [painted], warm=False)[0])
        paint, lights = self.reader(SEED, [painted, highlighted], warm=True)
        self.add("paint seed warm", paint)
        self.add("reopen highlights seed", lights)
        paint, lights = self.reader(big, [painted, highlighted], warm=False)
        self.add("paint 2 MB", paint)
        self.add("first highlights 2 MB", lights)
        self.add("paint 10 MB", self.reader(huge, [painted], warm=False)[0])

    def keys(self, big: Path, presses: int) -> None:
        """The 2 MB text in a pseudo-terminal: memory once analysed, then timed keys."""
        env = {**os.environ, **self.env, **self.cache(warm=False)}
        term = Terminal([str(READER), str(big)], env, 160, HEIGHT)
        try:
            self.add("all highlights 2 MB", final_highlights(term, self.limit))
            self.add("rss 2 MB", term.rss())
            for name, data in KEYS.items():
                for press in range(presses):
                    sent = b"g" if data == b"G" and press % 2 else data
                    value = term.key(sent)
                    self.add(f"key {name}", value)
                    self.add("key", value)
        finally:
            term.close()


def final_highlights(term: Terminal, limit: float) -> float | None:
    """Seconds from launch until the status line shows the final entity count: a long text
    shows provisional counts with "recognising N%" first; the final one is the count drawn
    after the last progress, with no progress for 1.5 s after it."""
    deadline = time.perf_counter() + limit
    when: float | None = None
    while time.perf_counter() < deadline:
        busy = term.output.rfind(b"recognising")
        count = term.output.rfind(b" entities")
        if count > busy and when is None:
            when = time.perf_counter()
        elif busy > count:
            when = None
        if when is not None and time.perf_counter() - when > 1.5:
            return when - term.started
        term.read(0.02)
    return None


def median(values: list[float | None]) -> float | None:
    """The median of the values that happened (None if none did)."""
    real = [value for value in values if value is not None]
    return statistics.median(real) if real else None


def percentile(values: list[float | None], share: float) -> float | None:
    """The value below which ``share`` of the (real) values lie (nearest rank)."""
    real = sorted(value for value in values if value is not None)
    if not real:
        return None
    return real[min(len(real) - 1, max(0, round(share * len(real) + 0.5) - 1))]


#: (label, measure, statistic, unit, goal): ratio rows compare with the floor's median.
ROWS = [
    ("first paint, seed, empty cache", "paint seed cold", "median", "ratio", 1.3),
    ("first paint, seed, warm cache", "paint seed warm", "median", "ratio", 1.3),
    ("first paint, 2 MB", "paint 2 MB", "median", "ratio", 1.3),
    ("first paint, 10 MB", "paint 10 MB", "median", "ratio", 1.5),
    ("highlights on reopen, seed", "reopen highlights seed", "median", "ratio", 1.3),
    ("first-open highlights of the screen, 2 MB", "first highlights 2 MB", "median", "s", 1.5),
    ("all highlights, 2 MB, empty cache (160x40 pty)", "all highlights 2 MB", "median", "s",
     None),
    ("key → redraw, 2 MB, all keys", "key", "median", "ms", 16),
    ("key → redraw, 2 MB, all keys", "key", "p99", "ms", 50),
    *((f"key → redraw, 2 MB, {name}", f"key {name}", "median", "ms", None) for name in KEYS),
    ("resident memory, 2 MB open and analysed (with children)", "rss 2 MB", "median", "MB",
     150),
]


def table(samples: dict[str, list[float | None]]) -> list[str]:
    """The result table (Markdown)."""
    floor = median(samples.get("floor", []))
    lines = ["| measure | value | ratio to floor | goal | met |", "|---|---|---|---|---|",
             f"| floor first paint (floor_app.py, seed) | {fmt(floor, 's')} | 1.00 | | |"]
    for label, measure, statistic, unit, goal in ROWS:
        values = samples.get(measure, [])
        value = median(values) if statistic == "median" else percentile(values, 0.99)
        ratio = value / floor if value is not None and floor else None
        judged = ratio if unit == "ratio" else value if unit != "ms" or value is None \
            else value * 1000
        met = "" if goal is None else "—" if judged is None else \
            "met" if judged <= goal else "missed"
        shown = fmt(value, "s" if unit == "ratio" else unit)
        goal_text = "" if goal is None else f"≤ {goal}{'×' if unit == 'ratio' else ' ' + unit}"
        lines.append(f"| {label} ({statistic}, n={len(values)}) | {shown} | "
                     f"{'' if ratio is None or unit != 'ratio' else f'{ratio:.2f}'} | "
                     f"{goal_text} | {met} |")
    return lines


def fmt(value: float | None, unit: str) -> str:
    """A value with its unit ("—" when it did not happen)."""
    if value is None:
        return "—"
    if unit == "ms":
        return f"{value * 1000:.1f} ms"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.3f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="launches per start-up case")
    parser.add_argument("--key-runs", type=int, default=1, help="launches for keys/memory")
    parser.add_argument("--presses", type=int, default=20, help="presses per key and launch")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds to wait")
    args = parser.parse_args()
    for name in [name for name in os.environ if name.startswith("READER_")]:
        del os.environ[name]  # the tmux server and the pty inherit os.environ
    WikiServer = test_module("wiki_server").WikiServer
    tmux = Tmux()
    with tempfile.TemporaryDirectory() as tmp, WikiServer() as server:
        home = Path(tmp)
        big, huge = make_text(home / "big.txt", 2_000_000), make_text(home / "huge.txt",
                                                                      10_000_000)
        env = {"TERM": "xterm-256color", "XDG_DATA_HOME": str(home / "data"),
               "XDG_CONFIG_HOME": str(home / "config"), "READER_API_URL": server.api_url,
               "READER_FALLBACK_LANG": ""}
        bench = Bench(tmux, env, home, args.limit)
        try:
            bench.reader(SEED, [painted, highlighted], warm=True)  # fills the warm cache
            bench.samples.clear()
            for _ in range(args.runs):
                bench.round(big, huge)
            for _ in range(args.key_runs):
                bench.keys(big, args.presses)
        finally:
            tmux.close()
    print("\n".join(table(bench.samples)))
    print(f"\ntmux pane {WIDTH}x{HEIGHT}; times from launch; the floor launched before every "
          f"reader launch; key times exclude 15 ms of quiet; — = not within {args.limit:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
