"""The ``reader`` command line: argument parsing, exit codes and one-line errors."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import warnings
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from reader.commands import COMMANDS
from reader.errors import ReaderError
from reader.sanitize import one_line

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr with exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {one_line(message)} "
                              f"(see '{self.prog} --help')\n")


def _command(name: str) -> ModuleType:
    return importlib.import_module(f"reader.commands.{name}")


EPILOG = """\
examples:
  reader article.txt                       open an article in the reader
  reader entities article.md --format json the people, organisations and places
  reader lookup "Koalition der Willigen"   one glossary entry
  reader prefetch article.txt              fetch the glossary, then read --offline
  reader export article.txt -o notes.md    annotated Markdown
  reader config set contact me@example.org your contact for Wikimedia's API

configuration:
  {config}
  (another file: READER_CONFIG=PATH; see 'reader config show')
  every setting is also an environment variable READER_<SETTING>, e.g.
  READER_OFFLINE=1, READER_API_URL, READER_LANG, READER_CONTACT, READER_MODEL,
  READER_CACHE_DIR, READER_DATA_DIR; command-line flags win over both.
  --format is text or json everywhere (jsonl for lists where offered).
"""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every subcommand (``only``: with that one alone, so that running
    one command imports no other command's module)."""
    from reader import paths

    parser = _Parser(
        prog="reader",
        description="Read news articles in the terminal with their people, organisations and "
        "places highlighted and explained. 'reader FILE' opens FILE in the reader.",
        epilog=EPILOG.format(config=paths.config_file()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="store_true",
                        help="print the version and exit (with --verbose: licences, "
                             "library versions and the data's attributions)")
    parser.add_argument("--verbose", "-v", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS if only is None else (only,):
        module = _command(name)
        sub_parser = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(sub_parser)
        sub_parser.set_defaults(run=module.run)
    return parser


def _with_default_command(argv: list[str]) -> list[str]:
    """Insert ``open`` when the first argument is a file rather than a command.

    A first argument that is no command and no existing path but close to a command name
    is a typing mistake: :class:`ReaderError` says which command was meant.
    """
    for index, arg in enumerate(argv):
        if arg in ("-h", "--help", "--version"):
            return argv
        if arg == "-" or not arg.startswith("-"):
            if arg not in COMMANDS:
                _check_not_a_typo(arg)
                # ``reader --offline FILE``: the options are open's (unless --verbose)
                before = argv[:index]
                if any(option in ("-v", "--verbose") for option in before):
                    return [*before, "open", *argv[index:]]
                return ["open", *argv]
            return argv
    return argv


def _chosen_command(argv: list[str]) -> str | None:
    """The command ``argv`` runs (after :func:`_with_default_command`), or None when the
    whole parser is needed (help, version, or no command)."""
    for arg in argv:
        if arg in ("-h", "--help", "--version"):
            return None
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def _check_not_a_typo(arg: str) -> None:
    import difflib

    if arg == "-" or os.path.lexists(arg) or os.sep in arg or "." in arg:
        return
    close = difflib.get_close_matches(arg.lower(), COMMANDS, n=1, cutoff=0.75)
    if close:
        raise ReaderError(f"unknown command '{one_line(arg)}' — did you mean '{close[0]}'?")


#: Arguments that name files: bytes on Linux, so any name is allowed (undecodable bytes
#: arrive as lone surrogates, which the file system functions turn back into those bytes).
PATH_ARGUMENTS = frozenset({"file", "output", "article", "model"})


def _check_text_arguments(args: argparse.Namespace) -> None:
    """Refuse text arguments (names, notes, URLs...) that are not valid UTF-8."""
    for dest, value in vars(args).items():
        if dest in PATH_ARGUMENTS or not isinstance(value, str):
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            shown = dest.replace("_", "-").upper()
            raise ReaderError(f"argument {shown} is not valid UTF-8 text "
                              f"({one_line(value)[:60]!r})") from None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    # The commands say "reader: warning: ..." themselves: no Python warnings header too.
    warnings.filterwarnings("ignore", message="glossary cache ")
    if not args_list:
        args_list = ["library"]  # plain `reader`: the library screen
    try:
        args_list = _with_default_command(args_list)
    except ReaderError as exc:
        print(f"reader: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    parser = build_parser(_chosen_command(args_list))
    args = parser.parse_args(args_list)
    if args.version:
        from reader.about import version_text

        print(version_text(args.verbose))
        return EXIT_OK
    if getattr(args, "run", None) is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        _check_text_arguments(args)
        return int(args.run(args))
    except ReaderError as exc:  # file names and input in messages are data: cleaned
        print(f"reader: error: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("reader: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of our output went away (e.g. `reader entities x | head`).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a bug: still one line, unless debugging
        if os.environ.get("READER_DEBUG"):
            raise
        print(f"reader: internal error: {type(exc).__name__}: {one_line(str(exc))} "
              "(set READER_DEBUG=1 for details)", file=sys.stderr)
        return EXIT_FAILURE
