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
        """Resident memory in MB (VmRSS) of the process and its children (a recogniser
        running in a child process is the reader's memory too)."""
        total = 0.0
        for pid in self._family(self.pid):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            total += sum(int(line.split()[1]) for line in status.splitlines()
                         if line.startswith("VmRSS:")) / 1024
        return total

    @staticmethod
    def _family(pid: int) -> list[int]:
        """``pid`` and its descendants."""
        found, todo = [], [pid]
        while todo:
            current = todo.pop()
            found.append(current)
            for task in Path(f"/proc/{current}/task").glob("*/children"):
                try:
                    todo += [int(child) for child in task.read_text().split()]
                except OSError:
                    continue
        return found

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
