"""``reader annotate INPUT... -o OUT``: annotate a whole corpus in one run (see README)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.commands.common import add_config_arguments, config_from_args
from reader.errors import ReaderError

if TYPE_CHECKING:
    from reader.config import Config
    from reader.corpus.engines import Engine
    from reader.corpus.inputs import Source
    from reader.corrections import Corrections

HELP = "annotate many articles at once (files, directories, globs, URLs, JSONL) into one output"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``reader annotate``."""
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="article files, directories (searched recursively), glob "
                             "patterns, http(s) URLs, .jsonl files of {\"id\", \"text\"} "
                             "documents, or - for one input per line on standard input")
    parser.add_argument("-o", "--output", metavar="OUT", required=True,
                        help="output: .jsonl, .spacy, .conll, or a directory for Markdown; "
                             "a re-run with the same OUT skips the documents already done")
    parser.add_argument("--format", choices=("jsonl", "spacy", "conll", "md"), default=None,
                        help="output format (default: from the name of OUT)")
    parser.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                        help="worker processes (default: the number of cores)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="where the work runs: this machine (default) or a Dask cluster")
    parser.add_argument("--scheduler", metavar="ADDRESS", default=None,
                        help="the Dask scheduler, e.g. tcp://10.0.0.5:8786 (--engine dask)")
    parser.add_argument("--glossary", action="store_true",
                        help="link every entity to its glossary entry (one pass over the "
                             "corpus after recognition, through the glossary cache)")
    parser.add_argument("--style", choices=("links", "footnotes", "wikilinks"),
                        default="links", help="annotation style of Markdown output")
    parser.add_argument("--fail-fast", action="store_true",
                        help="stop at the first bad document (default: skip and report it)")
    parser.add_argument("--quiet", "-q", action="store_true",
                        help="no progress bar, no summary (bad documents are still reported)")
    add_config_arguments(parser, model=True, network=True)


def _check_args(args: argparse.Namespace) -> None:
    if args.jobs is not None and args.jobs < 1:
        raise ReaderError("-j/--jobs must be at least 1")
    if args.engine == "dask" and not args.scheduler:
        raise ReaderError("--engine dask needs --scheduler ADDRESS")
    if args.scheduler and args.engine != "dask":
        raise ReaderError("--scheduler is for --engine dask")


def _not_an_input(out: Path, sources: list[Source]) -> None:
    if not out.exists():
        return
    for source in sources:
        if source.kind in ("file", "jsonl") and os.path.exists(source.ref) \
                and os.path.samefile(source.ref, out):
            raise ReaderError(f"{out} is one of the inputs; choose another output")


def _engine(args: argparse.Namespace, config: Config, corrections: Corrections,
            total: int) -> Engine:
    if args.engine == "dask":
        from reader.corpus.dask_engine import DaskEngine

        return DaskEngine(args.scheduler, config, corrections)
    from reader.corpus.engines import LocalEngine, default_jobs
    from reader.corpus.run import BATCH

    batches = -(-total // BATCH)  # no more workers than batches
    return LocalEngine(max(1, min(args.jobs or default_jobs(), batches)), config, corrections)


def run(args: argparse.Namespace) -> int:
    """Expand the inputs, annotate them into the journal, link, render, summarise."""
    from reader.analysis import describe
    from reader.corpus import inputs, outputs
    from reader.corpus.journal import Journal
    from reader.corpus.run import annotate_corpus, clean
    from reader.corrections import store_for

    _check_args(args)
    config = config_from_args(args)
    describe(config.model)  # an unknown model is an error before any work
    fmt = outputs.format_for(args.output, args.format)
    out = Path(args.output).expanduser()
    sources = inputs.expand(args.inputs, sys.stdin if "-" in args.inputs else None)
    _not_an_input(out, sources)
    outputs.prepare(out, fmt)
    corrections = store_for(config).load()
    show = sys.stderr.isatty() and not args.quiet
    journal = Journal.open(outputs.journal_path(out, fmt, args.glossary))
    try:
        total = inputs.count(sources)
        engine = _engine(args, config, corrections, total)
        try:
            with _progress(show) as bar:
                task = bar.add_task("annotate", total=total)
                summary = annotate_corpus(
                    inputs.tasks(sources), journal, engine, fail_fast=args.fail_fast,
                    report=lambda bad: print(clean(f"reader: skipped {bad.id}: {bad.reason}"),
                                             file=sys.stderr),
                    progress=lambda n: bar.advance(task, n))
        finally:
            engine.close()
    finally:
        journal.close()
    entries = _link(journal.path, config, show) if args.glossary else None
    if fmt != "jsonl" or entries is not None:
        outputs.finish(fmt, out, journal.path, entries, config=config,
                       corrections=corrections, style=args.style)
    if not args.quiet:
        for line in summary.lines():
            print(f"reader: {line}", file=sys.stderr)
    return 0


def _link(journal: Path, config: Config, show: bool) -> dict[str, Any]:
    from reader.corpus.glossary_pass import link_corpus
    from reader.corpus.journal import records

    with _progress(show, unit="names") as bar:
        task = bar.add_task("glossary", total=None)
        return link_corpus(records(journal), config,
                           progress=lambda done, total: bar.update(task, completed=done,
                                                                   total=total),
                           warn=lambda text: print(f"reader: warning: {text}",
                                                   file=sys.stderr))


def _progress(show: bool, unit: str = "documents") -> Any:
    """A progress bar on standard error: count, rate and time left (hidden unless shown)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.0f} {unit}/s" if speed else f"- {unit}/s")

    console = Console(file=sys.stderr, highlight=False, markup=False, emoji=False)
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    RateColumn(), TimeRemainingColumn(), console=console, transient=True,
                    disable=not show)
