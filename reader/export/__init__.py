"""Export an article with its entities and glossary as annotated Markdown or JSON.

Pure functions, no I/O and no Textual: :func:`to_markdown` (see
:mod:`reader.export.markdown` for the layout and the three styles) and :func:`to_json`
(see :mod:`reader.export.jsondoc` for the schema). Glossary entries and personal notes are
passed keyed by entity key (as :meth:`reader.session.Session.bundle` gives them), so two
entities with the same name and different labels keep their own; a mapping keyed by entity
name (``Glossary.lookup_many``'s result) is accepted too.
"""

from __future__ import annotations

from pathlib import Path

from reader.article import is_web_url
from reader.export.jsondoc import to_data, to_json
from reader.export.markdown import STYLES, to_markdown

#: Output formats: Markdown and JSON.
FORMATS: tuple[str, ...] = ("md", "json")

__all__ = ["FORMATS", "STYLES", "suggested_path", "to_data", "to_json", "to_markdown"]


def suggested_path(source: str, fmt: str = "md", title: str = "") -> Path:
    """Where to write an export by default: beside the article, as ``NAME.annotated.md``.

    For an article read from standard input or the web, a name made from ``title`` in the
    current directory.
    """
    suffix = f".annotated.{fmt}"
    if source and not source.startswith("<") and not is_web_url(source):
        path = Path(source)
        return path.with_name(path.stem + suffix)
    stem = "".join(ch if ch.isalnum() else "-" for ch in title.strip().lower())
    stem = "-".join(part for part in stem.split("-") if part)[:60] or "article"
    return Path(stem + suffix)
