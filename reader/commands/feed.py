"""``reader feed add|remove|list|import|export|refresh|prefetch``: the subscribed feeds."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from reader.commands.common import add_config_arguments, config_from_args, write_output
from reader.errors import ReaderError
from reader.sanitize import strip_escapes

if TYPE_CHECKING:
    from reader.config import Config
    from reader.library.models import FeedItem
    from reader.library.store import LibraryStore

HELP = "follow feeds (RSS, Atom): add, remove, list, import, export, refresh, prefetch"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``reader feed``."""
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True,
                                parser_class=type(parser))
    add = sub.add_parser("add", help="subscribe to a feed (fetched at once)")
    add.add_argument("url", metavar="URL")
    remove = sub.add_parser("remove", help="unsubscribe (its entries are forgotten)")
    remove.add_argument("url", metavar="URL")
    listing = sub.add_parser("list", help="the feeds, or the entries of one feed")
    listing.add_argument("url", metavar="URL", nargs="?",
                         help="a feed: its entries (fetched if not subscribed)")
    listing.add_argument("--format", choices=("text", "json", "jsonl"), default="text")
    opml_in = sub.add_parser("import", help="subscribe to the feeds of an OPML file")
    opml_in.add_argument("file", metavar="FILE.opml")
    opml_out = sub.add_parser("export", help="write the subscriptions as OPML 2.0")
    opml_out.add_argument("-o", "--output", metavar="FILE", default="-")
    opml_out.add_argument("--force", action="store_true", help="replace an existing file")
    refresh = sub.add_parser("refresh", help="fetch new entries (conditional GET)")
    refresh.add_argument("url", metavar="FEED", nargs="?", help="only this feed")
    prefetch = sub.add_parser("prefetch", help="fetch articles and their glossary for "
                                               "offline reading")
    prefetch.add_argument("url", metavar="FEED", nargs="?", help="only this feed")
    prefetch.add_argument("--limit", type=int, default=30, metavar="N",
                          help="newest N entries per feed (default 30)")
    prefetch.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    for child in (add, remove, listing, opml_in, opml_out, refresh, prefetch):
        add_config_arguments(child, model=child is prefetch, network=True)


def run(args: argparse.Namespace) -> int:
    """Run one feed action."""
    from reader.library.store import open_library

    config = config_from_args(args)
    try:
        store = open_library(config)
    except OSError as exc:
        raise ReaderError(f"cannot open the library: {exc.strerror or exc}") from None
    try:
        if store.warning:
            print(f"reader: warning: {store.warning}", file=sys.stderr)
        action = _ACTIONS[args.action]
        return action(args, config, store)
    finally:
        store.close()


def _known(store: LibraryStore, url: str) -> None:
    if store.feed(url) is None:
        raise ReaderError(f"not subscribed to {url} (see 'reader feed list')")


def _add(args: argparse.Namespace, config: Config, store: LibraryStore) -> int:
    from reader.library.fetch import FetchError, fetch_feed, http_client, save_result

    url = _checked_url(args.url)
    if store.feed(url) is not None:
        print(f"already subscribed to {url}")
        return 0
    if config.offline:
        store.add_feed(url)
        print(f"subscribed to {url} (offline: 'reader feed refresh' fetches it)")
        return 0
    with http_client(config) as client:
        try:
            fetched = fetch_feed(client, url)
        except FetchError as exc:
            if not exc.feeds:  # a web page that announces feeds: take the first
                raise ReaderError(f"{url}: {exc}; not subscribed") from None
            url = exc.feeds[0]
            if store.feed(url) is not None:
                print(f"already subscribed to {strip_escapes(url)}")
                return 0
            print(f"the page announces {len(exc.feeds)} feed(s); subscribing to "
                  f"{strip_escapes(url)}")
            try:
                fetched = fetch_feed(client, url)
            except FetchError as again:
                raise ReaderError(f"{url}: {again}; not subscribed") from None
    feed, _ = store.add_feed(url)
    result = save_result(store, feed, fetched)
    print(f"subscribed to {strip_escapes(result.title)}: {result.entries} entries")
    if result.error:
        print(f"reader: warning: {url}: {strip_escapes(result.error)}", file=sys.stderr)
    return 0


