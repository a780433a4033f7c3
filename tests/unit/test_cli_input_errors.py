"""The installed ``reader`` command on bad input: exit code 2, one line on stderr, no traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.article import MAX_BYTES

READER = shutil.which("reader", path=str(Path(sys.executable).parent)) or "reader"


def run_reader(*args: str, stdin: bytes | None = b"") -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "TERM": "dumb"}
    return subprocess.run(
        [READER, *args], input=stdin, capture_output=True, timeout=60, env=env, check=False
    )


def assert_one_line_error(result: subprocess.CompletedProcess[bytes], fragment: str) -> None:
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("reader: error:")
    assert fragment in lines[0]


def make_bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    cases: dict[str, tuple[Path, str]] = {}
    cases["missing"] = (tmp_path / "nope.txt", "no such file")
    (tmp_path / "adir").mkdir()
    cases["directory"] = (tmp_path / "adir", "directory")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    cases["empty"] = (empty, "empty")
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"hello\x00world" * 10)
    cases["nul"] = (nul, "NUL")
    png = tmp_path / "image.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    cases["image"] = (png, "PNG image")
    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        out.truncate(MAX_BYTES + 10)
    cases["too-large"] = (big, "limit")
    if Path("/proc/self/mem").exists():  # a file that exists but cannot be read, even by root
        cases["unreadable-special"] = (Path("/proc/self/mem"), "cannot read")
    if os.geteuid() != 0:  # root can read anything
        locked = tmp_path / "locked.txt"
        locked.write_text("geheim")
        locked.chmod(0)
        cases["unreadable"] = (locked, "permission denied")
    return cases


@pytest.mark.parametrize(
    "case", ["missing", "directory", "empty", "nul", "image", "too-large", "unreadable",
             "unreadable-special"]
)
@pytest.mark.parametrize("command", [(), ("entities",)])
def test_bad_input(tmp_path: Path, case: str, command: tuple[str, ...]) -> None:
    cases = make_bad_inputs(tmp_path)
    if case not in cases:
        pytest.skip("running as root: every file is readable")
    if command and command[0] not in _commands():
        pytest.skip(f"'{command[0]}' is not available yet")
    path, fragment = cases[case]
    assert_one_line_error(run_reader(*command, str(path)), fragment)


def _commands() -> tuple[str, ...]:
    from reader.commands import COMMANDS

    return COMMANDS


def test_unreadable_file_via_fifo_directory_error(tmp_path: Path) -> None:
    """An unreadable file, checked even as root: a path through a regular file."""
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    assert_one_line_error(run_reader(str(plain / "child.txt")), str(plain / "child.txt"))


def test_stdin_empty() -> None:
    assert_one_line_error(run_reader("-", stdin=b""), "empty")


def test_stdin_binary() -> None:
    assert_one_line_error(run_reader("-", stdin=b"\x7fELF\x02\x01\x01\x00" * 8), "ELF")


def test_unknown_option_is_one_line() -> None:
    result = run_reader("--frobnicate")
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert len(stderr.strip().splitlines()) == 1
    assert "Traceback" not in stderr


def test_help_lists_subcommands() -> None:
    result = run_reader("--help")
    out = result.stdout.decode()
    assert result.returncode == 0
    for name in _commands():
        assert name in out


def test_version() -> None:
    result = run_reader("--version")
    assert result.returncode == 0
    assert result.stdout.decode().startswith("reader ")


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--version"], capture_output=True, check=False
    )
    assert result.returncode == 0
    assert b"reader" in result.stdout


def test_open_refuses_without_terminal(seed_path: Path) -> None:
    """Piping the viewer's output nowhere useful gives a clear message, not garbage."""
    result = run_reader(str(seed_path))
    assert_one_line_error(result, "not a terminal")
