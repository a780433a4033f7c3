"""The inputs of a corpus run: command-line arguments expanded into documents.

An input is a file (an article, or a ``.jsonl`` file of documents), a directory (searched
recursively for files ending in :data:`ARTICLE_SUFFIXES` or :data:`JSONL_SUFFIXES`), a
glob pattern (``**`` recurses), an ``http(s)://`` URL, or ``-``: one input per line on
standard input. :func:`expand` resolves them into :class:`Source` entries (cheap: no file
is read), :func:`count` tells how many documents they hold, and :func:`tasks` yields a
:class:`~reader.corpus.documents.Task` per document, or a
:class:`~reader.corpus.documents.Bad` for a line that is no document.

A JSONL document is one object per line: ``{"id": ..., "text": ...}`` with optional
``title``, ``date`` (``YYYY-MM-DD``) and ``url``. A line without ``id`` is named
``FILE:LINE``. Its ``text`` is annotated exactly as given (offsets refer to it).
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TextIO

from reader.article import MAX_BYTES
from reader.corpus.documents import Bad, Task
from reader.errors import ReaderError

#: Files taken from a directory as articles.
ARTICLE_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".markdown", ".html", ".htm")
#: Files read as one document per line.
JSONL_SUFFIXES: tuple[str, ...] = (".jsonl", ".ndjson")
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class Source:
    """An expanded input: ``kind`` is "file", "jsonl", "url" or "missing" (a name from
    standard input that matched nothing; reported as a bad document)."""

    kind: str
    ref: str


def is_url(value: str) -> bool:
    """True for an ``http://`` or ``https://`` URL."""
    return value.lower().startswith(("http://", "https://"))


def _kind_of(path: str) -> str:
    return "jsonl" if path.lower().endswith(JSONL_SUFFIXES) else "file"


def _walk(directory: str) -> Iterator[Source]:
    wanted = ARTICLE_SUFFIXES + JSONL_SUFFIXES
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(wanted) and not name.startswith("."):
                path = os.path.join(root, name)
                yield Source(_kind_of(path), path)


def _expand_one(arg: str, *, strict: bool) -> list[Source]:
    if is_url(arg):
        return [Source("url", arg)]
    if os.path.isdir(arg):
        return list(_walk(arg))
    if os.path.lexists(arg):
        return [Source(_kind_of(arg), arg)]
    if _GLOB_CHARS & set(arg):
        found = sorted(glob.glob(arg, recursive=True))
        out = [s for match in found for s in _expand_one(match, strict=False)]
        if out:
            return out
        if not strict:
            return [Source("missing", arg)]
        raise ReaderError(f"{arg}: no file matches")
    if strict:
        raise ReaderError(f"{arg}: no such file or directory")
    return [Source("missing", arg)]


def expand(inputs: Iterable[str], stdin: TextIO | None = None) -> list[Source]:
    """The sources of the command-line ``inputs``, in order (a directory's files sorted).

    ``-`` reads one input per line from ``stdin``. Raises :class:`ReaderError` for a
    command-line input that does not exist or a pattern that matches nothing; a name read
    from standard input that does not exist becomes a "missing" source instead.
    """
    sources: list[Source] = []
    for arg in inputs:
        if arg == "-":
            if stdin is None:
                raise ReaderError("- given, but there is no standard input")
            for line in stdin:
                name = line.strip()
                if name and name != "-":
                    sources.extend(_expand_one(name, strict=False))
        else:
            sources.extend(_expand_one(arg, strict=True))
    return sources


def count(sources: Iterable[Source]) -> int:
    """How many documents the sources hold (every non-blank line of a JSONL file)."""
    total = 0
    for source in sources:
        if source.kind != "jsonl":
            total += 1
            continue
        try:
            with open(source.ref, "rb") as handle:
                total += sum(1 for line in handle if line.strip())
        except OSError:
            total += 1  # reported as one bad document by tasks()
    return total


def tasks(sources: Iterable[Source]) -> Iterator[Task | Bad]:
    """One task (or bad document) per document of the sources, in order."""
    for source in sources:
        if source.kind == "missing":
            yield Bad(source.ref, "no file matches" if _GLOB_CHARS & set(source.ref)
                      else "no such file or directory")
        elif source.kind == "jsonl":
            yield from _jsonl_tasks(source.ref)
        else:
            yield Task(source.ref, source.kind, source.ref)


def _jsonl_tasks(path: str) -> Iterator[Task | Bad]:
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed below; lines are read lazily)
    except OSError as exc:
        yield Bad(path, f"cannot read ({exc.strerror or exc})")
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            if raw.strip():
                yield document_task(raw, f"{path}:{number}")


def document_task(raw: bytes, where: str) -> Task | Bad:
    """The task of one JSONL line (``where`` is ``FILE:LINE``), or why it is no document."""
    if len(raw) > MAX_BYTES:
        return Bad(where, f"line is larger than the limit of {MAX_BYTES // 1048576} MiB")
    try:
        item = json.loads(raw)
    except ValueError as exc:
        return Bad(where, f"invalid JSON line ({exc})")
    if not isinstance(item, dict):
        return Bad(where, "a JSONL line must be an object with id and text")
    ident = item.get("id")
    if isinstance(ident, bool) or not isinstance(ident, str | int | type(None)):
        return Bad(where, "id must be a string or a number")
    name = where if ident is None or ident == "" else str(ident)
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        return Bad(name, "no text")
    fields = {"text": text}
    for key in ("title", "date", "url"):
        value = item.get(key)
        if value is not None and not isinstance(value, str):
            return Bad(name, f"{key} must be a string")
        if value:
            fields[key] = value
    return Task(name, "doc", where, fields)


__all__ = ["ARTICLE_SUFFIXES", "JSONL_SUFFIXES", "Source", "count", "document_task",
           "expand", "is_url", "tasks"]
