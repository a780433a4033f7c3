"""``reader cache info|clear``: what the glossary cache holds, and emptying it."""

from __future__ import annotations

import argparse
import shutil
import time
from typing import TYPE_CHECKING

from reader.commands.common import config_from_args

if TYPE_CHECKING:
    from reader.config import Config

HELP = "show or clear the glossary cache (info also counts the stored web pages)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``reader cache``."""
    parser.add_argument("action", choices=("info", "clear"),
                        help="info: where the cache is and what it holds; clear: empty it")
    parser.add_argument("--all", action="store_true",
                        help="with clear: also remove the other caches (analysis results, "
                             "stored web pages)")


def _size(num: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if num < 1024 or unit == "GiB":
            return f"{num:.0f} {unit}" if unit == "B" else f"{num:.1f} {unit}"
        num /= 1024
    return f"{num:.1f} GiB"


def _when(stamp: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(stamp)) if stamp else "-"


def _print_web_pages(config: Config) -> None:
    """The offline copies of web pages (see :mod:`reader.web.store`)."""
    from reader.web.store import PageStore

    root = config.cache_path / "web"
    pages, size = PageStore(root).stats()
    print(f"web pages: {pages} ({_size(size)}) in {root}")


def run(args: argparse.Namespace) -> int:
    """Print the cache statistics or clear it."""
    from glossary.cache import GlossaryCache
    from reader.lookup import settings_for

    config = config_from_args(args)
    settings = settings_for(config)
    path = settings.resolved_cache_path
    cache = GlossaryCache(path, ttl_days=settings.cache_ttl_days)
    try:
        if cache.recovered:
            print(f"reader: warning: {cache.recovered}")
        if args.action == "clear":
            removed = cache.clear()
            print(f"cleared the glossary cache ({removed} entries) at {path}")
        else:
            stats = cache.stats()
            kinds = stats["kinds"]
            print(f"glossary cache: {stats['path']}")
            print(f"size: {_size(stats['bytes'])}")
            print(f"names: {stats['queries']} ({kinds.get('page', 0)} pages, "
                  f"{kinds.get('candidates', 0)} with candidates, "
                  f"{kinds.get('missing', 0)} not found)")
            print(f"pages: {stats['pages']}")
            print(f"stale (older than {stats['ttl_days']:g} days): {stats['stale']}")
            print(f"oldest: {_when(stats['oldest'])}   newest: {_when(stats['newest'])}")
            _print_web_pages(config)
    finally:
        cache.close()
    if args.action == "clear" and args.all:
        root = config.cache_path
        for child in root.iterdir() if root.is_dir() else ():
            if child == path or child.name.startswith(path.name):
                continue
            if child.is_dir():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
        print(f"removed the other caches in {root}")
    return 0
