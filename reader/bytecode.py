"""Compiled bytecode of reader's own modules, kept even where Python would not write it.

Python keeps a module's compiled bytecode in ``__pycache__`` when it first imports it,
unless ``PYTHONDONTWRITEBYTECODE`` is set or the directory is read-only; a wheel installed
by pip has it from the start. Without it, every start of the app compiles the sixty-odd
modules its first screen needs, again (about 45 ms on these machines, a fifth of the time
to the first frame). After the first frame, :func:`refresh_bytecode` writes what is missing
or out of date for the ``reader`` and ``glossary`` packages, as ``python -m compileall``
would; it reads the file headers only when everything is current. ``READER_NO_BYTECODE=1``
turns it off.
"""

from __future__ import annotations

import importlib.util
import os
import py_compile
from collections.abc import Iterable
from pathlib import Path

#: The environment variable that turns :func:`refresh_bytecode` off.
OPT_OUT = "READER_NO_BYTECODE"


def package_roots() -> list[Path]:
    """The directories of the ``reader`` and ``glossary`` packages."""
    import glossary
    import reader

    return [Path(package.__file__).parent for package in (reader, glossary)
            if package.__file__ is not None]


def is_current(source: Path) -> bool:
    """Whether the cached bytecode of ``source`` exists and matches it (the header's
    magic number, the source's modification time and size, as the import system checks)."""
    cached = Path(importlib.util.cache_from_source(str(source)))
    try:
        with cached.open("rb") as file:
            header = file.read(16)
        stat = source.stat()
    except OSError:
        return False
    if len(header) < 16 or header[:4] != importlib.util.MAGIC_NUMBER:
        return False
    if int.from_bytes(header[4:8], "little") != 0:  # hash-based: leave it as it is
        return True
    mtime = int.from_bytes(header[8:12], "little")
    size = int.from_bytes(header[12:16], "little")
    return mtime == (int(stat.st_mtime) & 0xFFFFFFFF) and size == (stat.st_size & 0xFFFFFFFF)


def refresh_bytecode(roots: Iterable[Path] | None = None) -> int:
    """Write the missing or stale bytecode of every module under ``roots`` (default: the
    ``reader`` and ``glossary`` packages) whose directory can be written; the number of
    modules written. Never raises: a module that cannot be compiled is left to the import
    system, which reports it where it matters."""
    if os.environ.get(OPT_OUT, "").strip() not in ("", "0"):
        return 0
    written = 0
    for root in package_roots() if roots is None else roots:
        if not os.access(root, os.W_OK):
            continue
        for source in sorted(root.rglob("*.py")):
            if is_current(source):
                continue
            try:
                py_compile.compile(str(source), doraise=True)
            except (py_compile.PyCompileError, OSError, ValueError):
                continue
            written += 1
    return written
