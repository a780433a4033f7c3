"""Progressive recognition in a child process (``python -m reader.analysis.process``).

The app recognises a long text (more than one piece, see
:data:`reader.analysis.chunking.MAX_CHUNK`) here, not in its own process: spaCy and the
recogniser's data (over 100 MB) are loaded by the child and freed when it exits, and the
recogniser runs on another core instead of holding the app's interpreter lock.

Protocol: the parent writes one line of JSON (model, cache directory, patterns) at once,
and the child loads the recogniser meanwhile; then one line of options (the range to
recognise first, the text's length) and the text (UTF-8); later lines name a range to
recognise next (the reader scrolled there: :meth:`RecogniserProcess.refocus`). The child
checks the analysis cache, then writes for each
:class:`reader.analysis.progressive.Progress` a line of JSON (``done``, ``total``, the
recogniser's name and the number of entities) and one line per entity (as
:func:`reader.analysis.cache.to_json` gives it), or ``{"error": message}`` for a
:class:`reader.errors.ReaderError`, and exits.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
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
            data = text.encode("utf-8", "surrogatepass")
            options = {"first": list(first), "every": every, "length": len(data)}
            self._send(json.dumps(options).encode("utf-8") + b"\n" + data, close=False)
            del data
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

    def refocus(self, start: int, end: int) -> None:
        """Recognise the pieces holding ``[start, end]`` next (the reader went there)."""
        if self.child.poll() is None:
            with contextlib.suppress(OSError, ValueError):  # gone or closed meanwhile
                self._send(json.dumps({"first": [start, end]}).encode("utf-8") + b"\n",
                           close=False)

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


class _Input:
    """The child's standard input, unbuffered: lines, a number of bytes, and the ranges to
    recognise next that arrive later (looked for without waiting)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""
        self.closed = False

    def _fill(self) -> bool:
        chunk = os.read(self.fd, 1 << 16)
        self.closed = not chunk
        self.buffer += chunk
        return bool(chunk)

    def line(self) -> bytes:
        """The next line (without its newline)."""
        while b"\n" not in self.buffer and self._fill():
            pass
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line

    def exactly(self, size: int) -> bytes:
        """The next ``size`` bytes (fewer if the input ends)."""
        parts, have = [self.buffer], len(self.buffer)
        while have < size:
            chunk = os.read(self.fd, min(1 << 20, size - have))
            if not chunk:
                break
            parts.append(chunk)
            have += len(chunk)
        data = b"".join(parts)
        self.buffer = data[size:]
        return data[:size]

    def focus(self) -> tuple[int, int] | None:
        """The last range to recognise next that the parent sent (None: none since)."""
        while not self.closed and select.select([self.fd], [], [], 0)[0]:
            self._fill()
        if b"\n" not in self.buffer:
            return None
        *lines, self.buffer = self.buffer.split(b"\n")
        start, end = json.loads(lines[-1])["first"]
        return int(start), int(end)


def main() -> int:
    """The child: read the header, load the recogniser, read the options and the text, and
    write the progress as JSON lines."""
    from reader.analysis.progressive import analyse_progressively
    from reader.analysis.recognisers import get_recogniser

    out = sys.stdout.buffer
    given = _Input(sys.stdin.fileno())
    header = json.loads(given.line())
    try:
        get_recogniser(str(header["model"]), extra_patterns=header["patterns"])
        options = json.loads(given.line())
        text = given.exactly(int(options["length"])).decode("utf-8", "surrogatepass")
        start, end = options["first"]
        for progress in analyse_progressively(
                text, model=str(header["model"]), cache_dir=Path(header["cache_dir"]),
                extra_patterns=header["patterns"], first=(int(start), int(end)),
                every=float(options["every"]), focus=given.focus):
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
