"""``reader cache info|clear``: what the glossary cache holds, and emptying it."""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.commands.common import config_from_args
from reader.errors import ReaderError

if TYPE_CHECKING:
    from reader.config import Config

HELP = "show or clear the glossary cache (info also counts the stored web pages)"

#: The other caches under the cache directory, and the names of the files each one writes
#: (results, and the temporary files of an atomic write). ``clear --all`` deletes these
#: and nothing else: the directory may be shared with other files, even the data directory.
OWNED_FILES: dict[str, re.Pattern[str]] = {
    "analysis": re.compile(r"[0-9a-f]{64}-[0-9a-f]{16}\.json|\.tmp-[^/]*\.json"),
    "web": re.compile(r"\.?[0-9a-f]{64}\.(?:json|body)(?:\.[^/]*\.tmp)?"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``reader cache``."""
    parser.add_argument("action", choices=("info", "clear"),
                        help="info: where the cache is and what it holds; clear: empty it")
    parser.add_argument("--all", action="store_true",
                        help="with clear: also remove the other caches (analysis results, "
                             "stored web pages)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="with info: text (default) or one JSON object")


def _size(num: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if num < 1024 or unit == "GiB":
            return f"{num:.0f} {unit}" if unit == "B" else f"{num:.1f} {unit}"
        num /= 1024
    return f"{num:.1f} GiB"


def _when(stamp: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(stamp)) if stamp else "-"


def _web_pages(config: Config) -> dict[str, Any]:
    """The offline copies of web pages (see :mod:`reader.web.store`)."""
    from reader.web.store import PageStore

    root = config.cache_path / "web"
    pages, size = PageStore(root).stats()
    return {"path": str(root), "pages": pages, "bytes": size}


def _print_info(stats: dict[str, Any], web: dict[str, Any], fmt: str) -> None:
    if fmt == "json":
        json.dump({**stats, "web_pages": web}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    kinds = stats["kinds"]
    print(f"glossary cache: {stats['path']}")
    print(f"size: {_size(stats['bytes'])}")
    print(f"names: {stats['queries']} ({kinds.get('page', 0)} pages, "
          f"{kinds.get('candidates', 0)} with candidates, "
          f"{kinds.get('missing', 0)} not found)")
    print(f"pages: {stats['pages']}")
    print(f"stale (older than {stats['ttl_days']:g} days): {stats['stale']}")
    print(f"oldest: {_when(stats['oldest'])}   newest: {_when(stats['newest'])}")
    print(f"web pages: {web['pages']} ({_size(web['bytes'])}) in {web['path']}")


def remove_owned(directory: Path, names: re.Pattern[str]) -> int:
    """Delete the regular files of ``directory`` whose names match (nothing else); the count.

    The directory itself is removed when that leaves it empty.
    """
    if not directory.is_dir() or directory.is_symlink():
        return 0
    removed = 0
    for child in directory.iterdir():
        if names.fullmatch(child.name) and child.is_file() and not child.is_symlink():
            with contextlib.suppress(FileNotFoundError):
                child.unlink()
                removed += 1
    with contextlib.suppress(OSError):
        directory.rmdir()  # only if empty
    return removed


def run(args: argparse.Namespace) -> int:
    """Print the cache statistics or clear it."""
    from glossary.cache import GlossaryCache
    from reader.lookup import settings_for

    config = config_from_args(args)
    settings = settings_for(config)
    path = settings.resolved_cache_path
    cache = GlossaryCache(path, ttl_days=settings.cache_ttl_days)
    try:
        if args.action == "clear" and cache.problem:
            raise ReaderError(cache.problem)  # full disk or read-only: nothing can be deleted
        warning = cache.recovered or cache.problem
        if warning:
            print(f"reader: warning: {warning}", file=sys.stderr)
        if args.action == "clear":
            removed = cache.clear()
            print(f"cleared the glossary cache ({removed} entries) at {path}")
        else:
            _print_info(cache.stats(), _web_pages(config), args.format)
    finally:
        cache.close()
    if args.action == "clear" and args.all:
        for name, owned in OWNED_FILES.items():
            directory = config.cache_path / name
            print(f"removed {remove_owned(directory, owned)} files in {directory}")
    return 0
