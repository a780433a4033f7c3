"""A child process on a pseudo-terminal for the app benchmark: output collected, keys
timed until the redraw is complete, resident memory read from ``/proc``."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from pathlib import Path

QUIET = 0.015


class Terminal:
    """A child process on a pseudo-terminal of ``columns`` x ``rows``."""

    def __init__(self, argv: list[str], env: dict[str, str], columns: int, rows: int) -> None:
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # child
            os.execve(argv[0], argv, env)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
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
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            if needle in self.output:
                return time.perf_counter() - self.started
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

    def rss(self) -> float:
        """The process's resident memory in MB (VmRSS)."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def close(self) -> None:
        """Quit the app (q), then make sure the process is gone."""
        deadline = time.time() + 3
        try:
            os.write(self.fd, b"q")
            while time.time() < deadline:
                pid, _ = os.waitpid(self.pid, os.WNOHANG)
                if pid:
                    break
                self.read(0.02)
            else:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        finally:
            os.close(self.fd)
