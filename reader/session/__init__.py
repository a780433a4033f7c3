"""The headless reading session shared by the app and every command (no Textual).

- :mod:`reader.session.core` - :class:`Session`: analysis with the reader's corrections,
  glossary queries and entries by entity key, notes, the export bundle;
- :mod:`reader.session.changes` - corrections as change objects (:data:`Change`);
- :mod:`reader.session.bundle` - :class:`ExportBundle`, rendered as Markdown or JSON.
"""

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
from reader.session.core import Analysed, Analyser, Session

__all__ = ["AddEntity", "Analysed", "Analyser", "Change", "ChoosePage", "ExportBundle",
           "HideEntity", "RemoveEntity", "Session", "SetNote", "UnhideEntity",
           "apply_change"]
