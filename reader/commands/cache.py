"""``reader cache info|clear``: what the glossary cache holds, and emptying it."""

from __future__ import annotations

import argparse
import json
import sys
import time

from reader.commands.common import config_from_args
from reader.errors import ReaderError

HELP = "show or clear the glossary cache"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``reader cache``."""
    parser.add_argument("action", choices=("info", "clear"),
                        help="info: where the cache is and what it holds; clear: empty it")
    parser.add_argument("--all", action="store_true",
                        help="with clear: also remove the other caches (analysis results)")
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


def _print_info(stats: dict[str, object], fmt: str) -> None:
    if fmt == "json":
        json.dump(stats, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    kinds = stats["kinds"]
    assert isinstance(kinds, dict)
    print(f"glossary cache: {stats['path']}")
    print(f"size: {_size(float(str(stats['bytes'])))}")
    print(f"names: {stats['queries']} ({kinds.get('page', 0)} pages, "
          f"{kinds.get('candidates', 0)} with candidates, "
          f"{kinds.get('missing', 0)} not found)")
    print(f"pages: {stats['pages']}")
    print(f"stale (older than {stats['ttl_days']:g} days): {stats['stale']}")
    oldest, newest = stats["oldest"], stats["newest"]
    print(f"oldest: {_when(oldest if isinstance(oldest, float) else None)}   "
          f"newest: {_when(newest if isinstance(newest, float) else None)}")


def run(args: argparse.Namespace) -> int:
    """Print the cache statistics or clear it."""
    from glossary.cache import GlossaryCache
    from reader.analysis.cache import clear as clear_analysis
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
            _print_info(cache.stats(), args.format)
    finally:
        cache.close()
    if args.action == "clear" and args.all:
        # Only files the caches own, by name: the cache directory may be shared with others
        # (even with the data directory), so its other content is never touched.
        directory = config.cache_path / "analysis"
        removed = clear_analysis(directory)
        print(f"removed {removed} analysis results in {directory}")
    return 0
