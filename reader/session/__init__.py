"""The headless reading session shared by the app and every command (no Textual).

- :mod:`reader.session.core` - :class:`Session`: analysis with the reader's corrections,
  glossary queries and entries by entity key, notes, the export bundle;
- :mod:`reader.session.changes` - corrections as change objects (:data:`Change`);
- :mod:`reader.session.bundle` - :class:`ExportBundle`, rendered as Markdown or JSON.

The change objects and the bundle are imported on first use (the app starts without them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.lazy import lazy_names
from reader.session.core import Analysed, Analyser, Session

if TYPE_CHECKING:
    from reader.session.bundle import ExportBundle
    from reader.session.changes import (
        AddEntity,
        Change,
        ChoosePage,
        HideEntity,
        RemoveEntity,
        SetNote,
        UnhideEntity,
        apply_change,
    )

__all__ = ["AddEntity", "Analysed", "Analyser", "Change", "ChoosePage", "ExportBundle",
           "HideEntity", "RemoveEntity", "Session", "SetNote", "UnhideEntity",
           "apply_change"]

_HOMES = {"ExportBundle": "bundle", "AddEntity": "changes", "Change": "changes",
          "ChoosePage": "changes", "HideEntity": "changes", "RemoveEntity": "changes",
          "SetNote": "changes", "UnhideEntity": "changes", "apply_change": "changes"}


__getattr__ = lazy_names(__name__, _HOMES)
