"""``reader open FILE`` (also plain ``reader FILE``): read an article in the terminal."""

from __future__ import annotations

import argparse
import gc
import os
import sys

from reader.commands import common
from reader.errors import ReaderError

HELP = "open an article in the reader (the default command)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``reader open``."""
    common.add_article_argument(parser)
    common.add_config_arguments(parser, model=True, network=True)


def _reattach_terminal() -> None:
    """After reading the article from a pipe, read keys from the terminal instead."""
    if sys.stdin.isatty():
        return
    try:
        fd = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        raise ReaderError(
            "no terminal to read keys from; use 'reader entities' or 'reader export' in pipelines"
        ) from None
    os.dup2(fd, 0)
    os.close(fd)
    sys.stdin = open(0, closefd=False)  # noqa: SIM115 - replaces the process's stdin


def run(args: argparse.Namespace) -> int:
    """Load the article, then run the app.

    Start-up allocates much and frees little: the garbage collector waits until the
    first frame is drawn (the main screen starts it again; so does the end of this call).
    """
    gc.disable()
    try:
        return _run(args)
    finally:
        gc.enable()


def _run(args: argparse.Namespace) -> int:
    from reader.app.settings import check_settings
    from reader.article_start import load_start

    config = check_settings(common.config_from_args(args))  # theme, [keymap]: one line
    # A long file's start is shown at once; the app reads the whole after the first frame.
    start = load_start(args.file, args.input_format) if _has_terminal() else None
    article = start or common.load_article(args, config)
    require_terminal()
    if args.file == "-":
        _reattach_terminal()
    from reader.app.reading import ContinuousReaderApp

    whole = (lambda: common.load_article(args, config)) if start is not None else None
    app = ContinuousReaderApp(article, config=config, whole=whole)
    app.run()
    if app.load_error:  # the rest of the file was unreadable (the app showed its start)
        raise ReaderError(app.load_error)
    code = app.return_code or 0
    if app.wants_library:  # Backspace: the library follows
        from reader.app.library_app import run_library

        code = run_library(config)
    exit_now_if_workers_remain(code)
    return code


def _has_terminal() -> bool:
    return sys.stdout.isatty() or os.environ.get("READER_ALLOW_NO_TTY") == "1"


def require_terminal() -> None:
    """Refuse to start the app when standard output is not a terminal."""
    if not _has_terminal():
        raise ReaderError("standard output is not a terminal; use 'reader export' to write text")


def exit_now_if_workers_remain(code: int) -> None:
    """Quit at once even if a worker thread is still busy (a recogniser still loading, a
    slow request): the interpreter would otherwise wait for it at exit. Everything the user
    made is already on disk (writes are atomic; SQLite is transactional)."""
    import threading

    busy = [t for t in threading.enumerate()
            if t is not threading.main_thread() and t.is_alive() and not t.daemon]
    if busy:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
