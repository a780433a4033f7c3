"""The work of one batch of documents, in three steps.

1. :func:`prepare` (the run's process): each JSONL document made into its article (its
   text is what the worker gets); a file or URL task is passed on as it is.
2. :func:`recognise_batch` (a worker process, or a Dask worker): file and URL tasks
   loaded, every text of the batch recognised at once with the reader's added entities
   (:func:`reader.pipeline.recognise_many`; the recogniser is loaded once per process);
   spans go back as plain tuples.
3. :func:`finish` (the run's process): each document's spans clustered into its analysis
   with the reader's corrections (:func:`reader.pipeline.analysed`) and its record
   encoded as its JSON line (:func:`~reader.corpus.records.record_line`, a
   :class:`~reader.corpus.documents.Done`).

The local engine runs step 2 in its workers and steps 1 and 3 in the run's process, so
that clustering and encoding overlap with recognition (even with one worker);
:func:`annotate_batch` runs all three where it is called (the Dask engine's workers). A
document that cannot be loaded or analysed is a :class:`~reader.corpus.documents.Bad` in
the result, never an exception. Imports no Textual.
"""
from __future__ import annotations

import datetime as dt
import re
import resource
import sys
from dataclasses import dataclass

from reader.analysis.model import Span
from reader.analysis.user_patterns import UserNames
from reader.article import MAX_BYTES, Article, Paragraph, load
from reader.config import Config
from reader.corpus.documents import Bad, Done, Task
from reader.corpus.records import record_line
from reader.corrections import Corrections
from reader.errors import ReaderError

_LINE = re.compile(r"[^\n]+")


#: An item for a worker: the text of a JSONL document, or a file or URL task to load.
Item = str | Task
#: What a worker found for an item: the spans (``(start, end, label)``) with the article
#: it loaded (None for a text), or why it failed (one line).
Found = tuple[list[tuple[int, int, str]], Article | None] | str
#: A document of a batch in the run's process: a bad document, or the task with its
#: article (None until the worker has loaded it).
Entry = tuple[Task, Article | None] | Bad


@dataclass(frozen=True, slots=True)
class Recognised:
    """What a worker gives back for a batch: the recogniser's name, what it found for
    each item (in order), and its peak resident memory in bytes."""

    recogniser: str
    found: list[Found]
    peak_rss: int


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
    """Load and analyse ``tasks`` (all three steps here); records and bad documents in
    task order (a bad document given in ``tasks`` stays one)."""
    entries, items = prepare(tasks)
    return finish(entries, recognise_batch(items, config, corrections), corrections)


def prepare(tasks: list[Task | Bad]) -> tuple[list[Entry], list[Item]]:
    """Step 1 (the run's process): the entries of a batch in task order, and the items
    to recognise (the text of each JSONL document, made into its article here; a file or
    URL task, loaded by the worker)."""
    entries: list[Entry] = []
    items: list[Item] = []
    for task in tasks:
        if isinstance(task, Bad):
            entries.append(task)
        elif task.kind == "doc":
            try:
                article = article_of_document(task)
            except ReaderError as exc:
                entries.append(Bad(task.id, _reason(str(exc), task)))
                continue
            entries.append((task, article))
            items.append(article.text)
        else:
            entries.append((task, None))
            items.append(task)
    return entries, items


def recognise_batch(items: list[Item], config: Config, corrections: Corrections) -> Recognised:
    """Step 2 (a worker): load the file and URL items, recognise every text of the batch at
    once (the recogniser is loaded once per process); spans as plain tuples (cheap to
    send)."""
    from reader.pipeline import recognise_many

    found: list[Found] = []
    texts: list[str] = []
    for item in items:
        if isinstance(item, str):
            found.append(([], None))
            texts.append(item)
            continue
        try:
            article = load_task(item, config)
        except ReaderError as exc:
            found.append(_reason(str(exc), item))
            continue
        found.append(([], article))
        texts.append(article.text)
    name = ""
    results: list[list[Span] | str]
    try:
        name, spans = recognise_many(texts, config, corrections) if texts else ("", [])
        results = list(spans)
    except ReaderError:
        raise  # the model or the corrections: fatal for the whole run
    except Exception:  # one document breaks the batch: recognise them one by one
        results = []
        for text in texts:
            try:
                name, [one] = recognise_many([text], config, corrections)
                results.append(one)
            except ReaderError:
                raise
            except Exception as exc:
                results.append(f"analysis failed ({type(exc).__name__}: {exc})")
    done = iter(results)
    for position, entry in enumerate(found):
        if not isinstance(entry, str):
            result = next(done)
            found[position] = result if isinstance(result, str) else (
                [(span.start, span.end, span.label) for span in result], entry[1])
    return Recognised(name, found, _peak_rss())


def finish(entries: list[Entry], recognised: Recognised,
           corrections: Corrections) -> BatchResult:
    """Step 3 (the run's process): cluster each document's spans into its analysis, with
    the reader's corrections, and encode its record; bad documents stay in their place."""
    from reader.pipeline import analysed

    added = UserNames(corrections.patterns())
    found = iter(recognised.found)
    outcomes: list[Done | Bad] = []
    for entry in entries:
        if isinstance(entry, Bad):
            outcomes.append(entry)
            continue
        task, article = entry
        result = next(found)
        if isinstance(result, str):
            outcomes.append(Bad(task.id, result))
            continue
        article = article or result[1]
        assert article is not None  # the worker loaded it
        sha256 = article.sha256
        try:
            analysis, spans = analysed(article.text, sha256, result[0], recognised.recogniser,
                                       corrections, added)
        except ReaderError:
            raise
        except Exception as exc:
            outcomes.append(Bad(task.id, f"analysis failed ({type(exc).__name__}: {exc})"))
            continue
        line = record_line(task, article, analysis, spans, sha256)
        outcomes.append(Done(task.id, line, len(analysis.entities), len(article.text)))
    return BatchResult(outcomes, recognised.peak_rss)


def _reason(message: str, task: Task) -> str:
    """An error message without the document's own name in front (the id says it)."""
    for prefix in (f"{task.ref}: ", f"{task.ref} "):
        if message.startswith(prefix):
            return message[len(prefix):]
    return message
