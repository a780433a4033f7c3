"""What a corpus run passes around: tasks (documents to annotate), bad documents, and
annotated documents (encoded records)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Kinds of tasks: a file to load, a URL to fetch, a document given in a JSONL line.
KINDS: tuple[str, ...] = ("file", "url", "doc")


@dataclass(frozen=True, slots=True)
class Task:
    """One document to annotate (picklable: it travels to worker processes).

    ``id`` names the document in the output (a path, a URL, or the ``id`` of a JSONL
    line); ``ref`` is the path or URL to read, or for ``kind == "doc"`` where the line came
    from (``FILE:LINE``), with the line's fields in ``doc``.
    """

    id: str
    kind: str
    ref: str
    doc: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Bad:
    """A document that cannot be annotated, and why (one line)."""

    id: str
    reason: str


@dataclass(frozen=True, slots=True)
class Done:
    """A document annotated in a worker: its record already encoded as one JSON line (so
    the run's process only writes it), with the counts the summary needs."""

    id: str
    line: bytes
    entities: int
    chars: int
