"""The work of one batch of documents, as a worker (process, or Dask worker) does it.

:func:`annotate_batch` loads each task's article, analyses the batch at once with the
reader's corrections (:func:`reader.pipeline.analyse_many`; the recogniser is loaded once
per process) and builds one output record per document (:func:`record_of`), encoded here
as its JSON line (:class:`~reader.corpus.documents.Done`: workers encode in parallel, and
only bytes travel back to the run's process). A document
that cannot be loaded is a :class:`~reader.corpus.documents.Bad` in the result, never an
exception. Imports no Textual.
"""

from __future__ import annotations

import datetime as dt
import re
import resource
import sys
from dataclasses import dataclass

from reader.analysis.model import Analysis, Span
from reader.article import MAX_BYTES, Article, Paragraph, load
from reader.config import Config
from reader.corpus.documents import Bad, Done, Task
from reader.corpus.journal import encode
from reader.corpus.records import record_of
from reader.corrections import Corrections
from reader.errors import ReaderError

_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class BatchResult:
    """The encoded records (or bad documents) of a batch, in task order, and the worker's
    peak resident memory in bytes."""

    outcomes: list[Done | Bad]
    peak_rss: int


def article_of_document(task: Task) -> Article:
    """The article of a JSONL document: its ``text`` exactly as given (offsets refer to
    it), paragraphs at its non-blank lines, title and date from the fields if given."""
    from reader.article import _make_title

    text: str = task.doc["text"]
    if len(text) * 4 > MAX_BYTES and len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise ReaderError(f"text is larger than the limit of {MAX_BYTES // 1048576} MiB")
    paragraphs = tuple(Paragraph(m.start(), m.end()) for m in _LINE.finditer(text)
                       if m.group(0).strip())
    date = None
    if raw_date := task.doc.get("date"):
        try:
            date = dt.date.fromisoformat(raw_date[:10])
        except ValueError:
            date = None
    first = text[paragraphs[0].start:paragraphs[0].end].strip() if paragraphs else ""
    title = task.doc.get("title") or _make_title(" ".join(first.split()))
    return Article(text=text, title=title, paragraphs=paragraphs, date=date,
                   source=task.doc.get("url") or task.ref, format="text")


def load_task(task: Task, config: Config) -> Article:
    """The article of a task; raises :class:`ReaderError` (one line) when it cannot be read."""
    if task.kind == "file":
        return load(task.ref)
    if task.kind == "url":  # fetched, or read from its offline copy (reader.web)
        from reader.web import load_url

        return load_url(task.ref, config)
    return article_of_document(task)


def _peak_rss() -> int:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def annotate_batch(tasks: list[Task | Bad], config: Config,
                   corrections: Corrections) -> BatchResult:
    """Load and analyse ``tasks``; records and bad documents in task order (a bad document
    given in ``tasks`` stays one)."""
    from reader.pipeline import analyse_many

    loaded: list[tuple[int, Task, Article]] = []
    outcomes: list[Done | Bad] = []
    for task in tasks:
        if isinstance(task, Bad):
            outcomes.append(task)
            continue
        try:
            article = load_task(task, config)
        except ReaderError as exc:
            outcomes.append(Bad(task.id, _reason(str(exc), task)))
            continue
        loaded.append((len(outcomes), task, article))
        outcomes.append(Bad(task.id, "not analysed"))  # replaced below
    pairs = [(article.text, article.sha256) for _, _, article in loaded]
    results: list[tuple[Analysis, list[Span]] | str]
    try:
        results = list(analyse_many(pairs, config, corrections)) if pairs else []
    except ReaderError:
        raise  # the model or the corrections: fatal for the whole run
    except Exception:  # one document breaks the batch: analyse them one by one
        results = [_analyse_one(pair, config, corrections) for pair in pairs]
    for (position, task, article), result in zip(loaded, results, strict=True):
        outcomes[position] = (Bad(task.id, f"analysis failed ({result})")
                              if isinstance(result, str) else _done(task, article, *result))
    return BatchResult(outcomes, _peak_rss())


def _done(task: Task, article: Article, analysis: Analysis, spans: list[Span]) -> Done:
    """The encoded record of an analysed document."""
    record = record_of(task, article, analysis, spans)
    return Done(task.id, encode(record), len(record["entities"]), len(article.text))


def _analyse_one(pair: tuple[str, str], config: Config,
                 corrections: Corrections) -> tuple[Analysis, list[Span]] | str:
    """The analysis of one text, or what went wrong (one line)."""
    from reader.pipeline import analyse_many

    try:
        return analyse_many([pair], config, corrections)[0]
    except ReaderError:
        raise
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"


def _reason(message: str, task: Task) -> str:
    """An error message without the document's own name in front (the id says it)."""
    for prefix in (f"{task.ref}: ", f"{task.ref} "):
        if message.startswith(prefix):
            return message[len(prefix):]
    return message