def _remove(args: argparse.Namespace, config: Config, store: LibraryStore) -> int:
    _known(store, args.url)
    store.remove_feed(args.url)
    print(f"unsubscribed from {strip_escapes(args.url)}")
    return 0


def _checked_url(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ReaderError(f"{url!r} is not an http(s) URL")
    return url.strip()


def _list(args: argparse.Namespace, config: Config, store: LibraryStore) -> int:
    from reader.commands.feed_output import print_entries, print_feeds
    from reader.library.fetch import FetchError, fetch_feed, http_client

    if args.url is None:
        print_feeds(store.feeds(), args.format)
        return 0
    if store.feed(args.url) is not None:
        print_entries(store.entries(args.url), args.format)
        return 0
    if config.offline:
        raise ReaderError(f"not subscribed to {args.url}, and offline")
    with http_client(config) as client:
        try:
            fetched = fetch_feed(client, _checked_url(args.url))
        except FetchError as exc:
            raise ReaderError(f"{args.url}: {exc}") from None
    assert fetched.feed is not None
    items: list[FeedItem] = fetched.feed.items
    print_entries(items, args.format)
    if fetched.feed.error:
        print(f"reader: warning: {args.url}: {fetched.feed.error}", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace, config: Config, store: LibraryStore) -> int:
    from reader.library.opml import parse_opml

    try:
        with open(args.file, "rb") as stream:
            data = stream.read(16 * 1024 * 1024)
    except OSError as exc:
        raise ReaderError(f"{args.file}: {exc.strerror or exc}") from None
    try:
        outlines = parse_opml(data, args.file)
    except ValueError as exc:
        raise ReaderError(str(exc)) from None
    added = sum(store.add_feed(outline.url, outline.title)[1] for outline in outlines)
    print(f"{added} feeds added, {len(outlines) - added} already subscribed "
          "('reader feed refresh' fetches them)")
    return 0


def _export(args: argparse.Namespace, config: Config, store: LibraryStore) -> int:
    from reader.library.opml import to_opml

    text = to_opml(store.feeds())
    if args.output == "-":
        sys.stdout.write(text)
    else:
        write_output(args.output, text, force=args.force)
    return 0


def _refresh(args: argparse.Namespace, config: Config, store: LibraryStore) -> int:
    from reader.commands.feed_output import progress_bars, refresh_summary
    from reader.library.fetch import timed_refresh

    if args.url is not None:
        _known(store, args.url)
    if config.offline:
        raise ReaderError("offline: refreshing needs the network")
    urls = [args.url] if args.url else None
    with progress_bars("feeds", quiet=False) as (progress,):
        results, seconds = timed_refresh(store, config, urls, progress)
    for line in refresh_summary(results, seconds):
        print(line)
    return 1 if any(r.error and not r.entries for r in results) else 0


def _prefetch(args: argparse.Namespace, config: Config, store: LibraryStore) -> int:
    from reader.commands.feed_output import progress_bars
    from reader.library.prefetch import prefetch

    if args.url is not None:
        _known(store, args.url)
    entries = [entry for feed in store.feeds() if args.url in (None, feed.url)
               for entry in store.entries(feed.url, limit=args.limit)]
    with progress_bars("articles", "glossary", quiet=args.quiet) as (pages, glossary):
        report = prefetch(entries, config, pages=pages, glossary=glossary)
    for line in report.lines():
        print(line)
    return 1 if report.failed else 0


_ACTIONS = {"add": _add, "remove": _remove, "list": _list, "import": _import,
            "export": _export, "refresh": _refresh, "prefetch": _prefetch}
