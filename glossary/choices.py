"""The user's chosen pages: which page a name means, whatever the resolver would pick.

:class:`Choices` is what the glossary needs; :class:`ChoiceStore` keeps the choices in a
small JSON file of the data directory. The reader passes its own corrections store instead,
which keeps them with the user's other corrections.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Protocol

from glossary import fileio
from glossary.models import query_key


class Choices(Protocol):
    """Where the user's chosen pages are kept."""

    def get(self, lang: str, name: str) -> str | None:
        """The chosen title for a name, if any."""

    def set(self, lang: str, name: str, title: str | None) -> None:
        """Remember (or, with None or "", forget) the chosen title."""


class ChoiceStore:
    """The user's chosen pages, a small JSON file in the data directory (atomic writes)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(k): {str(n): str(t) for n, t in v.items()}
                for k, v in data.items() if isinstance(v, dict)}

    def get(self, lang: str, name: str) -> str | None:
        """The chosen title for a name, if any."""
        return self._read().get(lang, {}).get(query_key(name))

    def set(self, lang: str, name: str, title: str | None) -> None:
        """Remember (or, with None or "", forget) the chosen title."""
        with self._lock:
            data = self._read()
            names = data.setdefault(lang, {})
            if title:
                names[query_key(name)] = title
            else:
                names.pop(query_key(name), None)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fileio.write_text(self.path, json.dumps(data, ensure_ascii=False, indent=1,
                                                     sort_keys=True))
