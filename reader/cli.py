"""The ``reader`` command line: argument parsing, exit codes and one-line errors."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from reader import __version__
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


def build_parser() -> argparse.ArgumentParser:
    """The parser with every subcommand."""
    parser = _Parser(
        prog="reader",
        description="Read news articles in the terminal with their people, organisations and "
        "places highlighted and explained. 'reader FILE' opens FILE in the reader.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        module = _command(name)
        sub_parser = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(sub_parser)
        sub_parser.set_defaults(run=module.run)
    return parser


def _with_default_command(argv: list[str]) -> list[str]:
    """Insert ``open`` when the first argument is a file rather than a command."""
    for index, arg in enumerate(argv):
        if arg in ("-h", "--help", "--version"):
            return argv
        if arg == "-" or not arg.startswith("-"):
            if arg not in COMMANDS:
                return [*argv[:index], "open", *argv[index:]]
            return argv
    return argv


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
    parser = build_parser()
    if not args_list:
        args_list = ["library"]  # plain `reader`: the library screen
    args = parser.parse_args(_with_default_command(args_list))
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
