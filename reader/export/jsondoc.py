"""The JSON export: the article, its entities and their glossary entries, for scripting.

Schema (``"schema": "reader-export", "version": 1``; new fields may be added, existing ones
keep their meaning)::

    {
      "schema": "reader-export", "version": 1,
      "exported_at": "2025-09-05T10:00:00+00:00",   # ISO 8601
      "recogniser": "embedded 0.1.0",
      "article": {
        "title": str, "date": "YYYY-MM-DD" | null, "source": str, "format": str,
        "sha256": str, "text": str,
        "paragraphs": [{"start": int, "end": int, "kind": "paragraph" | "heading" |
                        "list_item" | "quote" | "table_row"}],
        "url": str, "site": str, "author": str,     # only when known (web pages, HTML)
      },
      "entities": [                                   # grouped by label, then first mention
        {
          "key": str, "name": str, "label": "PER" | "ORG" | "LOC" | "MISC",
          "aliases": [str], "count": int,
          "mentions": [{"start": int, "end": int, "text": str}],
          "glossary": null | {
            "status": "found" | "ambiguous" | "not_found" | "not_cached" | "error",
            "query": str, "lang": str, "title": str, "description": str, "intro": str,
            "url": str, "wikidata": str, "source": str, "licence": str,
            "fetched_at": ISO 8601 | null, "error": str,
            "candidates": [{"title": str, "description": str, "url": str}]
          },
          "note": str | null
        }
      ]
    }

Offsets count Unicode code points of ``article.text`` (Python string indices), end
exclusive; ``text[start:end]`` is the mention. ``glossary`` is ``null`` for an entity that
was not looked up.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from glossary.models import GlossaryEntry
from reader.analysis.model import Analysis, Entity
from reader.article import Article
from reader.export.annotate import clean_texts, entry_for, glossary_order
from reader.export.markdown import note_for

SCHEMA = "reader-export"
VERSION = 1


def entry_json(entry: GlossaryEntry) -> dict[str, Any]:
    """One glossary entry as JSON data."""
    fetched = (dt.datetime.fromtimestamp(entry.fetched_at, dt.UTC).isoformat(timespec="seconds")
               if entry.fetched_at > 0 else None)
    return {
        "status": str(entry.status),
        "query": entry.query,
        "lang": entry.lang,
        "title": entry.title,
        "description": entry.description,
        "intro": entry.intro,
        "url": entry.url,
        "wikidata": entry.wikidata_id,
        "source": entry.source,
        "licence": entry.licence,
        "fetched_at": fetched,
        "error": entry.error,
        "candidates": [{"title": c.title, "description": c.description, "url": c.url}
                       for c in entry.candidates],
    }


def entity_json(entity: Entity, entry: GlossaryEntry | None, note: str | None) -> dict[str, Any]:
    """One entity with its mentions, glossary entry and note as JSON data."""
    return {
        "key": entity.key,
        "name": entity.name,
        "label": entity.label,
        "aliases": list(entity.aliases),
        "count": entity.count,
        "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in entity.mentions],
        "glossary": entry_json(entry) if entry is not None else None,
        "note": note,
    }


def to_data(article: Article, analysis: Analysis, entries: Mapping[str, GlossaryEntry], *,
            recogniser: str | None = None, exported_at: dt.datetime,
            notes: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The export as JSON-compatible data (see the module docstring for the schema)."""
    entries, notes = clean_texts(entries, notes)
    return {
        "schema": SCHEMA,
        "version": VERSION,
        "exported_at": exported_at.isoformat(timespec="seconds"),
        "recogniser": recogniser or analysis.recogniser,
        "article": {
            "title": article.title,
            "date": article.date.isoformat() if article.date else None,
            "source": article.source,
            "format": article.format,
            "sha256": article.sha256,
            "text": article.text,
            "paragraphs": [{"start": p.start, "end": p.end, "kind": p.kind}
                           for p in article.paragraphs],
            **{name: value for name, value in (("url", article.url), ("site", article.site),
                                               ("author", article.author)) if value},
        },
        "entities": [entity_json(e, entry_for(e, entries), note_for(e, notes))
                     for e in glossary_order(analysis)],
    }


def to_json(article: Article, analysis: Analysis, entries: Mapping[str, GlossaryEntry], *,
            recogniser: str | None = None, exported_at: dt.datetime,
            notes: Mapping[str, str] | None = None) -> str:
    """The JSON export as text (UTF-8, not ASCII-escaped, indented, newline at the end)."""
    data = to_data(article, analysis, entries, recogniser=recogniser,
                   exported_at=exported_at, notes=notes)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
