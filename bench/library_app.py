"""How fast the library screen shows, opens an entry, and comes back.

Runs the real command (plain ``reader``) in a pseudo-terminal of 140x40 against the local
feed server (tests/feed_server.py: the fixture feeds plus a generated feed of 300 entries)
and the local wiki server, with a fresh library. From process launch:

- *list*: until the newest entry's title is on the terminal (the stored list; the
  background refresh follows);
- *refreshed*: until the status line says the feeds were refreshed;
- *open*: from Enter on an entry until its article's text is on the terminal (the page
  is fetched and extracted, then the reader app starts);
- *back*: from Backspace in the article until the library's list is drawn again;
- *filter key*: from typing one character of the filter until the redraw is complete
  (median of several).

    .venv/bin/python bench/library_app.py [--keys N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from app_startup import ROOT, Terminal
from support import test_module

READER = ROOT / ".venv" / "bin" / "reader"


def measure(env: dict[str, str], keys: int) -> dict[str, float | None]:
    """One session: launch, refresh, open, back, filter keys."""
    term = Terminal([str(READER)], env)
    result: dict[str, float | None] = {}
    try:
        result["list"] = term.wait_for(b"Leserbriefe der Woche", 60)
        result["refreshed"] = term.wait_for(b"feeds refreshed", 60)
        term.drain()
        term.output.clear()
        began = time.time()
        os.write(term.fd, b"\x1b[B\r")  # down to the second entry, Enter
        shown = term.wait_for(b"gewann die Stichwahl", 60)
        result["open"] = None if shown is None else time.time() - began
        time.sleep(1.0)
        term.drain()
        term.output.clear()
        began = time.time()
        os.write(term.fd, b"\x7f")  # Backspace
        shown = term.wait_for(b"Leserbriefe der Woche", 60)
        result["back"] = None if shown is None else time.time() - began
        times = [term.key(bytes([char])) for char in b"meldung"[:keys]]
        result["filter key median"] = statistics.median(times)
        result["filter key max"] = max(times)
        os.write(term.fd, b"\x1b")  # clear the filter; the close() below quits
    finally:
        term.close()
    return result


def main() -> int:
    """Set up a library, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keys", type=int, default=7, help="filter keys typed (at most 7)")
    args = parser.parse_args()
    FeedServer = test_module("feed_server", needs=("feed_fixtures",)).FeedServer
    WikiServer = test_module("wiki_server").WikiServer

    with tempfile.TemporaryDirectory() as tmp, FeedServer() as feeds, WikiServer() as wiki:
        home = Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith("READER_")}
        env.update({
            "TERM": "xterm-256color", "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
            "READER_API_URL": wiki.api_url, "READER_FALLBACK_LANG": "",
        })
        from reader.config import Config
        from reader.library.fetch import refresh
        from reader.library.store import LibraryStore

        with LibraryStore(home / "data" / "reader" / "library.sqlite3") as store:
            for path in ("/rss.xml", "/atom.xml", "/viele.xml"):
                store.add_feed(feeds.url(path))
            refresh(store, Config())
            count = len(store.entries())
        feeds.requests.clear()
        result = measure(env, args.keys)
        requests = [(r.path, r.status) for r in feeds.requests]

    print(f"library of 3 feeds, {count} entries; 140x40 terminal\n")
    print("| " + " | ".join(result) + " |")
    print("|" + "---|" * len(result))
    print("| " + " | ".join("—" if v is None else f"{v * 1000:.0f} ms"
                            for v in result.values()) + " |")
    print(f"\nfeed server requests during the session: {len(requests)} {requests}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
