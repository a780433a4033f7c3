"""``reader lookup NAME``: background on one name from Wikipedia (or the glossary cache)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING

from reader.commands.common import add_config_arguments, config_from_args
from reader.errors import ReaderError

if TYPE_CHECKING:
    from glossary.models import GlossaryEntry

HELP = "look a name up in the glossary (Wikipedia, cached)"

_LABELS = ("PER", "ORG", "LOC", "MISC")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``reader lookup``."""
    parser.add_argument("name", metavar="NAME", help="the name to look up, e.g. 'Nato'")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="output format (default: text)")
    parser.add_argument("--label", choices=_LABELS, default="MISC",
                        help="kind of entity, helps to choose among pages (default: MISC)")
    parser.add_argument("--context", metavar="WORDS", default="",
                        help="words that help to choose among pages, e.g. 'Ukraine 2025'")
    add_config_arguments(parser, network=True)


def _text(entry: GlossaryEntry) -> str:
    lines = [f"{entry.query}: {entry.status.value}"]
    if entry.title:
        lines[0] += f" - {entry.title}" + (f" ({entry.lang})" if entry.lang else "")
    if entry.description:
        lines.append(entry.description)
    if entry.intro:
        lines.append("")
        lines.append(entry.intro)
    if entry.url:
        lines.append("")
        lines.append(f"{entry.url}  ({entry.source}, {entry.licence})")
    if entry.candidates:
        lines.append("")
        lines.append("possible pages:" if entry.status.value == "ambiguous"
                     else "other pages:")
        lines.extend(f"  {c.title}" + (f" - {c.description}" if c.description else "")
                     for c in entry.candidates)
    if entry.error:
        lines.append(f"note: {entry.error}")
    if entry.extra.get("stale"):
        lines.append("note: cached entry is older than the refresh period")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Look the name up and print the entry; exit 1 unless something was found."""
    from glossary.models import MAX_NAME_LENGTH, EntityQuery, Status
    from reader.lookup import glossary_for, print_notice

    name = " ".join(args.name.split())
    if not name:
        raise ReaderError("NAME is empty")
    if len(name) > MAX_NAME_LENGTH:
        raise ReaderError(f"NAME is too long to look up ({len(name):,} characters; "
                          f"at most {MAX_NAME_LENGTH})")
    config = config_from_args(args)
    if not config.api_url.startswith(("http://", "https://")):
        raise ReaderError(f"invalid API URL {config.api_url!r} (expected http:// or https://)")
    glossary = glossary_for(config, on_notice=print_notice)
    try:
        if glossary.cache_warning:
            print(f"reader: warning: {glossary.cache_warning}", file=sys.stderr)
        query = EntityQuery(name=name, label=args.label, lang=config.lang,
                            context=tuple(args.context.split()))
        entry = glossary.lookup(query)
    finally:
        glossary.close()
    from reader.export.annotate import clean_entry  # network text is data, not terminal codes

    entry = clean_entry(entry)
    if args.format == "json":
        data = asdict(entry)
        data["status"] = entry.status.value
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(_text(entry))
    return 0 if entry.status in (Status.FOUND, Status.AMBIGUOUS) else 1
