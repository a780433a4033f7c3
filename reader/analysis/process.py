"""Progressive recognition in a child process (``python -m reader.analysis.process``).

The app recognises a long text (more than one piece, see
:data:`reader.analysis.chunking.MAX_CHUNK`) here, not in its own process: spaCy and the
recogniser's data (over 100 MB) are loaded by the child and freed when it exits, and the
recogniser runs on another core instead of holding the app's interpreter lock.

Protocol: the parent writes one line of JSON (model, cache directory, patterns) at once,
and the child loads the recogniser meanwhile; then one line of options (the range to
recognise first) and the text (UTF-8), and closes the child's standard input. The child
checks the analysis cache, then writes for each
:class:`reader.analysis.progressive.Progress` a line of JSON (``done``, ``total``, the
recogniser's name and the number of entities) and one line per entity (as
:func:`reader.analysis.cache.to_json` gives it), or ``{"error": message}`` for a
:class:`reader.errors.ReaderError`, and exits.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import tempfile
from collections.abc import Generator, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.analysis.cache import from_json, to_json
from reader.analysis.progressive import Progress
from reader.errors import ReaderError

if TYPE_CHECKING:
    from reader.analysis.recognisers import Pattern

#: Children still running (stopped by :func:`stop_all` when the app closes).
_RUNNING: set[subprocess.Popen[bytes]] = set()


def stop_all() -> None:
    """Stop every child still recognising (the app is closing)."""
    for child in list(_RUNNING):
        if child.poll() is None:
            child.kill()


class RecogniserProcess:
    """A child process that starts loading the recogniser at once (while the caller does
    other things, e.g. draws the first screen or finds the analysis in the cache), then
    recognises the text :meth:`analyse` sends it. :meth:`stop` ends it early."""

    def __init__(self, *, model: str = "", cache_dir: Path,
                 extra_patterns: Iterable[Pattern] | None = None) -> None:
        header = {"model": model, "cache_dir": str(cache_dir),
                  "patterns": [dict(p) for p in extra_patterns or ()]}
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed by stop()
        self.child = subprocess.Popen(
            [sys.executable, "-m", "reader.analysis.process"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=self._errors)
        _RUNNING.add(self.child)
        self._send(json.dumps(header).encode("utf-8") + b"\n", close=False)

    def _send(self, data: bytes, *, close: bool) -> None:
        stdin = self.child.stdin
        assert stdin is not None
        try:
            stdin.write(data)
            stdin.flush()
            if close:
                stdin.close()
        except BrokenPipeError:
            pass  # the child died: what it wrote or its exit status tells why

    def analyse(self, text: str, first: tuple[int, int] = (0, 0),
                every: float = 1.0) -> Generator[Progress, None, None]:
        """:func:`reader.analysis.progressive.analyse_progressively` of ``text`` in the
        child; closing the iterator early stops the child. Raises :class:`ReaderError`
        with the child's message if it fails."""
        child = self.child
        assert child.stdout is not None
        try:
            options = {"first": list(first), "every": every}
            self._send(json.dumps(options).encode("utf-8") + b"\n"
                       + text.encode("utf-8", "surrogatepass"), close=True)
            for line in child.stdout:
                data = json.loads(line)
                if "error" in data:
                    raise ReaderError(str(data["error"]))
                # One line per entity: no single parse holds the interpreter lock long.
                entities = [json.loads(child.stdout.readline())
                            for _ in range(int(data["entities"]))]
                analysis = from_json({"recogniser": data["recogniser"], "entities": entities})
                yield Progress(analysis, int(data["done"]), int(data["total"]))
            if child.wait() != 0:
                self._errors.seek(0)
                lines = self._errors.read().decode("utf-8", "replace").strip().splitlines()
                reason = lines[-1] if lines else f"exit status {child.returncode}"
                raise ReaderError(f"the recogniser stopped ({reason})")
        finally:
            self.stop()

    def stop(self) -> None:
        """End the child (if it still runs) and free what it used."""
        _RUNNING.discard(self.child)
        if self.child.poll() is None:
            self.child.kill()
            self.child.wait()
        for stream in (self.child.stdin, self.child.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        self._errors.close()


def main() -> int:
    """The child: read the header, load the recogniser, read the options and the text, and
    write the progress as JSON lines."""
    from reader.analysis.progressive import analyse_progressively
    from reader.analysis.recognisers import get_recogniser

    out = sys.stdout.buffer
    header = json.loads(sys.stdin.buffer.readline())
    try:
        get_recogniser(str(header["model"]), extra_patterns=header["patterns"])
        options = json.loads(sys.stdin.buffer.readline())
        text = sys.stdin.buffer.read().decode("utf-8", "surrogatepass")
        start, end = options["first"]
        for progress in analyse_progressively(
                text, model=str(header["model"]), cache_dir=Path(header["cache_dir"]),
                extra_patterns=header["patterns"], first=(int(start), int(end)),
                every=float(options["every"])):
            data = to_json(progress.analysis)
            lines = [{"done": progress.done, "total": progress.total,
                      "recogniser": data["recogniser"], "entities": len(data["entities"])},
                     *data["entities"]]
            out.write(b"".join(json.dumps(line).encode() + b"\n" for line in lines))
            out.flush()
    except ReaderError as exc:
        out.write(json.dumps({"error": str(exc)}).encode() + b"\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
