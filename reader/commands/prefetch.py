"""``reader prefetch FILE``: fetch the background of every entity so the article reads offline."""

from __future__ import annotations

import argparse
import sys

from reader.commands import common

HELP = "fetch glossary entries for every entity of an article (for offline reading)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``reader prefetch``."""
    common.add_article_argument(parser)
    common.add_config_arguments(parser, model=True, network=True)
    parser.add_argument("--quiet", "-q", action="store_true",
                        help="no progress bar and no summary")


def run(args: argparse.Namespace) -> int:
    """Analyse the article, look every entity up, print a summary; exit 1 on errors
    (including stale entries that could not be refreshed)."""
    from collections import Counter

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from glossary.models import Status
    from reader.lookup import print_notice
    from reader.session import Session

    config = common.config_from_args(args)
    article = common.load_article(args, config)
    console = Console(file=sys.stderr, highlight=False, markup=False, emoji=False,
                      soft_wrap=True)  # a message is one line, however long
    with Session(article, config) as session:
        session.run_analysis()  # with the reader's corrections
        queries = session.build_queries()
        session.glossary.on_notice = print_notice
        if session.glossary.cache_warning:
            console.print(f"reader: warning: {session.glossary.cache_warning}")
        with Progress(TextColumn("glossary"), BarColumn(), MofNCompleteColumn(),
                      console=console, transient=True, disable=args.quiet) as bar:
            task = bar.add_task("glossary", total=len(queries))

            def progress(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            entries = session.lookup_entries(queries, progress)
        state = session.glossary.state
    counts = Counter(entry.status for entry in entries.values())
    errors = [e for e in entries.values() if e.status in (Status.ERROR, Status.NOT_CACHED)]
    unrefreshed = [e for e in entries.values() if e.refresh_error]
    if not args.quiet:
        parts = [f"{counts[s]} {s.value.replace('_', ' ')}" for s in Status if counts[s]]
        if unrefreshed:
            parts.append(f"{len(unrefreshed)} not refreshed (old entry kept)")
        console.print(f"{len(entries)} entities: {', '.join(parts) or 'none'}")
        for entry in [*errors, *unrefreshed][:5]:
            console.print(f"  {entry.query}: {entry.error or entry.refresh_error}")
        if state.mode.value != "online":
            console.print(f"network: {state.describe()}")
    return 1 if errors or unrefreshed else 0
