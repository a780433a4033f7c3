"""``reader entities FILE``: list the people, organisations and places of an article."""

from __future__ import annotations

import argparse
import json
import sys

from reader.commands import common

HELP = "list the entities of an article (a table, JSON or JSON lines)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``reader entities``."""
    common.add_article_argument(parser)
    parser.add_argument("--format", choices=("text", "json", "jsonl", "table"), default="text",
                        help="text: a table (default; 'table' is the old name), json: one "
                             "object, jsonl: one entity a line")
    common.add_config_arguments(parser, model=True)


def run(args: argparse.Namespace) -> int:
    """Analyse the article and print its entities."""
    from reader.analysis.cache import to_json
    from reader.session import Session

    config = common.config_from_args(args)
    article = common.load_article(args, config)
    analysis = Session(article, config).run_analysis()  # with the reader's corrections
    if args.format == "json":
        json.dump(to_json(analysis), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if args.format == "jsonl":
        for entity in to_json(analysis)["entities"]:
            sys.stdout.write(json.dumps(entity, ensure_ascii=False) + "\n")
        return 0
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from reader.analysis.model import LABEL_NAMES

    console = Console(highlight=False, markup=False, emoji=False)
    console.print(Text(f"recogniser: {analysis.recogniser}   "
                       f"entities: {len(analysis.entities)}"))
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("name")
    table.add_column("label")
    table.add_column("mentions", justify="right")
    table.add_column("aliases")
    for entity in analysis.entities:
        table.add_row(Text(entity.name), Text(f"{entity.label} ({LABEL_NAMES[entity.label]})"),
                      Text(str(entity.count)), Text(", ".join(entity.aliases)))
    console.print(table)
    return 0
