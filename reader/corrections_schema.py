"""The corrections file format (``corrections.json`` and exported bundles), validated strictly.

A bundle is one JSON object::

    {"reader_corrections": 1,
     "patterns": [{"label": "PER", "pattern": "Isabelle Schaefers", "id": "user"}, ...],
     "hidden": ["Kreml", ...],
     "hidden_in": {"<article sha256>": ["Foto", ...], ...},
     "pages": {"de:Kreml": "Moskauer Kreml", ...},
     "notes": {"Peskow": "Sprecher", ...}}

Every field but the version is optional. Nothing is coerced: a value of the wrong type is an
error naming the file and the field (``hidden: expected a list of strings, got a string``),
so that a file that was not understood is never rewritten. Fields this version does not know
are kept as they are (:attr:`Bundle.extra`) and written back unchanged.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from reader.analysis.model import LABELS
from reader.errors import ReaderError

FORMAT_VERSION = 1
VERSION_KEY = "reader_corrections"
KNOWN_KEYS = frozenset({VERSION_KEY, "patterns", "hidden", "hidden_in", "pages", "notes"})
PATTERN_KEYS = frozenset({"label", "pattern", "id"})
_HEX = re.compile(r"[0-9a-fA-F]{1,64}")


class SchemaError(ReaderError):
    """A bundle that is not valid: ``field`` names where, the message says what is wrong."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}" if where else problem)


@dataclass
class Bundle:
    """A validated bundle: plain strings only, in the file's order."""

    patterns: list[tuple[str, str]] = field(default_factory=list)  # (name, label)
    hidden: list[str] = field(default_factory=list)
    hidden_in: dict[str, list[str]] = field(default_factory=dict)
    pages: dict[tuple[str, str], str] = field(default_factory=dict)  # (lang, name) -> title
    notes: dict[str, str] = field(default_factory=dict)
    #: Top-level fields this version does not know, kept verbatim.
    extra: dict[str, Any] = field(default_factory=dict)


def parse_json(data: bytes, origin: str) -> Any:
    """Parse JSON bytes (UTF-8, with or without a BOM) into Python objects.

    Raises :class:`ReaderError` with one line naming ``origin``.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReaderError(f"{origin}: not UTF-8 text (byte {exc.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReaderError(f"{origin}: not JSON ({exc.msg}, line {exc.lineno} "
                          f"column {exc.colno})") from None
    except RecursionError:
        raise ReaderError(f"{origin}: not a corrections file (JSON nested too deeply)") from None


def _kind(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "a string",
             list: "a list", dict: "an object", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _text(value: Any, where: str, *, blank: bool = False) -> str:
    if not isinstance(value, str):
        raise SchemaError(where, f"expected a string, got {_kind(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise SchemaError(where, "not valid Unicode text (a lone surrogate)") from None
    if not blank and not value.strip():
        raise SchemaError(where, "empty name")
    return value


def _names(value: Any, where: str) -> list[str]:
    if not isinstance(value, list):
        raise SchemaError(where, f"expected a list of strings, got {_kind(value)}")
    return [_text(item, f"{where}[{index}]") for index, item in enumerate(value)]


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SchemaError(where, f"expected an object, got {_kind(value)}")
    for key in value:
        _text(key, f"{where} key {key[:40]!r}")
    return value


def _pattern(value: Any, where: str) -> tuple[str, str]:
    if not isinstance(value, dict):
        raise SchemaError(where, f"expected an object, got {_kind(value)}")
    unknown = sorted(set(value) - PATTERN_KEYS)
    if unknown:
        raise SchemaError(where, f"unknown field {unknown[0][:40]!r}")
    if "pattern" not in value or "label" not in value:
        raise SchemaError(where, "needs 'label' and 'pattern'")
    if isinstance(value["pattern"], list):
        raise SchemaError(f"{where}.pattern", "token patterns are not supported; "
                                              "give the name as a string")
    name = _text(value["pattern"], f"{where}.pattern")
    label = _text(value["label"], f"{where}.label")
    if label.upper() not in LABELS:
        raise SchemaError(f"{where}.label", f"unknown label {label[:20]!r}; "
                                            f"use one of {', '.join(LABELS)}")
    if "id" in value:
        _text(value["id"], f"{where}.id", blank=True)
    return name, label.upper()


def validate(data: Any) -> Bundle:
    """Check ``data`` against the format; raise :class:`SchemaError` naming the field."""
    if not isinstance(data, dict) or VERSION_KEY not in data:
        raise SchemaError("", "not a reader corrections file (no 'reader_corrections' field)")
    version = data[VERSION_KEY]
    if type(version) is not int or version != FORMAT_VERSION:
        raise SchemaError(VERSION_KEY, f"expected {FORMAT_VERSION}, got "
                                       f"{json.dumps(version)[:20]}")
    bundle = Bundle(extra={k: v for k, v in data.items() if k not in KNOWN_KEYS})
    patterns = data.get("patterns", [])
    if not isinstance(patterns, list):
        raise SchemaError("patterns", f"expected a list, got {_kind(patterns)}")
    bundle.patterns = [_pattern(p, f"patterns[{i}]") for i, p in enumerate(patterns)]
    bundle.hidden = _names(data.get("hidden", []), "hidden")
    for sha, names in _mapping(data.get("hidden_in", {}), "hidden_in").items():
        if not _HEX.fullmatch(sha):
            raise SchemaError(f"hidden_in key {sha[:16]!r}", "expected the SHA-256 of an "
                                                             "article (hexadecimal digits)")
        bundle.hidden_in[sha] = _names(names, f"hidden_in[{sha[:16]!r}]")
    for key, title in _mapping(data.get("pages", {}), "pages").items():
        lang, _, name = key.partition(":")
        if not lang.strip() or not name.strip():
            raise SchemaError(f"pages[{key[:40]!r}]", "the key must be 'LANG:NAME'")
        bundle.pages[(lang, name)] = _text(title, f"pages[{key[:40]!r}]")
    for name, text in _mapping(data.get("notes", {}), "notes").items():
        bundle.notes[name] = _text(text, f"notes[{name[:40]!r}]", blank=True)
    return bundle
