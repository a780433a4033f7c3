"""YAML front matter, written by hand: every string double-quoted, JSON style.

A JSON string literal is a valid YAML double-quoted scalar, except that YAML forbids some
characters that JSON leaves raw (DEL, C1 controls, surrogates, U+FFFE/U+FFFF) and treats
U+0085, U+2028 and U+2029 as line breaks; those are written as ``\\uXXXX`` escapes.
Dates are written as plain ISO 8601 values, which YAML reads as dates and timestamps.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from typing import TypeAlias

Scalar: TypeAlias = str | int | float | bool | dt.date | dt.datetime | None
Value: TypeAlias = "Scalar | Sequence[Value] | Mapping[str, Value]"

_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def quote(text: str) -> str:
    """``text`` as a YAML double-quoted scalar."""
    dumped = json.dumps(text, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def scalar(value: Scalar) -> str:
    """One scalar: strings quoted, dates ISO 8601, ``None`` as ``null``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return json.dumps(value)
    return quote(value)


def _key(name: str) -> str:
    return name if _PLAIN_KEY.match(name) else quote(name)


def _lines(value: Value, indent: int) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    if isinstance(value, Mapping):
        for name, item in value.items():
            if _nested(item):
                out.append(f"{pad}{_key(name)}:")
                out.extend(_lines(item, indent + 2))
            else:
                out.append(f"{pad}{_key(name)}: {_inline(item)}")
    elif isinstance(value, Sequence) and not isinstance(value, str):
        for item in value:
            if _nested(item):
                nested = _lines(item, indent + 2)
                out.append(f"{pad}- {nested[0].lstrip()}")
                out.extend(nested[1:])
            else:
                out.append(f"{pad}- {_inline(item)}")
    else:
        out.append(pad + _inline(value))
    return out


def _nested(value: Value) -> bool:
    """True for a non-empty mapping or list (written as a block)."""
    if isinstance(value, str):
        return False
    return isinstance(value, Mapping | Sequence) and len(value) > 0


def _inline(value: Value) -> str:
    if isinstance(value, Mapping):
        return "{}"
    if isinstance(value, Sequence) and not isinstance(value, str):
        return "[]"
    return scalar(value)


def front_matter(data: Mapping[str, Value]) -> str:
    """The front matter block, from ``---`` to ``---``, ending with a newline."""
    return "---\n" + "\n".join(_lines(data, 0)) + "\n---\n"
