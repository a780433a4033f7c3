"""``reader export FILE``: an annotated Markdown (or JSON) copy of an article."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from reader.commands.common import (
    add_article_argument,
    add_config_arguments,
    config_from_args,
    write_output,
)
from reader.errors import ReaderError

if TYPE_CHECKING:
    from glossary.models import GlossaryEntry
    from reader.analysis.model import Analysis
    from reader.article import Article
    from reader.config import Config

HELP = "write an annotated Markdown or JSON copy of an article (links, footnotes, glossary)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``reader export``."""
    add_article_argument(parser)
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
    add_config_arguments(parser, model=True, network=True)


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
    if os.path.lexists(path):
        if not force:
            raise ReaderError(f"{value} exists; use --force to replace it")
        if source != "<stdin>" and os.path.exists(source) and os.path.samefile(path, source):
            raise ReaderError(f"{value} is the article itself; choose another output file")
    return path


def _analyse(article: Article, config: Config) -> tuple[Analysis, dict[str, str]]:
    """The analysis with the reader's corrections applied, and the reader's notes by name."""
    from reader.corrections import store_for
    from reader.pipeline import analyse_article

    corrections = store_for(config).load()
    analysis = analyse_article(article, config, corrections)
    notes = {e.name: note for e in analysis.entities if (note := corrections.note_for(e.name))}
    return analysis, notes


def _entries(article: Article, analysis: Analysis, config: Config) -> dict[str, GlossaryEntry]:
    """Glossary entries keyed by entity name: the cache only when offline, else looked up."""
    from glossary.models import GlossaryEntry, Status
    from reader.lookup import glossary_for, print_notice, queries_for

    queries = queries_for(article, analysis, config.lang)
    if not queries:
        return {}
    glossary = glossary_for(config, on_notice=print_notice)
    try:
        if config.offline:
            entries: dict[str, GlossaryEntry] = {}
            for query in queries:
                cached = glossary.cached(query)
                entries[query.name] = cached or GlossaryEntry(query.name, query.lang,
                                                              Status.NOT_CACHED)
            return entries
        progress = _Progress()
        try:
            return glossary.lookup_many(queries,
                                        progress=progress if sys.stderr.isatty() else None)
        finally:
            progress.clear()
    finally:
        glossary.close()


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


def _summary(entries: Mapping[str, GlossaryEntry], analysis: Analysis) -> str:
    with_background = sum(1 for e in analysis.entities
                          if (entry := entries.get(e.name)) is not None and entry.ok)
    return f"{len(analysis.entities)} entities, {with_background} with background"


def run(args: argparse.Namespace) -> int:
    """Load, analyse, look up (or read the cache), render and write."""
    import datetime as dt

    from reader.article import load
    from reader.export import to_json, to_markdown

    config = config_from_args(args)
    output = _output_path(args.output, args.force, args.file)
    article = load(args.file, args.input_format)
    analysis, notes = _analyse(article, config)
    entries = _entries(article, analysis, config)
    exported_at = dt.datetime.now(dt.UTC).astimezone()
    if args.format == "json":
        text = to_json(article, analysis, entries, exported_at=exported_at, notes=notes)
    else:
        text = to_markdown(article, analysis, entries, style=args.style,
                           exported_at=exported_at, notes=notes)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    write_output(args.output, text, force=args.force)
    print(f"reader: wrote {args.output} ({_summary(entries, analysis)})", file=sys.stderr)
    return 0
