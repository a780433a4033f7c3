"""Issue 17: quitting waited for an HTTP request in flight (``q`` took 8.5-15.6 s under slow
answers). The real ``reader`` runs on a pseudo-terminal against the local test wiki, whose
second request hangs for 20 s: ``q`` must end the process promptly (the bound, 3 s, is a
correctness check, not a benchmark), and what the first answer brought is in the cache."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import threading
import time
from pathlib import Path
from typing import Any

from app_support import SEED

from glossary.cache import GlossaryCache

READER = str(Path(sys.executable).parent / "reader")
HANG = 20.0  # seconds the server keeps a request waiting


def _drain(fd: int, stop: threading.Event) -> None:
    """Read the app's output so that it never blocks on a full terminal."""
    while not stop.is_set():
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                if not os.read(fd, 65536):
                    return
            except OSError:
                return


def _exited_within(pid: int, seconds: float) -> float | None:
    """Seconds until ``pid`` exited, or None if it is still running after ``seconds``."""
    began = time.monotonic()
    while time.monotonic() - began < seconds:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            return time.monotonic() - began
        time.sleep(0.02)
    return None


def test_quit_does_not_wait_for_a_request_in_flight(isolated_dirs: Path,
                                                    wiki_server: Any) -> None:
    wiki_server.set_fault("hang", delay=HANG, after=1)  # the first request is answered
    env = {**os.environ, "READER_API_URL": wiki_server.api_url, "READER_FALLBACK_LANG": "",
           "READER_MODEL": "embedded", "READER_TIMEOUT": str(HANG + 10),
           "TERM": "xterm-256color"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app as a user starts it
        os.execve(READER, [READER, str(SEED)], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 140, 0, 0))
    stop = threading.Event()
    threading.Thread(target=_drain, args=(fd, stop), daemon=True).start()
    try:
        deadline = time.monotonic() + 60
        while len(wiki_server.requests) < 2:  # the second request is now hanging
            assert time.monotonic() < deadline, "the app sent no second request"
            time.sleep(0.02)
        time.sleep(0.2)
        os.write(fd, b"q")
        took = _exited_within(pid, 3.0)
        assert took is not None, "q did not end the app within 3 s"
    finally:
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        stop.set()
        os.close(fd)
    cache = GlossaryCache(isolated_dirs / "cache" / "reader" / "glossary.sqlite3")
    try:
        assert cache.recovered is None
        assert cache.stats()["queries"] >= 3  # what the first answer settled was kept
    finally:
        cache.close()
