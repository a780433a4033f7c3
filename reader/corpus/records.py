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
from typing import Any

from reader.analysis.cache import from_json, to_json
from reader.analysis.model import Analysis, Span
from reader.article import Article, Paragraph
from reader.corpus.documents import Task


def record_of(task: Task, article: Article, analysis: Analysis,
              spans: list[Span]) -> dict[str, Any]:
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
        "spans": [[s.start, s.end, s.label] for s in spans],
        "format": article.format,
        "paragraphs": [[p.start, p.end, p.kind] for p in article.paragraphs],
        "text": article.text,
    }



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
