"""Change one top-level setting in ``config.toml`` and keep everything else as written.

Used to keep the theme the reader chose in the app. Comments, other settings and tables
(``[keymap]``) stay as they are; the file is written atomically, and only if the result
still reads as TOML.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

from reader.atomic import write_text
from reader.errors import ReaderError

_TABLE = re.compile(r"^\s*\[")


def with_setting(text: str, key: str, value: str) -> str:
    """``text`` (TOML) with the top-level ``key`` set to the string ``value``."""
    line = f"{key} = {json.dumps(value, ensure_ascii=False)}"
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    lines = text.splitlines()
    first_table = next((n for n, row in enumerate(lines) if _TABLE.match(row)), len(lines))
    for number, row in enumerate(lines[:first_table]):
        if pattern.match(row):
            lines[number] = line
            break
    else:
        lines.insert(first_table, line)
        if first_table < len(lines) - 1:
            lines.insert(first_table + 1, "")
    return "\n".join(lines) + "\n"


def save_setting(path: Path, key: str, value: str) -> None:
    """Set ``key = "value"`` in the configuration file ``path`` (created if missing).

    Raises :class:`ReaderError` (one line) if the file cannot be read, is not valid TOML,
    or cannot be written; the file is then left as it was.
    """
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ReaderError(f"cannot update {path}: {exc}") from None
    new = with_setting(text, key, value)
    try:
        written = tomllib.loads(new).get(key)
    except tomllib.TOMLDecodeError:
        written = None
    if written != value:  # e.g. a multi-line value this simple editor leaves alone
        raise ReaderError(f"cannot update {path}: {key} is written in a form left as it is")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text(path, new)
    except OSError as exc:
        raise ReaderError(f"cannot write {path}: {exc}") from None
