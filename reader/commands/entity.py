"""``reader entity add|hide|unhide|remove|note|page|list``: correct the recogniser and glossary."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from reader.analysis.model import LABELS

if TYPE_CHECKING:
    from reader.corrections import Corrections
    from reader.session import Change

HELP = "add, hide or annotate an entity in every article (your corrections)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``reader entity``."""
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="recognise NAME as an entity from now on")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--label", required=True, type=str.upper, choices=LABELS,
                     help="entity type: PER, ORG, LOC or MISC")
    hide = actions.add_parser("hide", help="never highlight NAME (or only in one article)")
    hide.add_argument("name", metavar="NAME")
    hide.add_argument("--article", metavar="FILE",
                      help="hide NAME only in this article (default: everywhere)")
    unhide = actions.add_parser("unhide", help="highlight NAME again")
    unhide.add_argument("name", metavar="NAME")
    remove = actions.add_parser("remove", help="forget an entity you added")
    remove.add_argument("name", metavar="NAME")
    note = actions.add_parser("note", help="write a personal note on NAME ('' deletes it)")
    note.add_argument("name", metavar="NAME")
    note.add_argument("text", metavar="TEXT")
    page = actions.add_parser("page", help="use the Wikipedia page TITLE for NAME ('' resets)")
    page.add_argument("name", metavar="NAME")
    page.add_argument("title", metavar="TITLE")
    page.add_argument("--lang", default=None, help="language of the page (default: config)")
    listing = actions.add_parser("list", help="show every correction")
    listing.add_argument("--format", choices=("text", "json"), default="text")


def _change(args: argparse.Namespace, lang: str) -> tuple[Change, str]:
    """The change ``args`` ask for, and what to say when it is saved."""
    from reader.article import load
    from reader.session import (
        AddEntity,
        ChoosePage,
        HideEntity,
        RemoveEntity,
        SetNote,
        UnhideEntity,
    )

    name = args.name
    if args.action == "add":
        return AddEntity(name, args.label), f"added {name!r} as {args.label}"
    if args.action == "hide":
        sha = load(args.article).sha256 if args.article else None
        where = " in that article" if sha else " everywhere"
        return HideEntity(name, sha), f"hidden {name!r}{where}"
    if args.action == "unhide":
        return UnhideEntity(name), f"{name!r} is shown again"
    if args.action == "remove":
        return RemoveEntity(name), f"removed {name!r}"
    if args.action == "note":
        done = "saved" if args.text.strip() else "deleted"
        return SetNote(name, args.text), f"note on {name!r} {done}"
    lang = args.lang or lang
    message = (f"{name!r} now uses page {args.title!r}" if args.title.strip()
               else f"page choice for {name!r} reset")
    return ChoosePage(name, lang, args.title), message


def run(args: argparse.Namespace) -> int:
    """Apply one correction."""
    from reader.commands.common import config_from_args
    from reader.corrections import store_for
    from reader.sanitize import one_line, terminal_json
    from reader.session import apply_change

    config = config_from_args(args)
    store = store_for(config)
    if args.action == "list":
        corrections = store.load()
        if args.format == "json":
            print(terminal_json(corrections.to_bundle()))
        else:
            _print_listing(corrections)
        return 0
    change, message = _change(args, config.lang)
    apply_change(store, change)
    print(one_line(message), file=sys.stderr)
    if store.warning:
        print(f"reader: warning: {one_line(store.warning)}", file=sys.stderr)
    return 0


def _print_listing(corrections: Corrections) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    sections = (
        ("Added entities", [f"{name} ({label})" for name, label in corrections.added.items()]),
        ("Hidden everywhere", list(corrections.hidden.values())),
        ("Hidden in one article", [f"{name} (article {sha[:12]})"
                                   for sha, names in corrections.hidden_in.items()
                                   for name in names.values()]),
        ("Chosen pages", [f"{key} → {title}" for key, title in corrections.pages.items()]),
        ("Notes", [f"{name}: {text}" for name, text in corrections.notes.items()]),
    )
    for title, items in sections:
        console.print(Text(f"{title}: {len(items)}", style="bold"))
        for item in items:
            console.print(Text(f"  {item}"))
