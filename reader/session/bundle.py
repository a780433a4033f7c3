"""What an export is made of: the article, its analysis, glossary entries and notes.

:class:`ExportBundle` is produced by :meth:`reader.session.Session.bundle` and rendered by
the pure functions of :mod:`reader.export`. Entries and notes are keyed by entity key, so
two entities with the same name and different labels keep their own. Imports no Textual.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from glossary.models import GlossaryEntry
from reader.analysis.model import Analysis
from reader.article import Article


@dataclass(frozen=True)
class ExportBundle:
    """Everything an export needs, by entity key."""

    article: Article
    analysis: Analysis
    entries: Mapping[str, GlossaryEntry] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)

    def render(self, fmt: str = "md", *, style: str = "links",
               exported_at: dt.datetime | None = None) -> str:
        """The export as text: ``fmt`` ``"md"`` (in ``style``) or ``"json"``."""
        from reader.export import to_json, to_markdown

        when = exported_at or dt.datetime.now(dt.UTC).astimezone()
        if fmt == "json":
            return to_json(self.article, self.analysis, self.entries, exported_at=when,
                           notes=self.notes)
        return to_markdown(self.article, self.analysis, self.entries, style=style,
                           exported_at=when, notes=self.notes)

    def with_background(self) -> int:
        """How many entities have a glossary entry with background."""
        return sum(1 for entity in self.analysis.entities
                   if (entry := self.entries.get(entity.key)) is not None and entry.ok)
