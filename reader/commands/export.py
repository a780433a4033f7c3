"""``reader export FILE``: an annotated Markdown (or JSON) copy of an article."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reader.commands import common
from reader.errors import ReaderError

HELP = "write an annotated Markdown or JSON copy of an article (links, footnotes, glossary)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``reader export``."""
    common.add_article_argument(parser)
    parser.add_argument("-o", "--output", metavar="OUT", default="-",
                        help="file to write (default: - for standard output); an existing "
                             "file is only replaced with --force")
    parser.add_argument("--style", choices=("links", "footnotes", "wikilinks"),
                        default="links",
                        help="how mentions are annotated: Wikipedia links (default), "
                             "footnotes with the background, or Obsidian [[wikilinks]]")
    parser.add_argument("--format", choices=("md", "json"), default="md",
                        help="Markdown (default) or JSON for scripts")
    parser.add_argument("-f", "--force", action="store_true",
                        help="replace OUT if it exists")
    common.add_config_arguments(parser, model=True, network=True)


def _output_path(value: str, force: bool, source: str) -> Path | None:
    """The file to write (``None`` for standard output), checked before any work."""
    if value == "-":
        return None
    path = Path(value).expanduser()
    if path.is_dir():
        raise ReaderError(f"{value} is a directory; give a file name with -o")
    parent = path.parent
    if not parent.is_dir():
        raise ReaderError(f"cannot write {value}: directory {parent} does not exist")
    kind = common.output_kind(path)
    if kind == "other":
        raise ReaderError(f"{value} is not a regular file (a socket or block device); "
                          "choose another output file")
    if kind == "stream":  # a FIFO or /dev/null: written as a stream, nothing is replaced
        return path
    if os.path.lexists(path):
        if not force:
            raise ReaderError(f"{value} exists; use --force to replace it")
        if source != "<stdin>" and os.path.exists(source) and os.path.samefile(path, source):
            raise ReaderError(f"{value} is the article itself; choose another output file")
    return path


class _Progress:
    """A one-line count of looked-up entities on a terminal's standard error."""

    def __init__(self) -> None:
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        self.shown = True
        sys.stderr.write(f"\rreader: looking up {done}/{total} entities…")
        sys.stderr.flush()

    def clear(self) -> None:
        """Erase the progress line, if one was shown."""
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    """Load, analyse, look up (or read the cache), render and write."""
    from reader.lookup import print_notice
    from reader.sanitize import one_line
    from reader.session import Session

    config = common.config_from_args(args)
    output = _output_path(args.output, args.force, args.file)
    article = common.load_article(args, config)
    with Session(article, config) as session:
        session.run_analysis()  # with the reader's corrections
        if not config.offline:
            session.glossary.on_notice = print_notice
        progress = _Progress()
        try:
            session.gather_entries(progress if sys.stderr.isatty() else None)
        finally:
            progress.clear()
        bundle = session.bundle()
    text = bundle.render(args.format, style=args.style)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    common.write_output(args.output, text, force=args.force)
    entities = len(bundle.analysis.entities)
    print(f"reader: wrote {one_line(args.output)} ({entities} entities, "
          f"{bundle.with_background()} with background)", file=sys.stderr)
    return 0
