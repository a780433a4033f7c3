"""``reader library`` (also plain ``reader``): feeds, their entries and the recently read."""

from __future__ import annotations

import argparse

from reader.commands.common import add_config_arguments, config_from_args

HELP = "the library: feeds, entries and recently read articles (also plain 'reader')"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``reader library``."""
    add_config_arguments(parser, model=True, network=True)


def run(args: argparse.Namespace) -> int:
    """Show the library; articles chosen there open in the reader."""
    from reader.app.settings import check_settings
    from reader.commands.open import exit_now_if_workers_remain, require_terminal

    config = check_settings(config_from_args(args))  # theme and [keymap]: one-line errors
    require_terminal()
    from reader.app.library_app import run_library

    code = run_library(config)
    exit_now_if_workers_remain(code)
    return code
