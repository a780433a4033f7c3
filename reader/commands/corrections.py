"""``reader corrections export|import``: move all corrections as one file."""

from __future__ import annotations

import argparse
import sys

HELP = "export or import all your corrections as one JSON file"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``reader corrections``."""
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write every correction to FILE (or stdout)")
    export.add_argument("-o", "--output", metavar="FILE", default="-",
                        help="where to write (default: standard output)")
    export.add_argument("--force", action="store_true", help="overwrite an existing FILE")
    imp = actions.add_parser("import", help="merge the corrections of FILE into yours")
    imp.add_argument("file", metavar="FILE", help="a file written by 'corrections export'")
    imp.add_argument("--replace", action="store_true",
                     help="replace your corrections instead of merging")


def run(args: argparse.Namespace) -> int:
    """Export or import."""
    from pathlib import Path

    from reader.commands.common import config_from_args, write_output
    from reader.corrections import Corrections, store_for
    from reader.corrections_schema import parse_json
    from reader.errors import ReaderError
    from reader.sanitize import one_line, terminal_json

    store = store_for(config_from_args(args))
    if args.action == "export":
        text = terminal_json(store.load().to_bundle()) + "\n"
        if args.output == "-":
            sys.stdout.write(text)
            return 0
        write_output(args.output, text, force=args.force)
        print(f"wrote {one_line(args.output)}", file=sys.stderr)
        return 0
    source = Path(args.file)
    try:
        raw = source.read_bytes()
    except FileNotFoundError:
        raise ReaderError(f"{source}: no such file") from None
    except OSError as exc:
        raise ReaderError(f"cannot read {source}: {exc.strerror or exc}") from None
    incoming = Corrections.from_bundle(parse_json(raw, str(source)), str(source))
    with store.editing(replace=args.replace) as corrections:
        corrections.merge(incoming)
    print(f"imported {len(incoming.added)} entities, {len(incoming.hidden)} hidden names, "
          f"{len(incoming.pages)} pages, {len(incoming.notes)} notes", file=sys.stderr)
    if store.warning:
        print(f"reader: warning: {one_line(store.warning)}", file=sys.stderr)
    return 0
