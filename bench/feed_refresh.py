"""Refreshing feeds against the local feed server: first fetch vs. conditional GET.

Runs ``tests/feed_server.py`` (with ``--latency`` seconds per request, default 0.05) in
this process, subscribes a fresh library to the fixture feeds plus the generated
300-entry feed, and prints a table: requests, bytes, seconds for the first refresh (every
feed answers 200) and for a second one (every feed answers 304), the ratio, and how long
the library takes to read its entries and build the list shown on screen.

    .venv/bin/python bench/feed_refresh.py [--latency 0.05]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from support import test_module

from reader.config import Config
from reader.library.fetch import refresh
from reader.library.store import LibraryStore

FeedServer = test_module("feed_server", needs=("feed_fixtures",)).FeedServer
FEEDS = ("/rss.xml", "/atom.xml", "/rdf.xml", "/rss091.xml", "/viele.xml")


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.05)
    args = parser.parse_args()
    from reader.app.library_screen import entry_options

    config = Config(timeout=10)
    rows = []
    with FeedServer() as server, tempfile.TemporaryDirectory() as tmp:
        server.set_latency(args.latency)
        store = LibraryStore(Path(tmp) / "library.sqlite3")
        for path in FEEDS:
            store.add_feed(server.url(path))
        for label in ("first refresh (200)", "again (304)"):
            server.requests.clear()
            started = time.perf_counter()
            results = refresh(store, config)
            seconds = time.perf_counter() - started
            new = sum(r.new for r in results)
            rows.append((label, len(server.requests), new, seconds))
        started = time.perf_counter()
        entries = store.entries()
        options = entry_options(entries, "")
        listing = time.perf_counter() - started
        store.close()
    print(f"{len(FEEDS)} feeds, {args.latency * 1000:.0f} ms latency per request\n")
    print("| run | requests | new entries | seconds |")
    print("|---|---|---|---|")
    for label, requests, new, seconds in rows:
        print(f"| {label} | {requests} | {new} | {seconds:.3f} |")
    print(f"\nratio again / first: {rows[1][3] / rows[0][3]:.2f}")
    print(f"library list: {len(options)} entries read and built in {listing * 1000:.1f} ms")


if __name__ == "__main__":
    main()
