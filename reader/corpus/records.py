"""Output records: one JSON object per document, and the article and analysis back from one.

A record holds ``id``, ``source``, ``url``, ``title``, ``date``, ``sha256``,
``recogniser``, ``entities`` (the schema of ``reader entities --format json``), ``spans``
(the recogniser's own ``[start, end, label]`` before clustering), ``format``,
``paragraphs`` (``[start, end, kind]``) and ``text``; offsets are Python string indices
into ``text``. With ``--glossary`` each entity also has ``glossary`` (the JSON export's
entry, or null).
"""

from __future__ import annotations

import datetime as dt
import json
from json.encoder import encode_basestring as _q  # json.dumps's quoting (ensure_ascii=False)
from typing import Any

from reader.analysis.cache import from_json, to_json
from reader.analysis.cluster import Found
from reader.analysis.model import Analysis
from reader.article import Article, Paragraph
from reader.corpus.documents import Task
from reader.corpus.journal import encode


def record_of(task: Task, article: Article, analysis: Analysis,
              spans: list[Found]) -> dict[str, Any]:
    """The output record of one document (see ``reader annotate --help`` and README)."""
    return {
        "id": task.id,
        "source": article.source,
        "url": task.doc.get("url") or (task.ref if task.kind == "url" else None),
        "title": article.title,
        "date": article.date.isoformat() if article.date else None,
        "sha256": article.sha256,
        "recogniser": analysis.recogniser,
        "entities": to_json(analysis)["entities"],
        "spans": [list(span) for span in spans],
        "format": article.format,
        "paragraphs": [[p.start, p.end, p.kind] for p in article.paragraphs],
        "text": article.text,
    }


def record_line(task: Task, article: Article, analysis: Analysis, spans: list[Found],
                sha256: str) -> bytes:
    """The record of one document as its journal line (``sha256``: the article's): the
    bytes that ``journal.encode(record_of(...))`` gives, written out directly (no dicts in
    between: the run's process makes one for every document)."""
    entities = ", ".join([
        f'{{"name": {_q(e.name)}, "label": {_q(e.label)}, "aliases": '
        f'[{", ".join([_q(alias) for alias in e.aliases])}], "mentions": ['
        + ", ".join([f'{{"start": {m.start}, "end": {m.end}, "text": {_q(m.text)}}}'
                     for m in e.mentions]) + "]}"
        for e in analysis.entities])
    line = "".join((
        '{"id": ', _value(task.id),
        ', "source": ', _value(article.source),
        ', "url": ', _value(task.doc.get("url") or (task.ref if task.kind == "url" else None)),
        ', "title": ', _value(article.title),
        ', "date": ', _value(article.date.isoformat() if article.date else None),
        ', "sha256": ', _value(sha256),
        ', "recogniser": ', _value(analysis.recogniser),
        ', "entities": [', entities,
        '], "spans": [', ", ".join([f"[{start}, {end}, {_q(label)}]"
                                   for start, end, label in spans]),
        '], "format": ', _value(article.format),
        ', "paragraphs": [', ", ".join([f"[{p.start}, {p.end}, {_q(p.kind)}]"
                                        for p in article.paragraphs]),
        '], "text": ', _q(article.text), "}\n"))
    try:
        return line.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: the escaped form (see journal.encode)
        return encode(record_of(task, article, analysis, spans))


def _value(value: object) -> str:
    """A string (or null) as JSON; anything else as ``json.dumps`` writes it."""
    if isinstance(value, str):
        return _q(value)
    return "null" if value is None else json.dumps(value, ensure_ascii=False)


def article_of_record(record: dict[str, Any]) -> Article:
    """The article a record was made from (text, paragraphs, title, date, source)."""
    date = dt.date.fromisoformat(record["date"]) if record.get("date") else None
    return Article(text=record["text"], title=record["title"],
                   paragraphs=tuple(Paragraph(int(s), int(e), str(k))
                                    for s, e, k in record["paragraphs"]),
                   date=date, source=record["source"], format=record.get("format", "text"))


def analysis_of_record(record: dict[str, Any]) -> Analysis:
    """The analysis of a record (its entities; the spans are not part of it)."""
    return from_json(record)
