"""Argument helpers shared by subcommands."""

from __future__ import annotations

import argparse
import os
import stat
from typing import TYPE_CHECKING

from reader.config import Config, load_config

if TYPE_CHECKING:
    from reader.article import Article


def add_article_argument(parser: argparse.ArgumentParser) -> None:
    """The FILE argument, ``--input-format`` and ``--refresh`` of commands that read an
    article."""
    parser.add_argument("file", metavar="FILE",
                        help="article to read: a path, an http(s) URL, or - for stdin")
    parser.add_argument(
        "--input-format",
        choices=("text", "markdown", "html"),
        default=None,
        help="how to read FILE (default: guess from the name and content)",
    )
    parser.add_argument("--refresh", action="store_true",
                        help="for a URL: fetch the page again instead of using its stored copy")


def load_article(args: argparse.Namespace, config: Config) -> Article:
    """The article named by ``args.file`` (a path, a URL or ``-``), as the flags say."""
    from reader.article import load

    return load(args.file, args.input_format, config=config,
                refresh=bool(getattr(args, "refresh", False)))


def add_config_arguments(parser: argparse.ArgumentParser, *, model: bool = False,
                         network: bool = False) -> None:
    """Flags that override configuration settings."""
    if model:
        parser.add_argument("--model", metavar="NAME|PATH", default=None,
                            help="spaCy pipeline to use (default: best installed German "
                                 "model, else the embedded recogniser)")
    if network:
        parser.add_argument("--offline", action="store_true", default=None,
                            help="use only the glossary cache; never touch the network")
        parser.add_argument("--api-url", metavar="URL", default=None,
                            help="MediaWiki API URL template with {lang} "
                                 "(default: https://{lang}.wikipedia.org/w/api.php)")
        parser.add_argument("--lang", metavar="CODE", default=None,
                            help="language of the glossary (default: de)")


def config_from_args(args: argparse.Namespace) -> Config:
    """The configuration with command-line overrides applied."""
    return load_config().with_overrides(
        model=getattr(args, "model", None),
        offline=getattr(args, "offline", None),
        api_url=getattr(args, "api_url", None),
        lang=getattr(args, "lang", None),
    ).validated()


def output_kind(path: str | os.PathLike[str]) -> str:
    """What ``path`` is as an output: "missing", "file" (regular), "stream" (a FIFO or a
    character device such as ``/dev/null``: written as a stream) or "other" (refused)."""
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return "missing" if not os.path.islink(path) else "file"  # a dangling link
    except OSError:
        return "file"  # let the write report it
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return "file"
    return "stream" if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) else "other"


def _write_stream(path: str, data: bytes) -> None:
    """Write to a FIFO or character device; never creates or truncates anything."""
    fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):  # replaced meanwhile
            raise OSError(f"{path} changed while being opened; nothing written")
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def write_output(path: str, text: str, *, force: bool) -> None:
    """Write ``text`` to ``path``: a regular file atomically, never replacing one unless
    ``force``; a FIFO or character device (``/dev/null``, a named pipe) as a stream; any
    other special file is refused, and none is ever replaced.

    Raises :class:`ReaderError` with one line for an existing file or a failed write.
    """
    from reader import atomic
    from reader.errors import ReaderError

    kind = output_kind(path)
    try:
        if kind == "other":
            raise atomic.SpecialFileError(path)
        if kind == "stream":
            _write_stream(path, text.encode("utf-8"))
            return
        atomic.write_text(path, text, overwrite=force)
    except FileExistsError:
        raise ReaderError(f"{path} exists; use --force to replace it") from None
    except IsADirectoryError:
        raise ReaderError(f"{path} is a directory") from None
    except OSError as exc:
        raise ReaderError(f"cannot write {path}: {exc.strerror or exc}") from None
