"""Progressive recognition in a child process (``python -m reader.analysis.process``).

The app recognises a text it has not seen before here, not in its own process: spaCy and
the recogniser's data (over 100 MB) are loaded by the child and freed when it exits, and
the recogniser runs on another core instead of holding the app's interpreter lock.

Protocol: the parent writes one line of JSON (model, cache directory, patterns, hidden
names, the range to recognise first) and then the text (UTF-8) to the child's standard
input; the child writes one line of JSON per :class:`reader.analysis.progressive.Progress`
(``done``, ``total`` and the analysis as :func:`reader.analysis.cache.to_json` gives it),
or ``{"error": message}`` for a :class:`reader.errors.ReaderError`, and exits.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Generator, Iterable
from pathlib import Path

from reader.analysis.cache import from_json, to_json
from reader.analysis.progressive import Progress, analyse_progressively
from reader.analysis.recognisers import Pattern
from reader.errors import ReaderError

#: Children still running (stopped by :func:`stop_all` when the app closes).
_RUNNING: set[subprocess.Popen[bytes]] = set()


def stop_all() -> None:
    """Stop every child still recognising (the app is closing)."""
    for child in list(_RUNNING):
        if child.poll() is None:
            child.kill()


def analyse_in_process(text: str, *, model: str = "", cache_dir: Path,
                       extra_patterns: Iterable[Pattern] | None = None,
                       first: tuple[int, int] = (0, 0),
                       every: float = 1.0) -> Generator[Progress, None, None]:
    """:func:`analyse_progressively` run by a child process; closing the iterator early
    stops the child. Raises :class:`ReaderError` with the child's message if it fails."""
    header = {"model": model, "cache_dir": str(cache_dir), "first": list(first),
              "patterns": [dict(p) for p in extra_patterns or ()], "every": every}
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(
            [sys.executable, "-m", "reader.analysis.process"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=errors)
        assert child.stdin is not None and child.stdout is not None
        _RUNNING.add(child)
        try:
            try:
                child.stdin.write(json.dumps(header).encode("utf-8") + b"\n")
                child.stdin.write(text.encode("utf-8", "surrogatepass"))
                child.stdin.close()
            except BrokenPipeError:
                pass  # the child died: its exit status tells why
            for line in child.stdout:
                data = json.loads(line)
                if "error" in data:
                    raise ReaderError(str(data["error"]))
                yield Progress(from_json(data["analysis"]), int(data["done"]),
                               int(data["total"]))
            if child.wait() != 0:
                errors.seek(0)
                lines = errors.read().decode("utf-8", "replace").strip().splitlines()
                reason = lines[-1] if lines else f"exit status {child.returncode}"
                raise ReaderError(f"the recogniser stopped ({reason})")
        finally:
            _RUNNING.discard(child)
            if child.poll() is None:
                child.kill()
                child.wait()
            child.stdout.close()


def main() -> int:
    """The child: read the header and the text, write the progress as JSON lines."""
    header = json.loads(sys.stdin.buffer.readline())
    text = sys.stdin.buffer.read().decode("utf-8", "surrogatepass")
    out = sys.stdout.buffer
    start, end = header["first"]
    try:
        for progress in analyse_progressively(
                text, model=str(header["model"]), cache_dir=Path(header["cache_dir"]),
                extra_patterns=header["patterns"], first=(int(start), int(end)),
                every=float(header["every"])):
            out.write(json.dumps({"done": progress.done, "total": progress.total,
                                  "analysis": to_json(progress.analysis)}).encode() + b"\n")
            out.flush()
    except ReaderError as exc:
        out.write(json.dumps({"error": str(exc)}).encode() + b"\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
