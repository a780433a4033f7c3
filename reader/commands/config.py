"""``reader config path|show|set KEY VALUE``: where the settings file is, what is in effect,
and changing one setting (validated, written atomically to ``config.toml``)."""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from reader.errors import ReaderError

HELP = "show the configuration, or set one setting in config.toml"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``reader config``."""
    parser.add_argument("action", choices=("path", "show", "set"),
                        help="path: the file; show: every setting in effect; set: change one")
    parser.add_argument("key", nargs="?", metavar="KEY", help="with set: the setting")
    parser.add_argument("value", nargs="?", metavar="VALUE",
                        help="with set: its value ('' resets it to the default)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="with show: text (default) or one JSON object")


def config_path() -> Path:
    """The configuration file in effect (``READER_CONFIG`` or the platform default)."""
    import os

    from reader import paths

    return Path(os.environ.get("READER_CONFIG", "") or paths.config_file())


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)  # a TOML basic string


def _toml_text(data: dict[str, Any]) -> str:
    """``data`` as TOML: the settings, then tables (the ``[keymap]``)."""
    lines = [f"{k} = {_toml_value(v)}\n" for k, v in data.items() if not isinstance(v, dict)]
    for table, values in ((k, v) for k, v in data.items() if isinstance(v, dict)):
        lines.append(f"\n[{table}]\n")
        lines += [f"{json.dumps(str(k))} = {_toml_value(v)}\n" for k, v in values.items()]
    return "".join(lines)


def _read(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ReaderError(f"cannot read configuration {path}: {exc}") from None


def set_value(path: Path, key: str, value: str) -> None:
    """Validate ``key = value`` and write the file atomically ('' removes the key)."""
    from reader import atomic
    from reader.config import Config, settings_from_mapping

    name = key.replace("-", "_")
    known = {f.name for f in fields(Config)}
    if name not in known:
        raise ReaderError(f"unknown setting {key!r} (one of: {', '.join(sorted(known))})")
    if name == "keymap":
        raise ReaderError(f"keymap is a table: edit [keymap] in {path} (see the README)")
    data = _read(path)
    if value == "":
        data.pop(name, None)
    else:
        data[name] = settings_from_mapping({name: value}, "reader config set")[name]
    text = _toml_text(data)
    # The new file must load and validate before it replaces the old one.
    Config(**settings_from_mapping(tomllib.loads(text), str(path))).validated()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        atomic.write_text(path, text)
    except OSError as exc:
        raise ReaderError(f"cannot write {path}: {exc.strerror or exc}") from None


def run(args: argparse.Namespace) -> int:
    """Print the path or the settings, or set one."""
    from reader.config import load_config

    path = config_path()
    if args.action == "path":
        print(path)
        return 0
    if args.action == "set":
        if args.key is None or args.value is None:
            raise ReaderError("usage: reader config set KEY VALUE")
        set_value(path, args.key, args.value)
        print(f"set {args.key.replace('-', '_')} in {path}")
        return 0
    config = load_config()
    values = asdict(config)
    if args.format == "json":
        json.dump(values, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    print(f"# {path}{'' if path.is_file() else ' (not created yet)'}")
    print(_toml_text(values), end="")
    return 0
