"""The reader's corrections: added entities, hidden entities, chosen pages and notes.

Everything lives in the user's data directory (see :mod:`reader.paths`) and survives
restarts:

- ``corrections.json``: entities the reader added, as spaCy entity-ruler patterns
  (``{"label": "PER", "pattern": "Isabelle Schaefers", "id": "user"}``, given to both
  recognisers), hidden names (everywhere, or per article text hash), glossary pages chosen
  for a name, and personal notes; it is the single source of truth;
- ``patterns.jsonl``: a copy of the patterns in the JSONL form spaCy's ruler reads.

Writes are atomic (temporary file + rename) and serialised between processes with a
lock file, so concurrent use from the app and the command line loses nothing.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.analysis.model import LABELS
from reader.atomic import write_text
from reader.config import Config
from reader.errors import ReaderError

FORMAT_VERSION = 1
PATTERNS_FILE = "patterns.jsonl"
CORRECTIONS_FILE = "corrections.json"
LOCK_FILE = ".corrections.lock"


def normalise_name(name: str) -> str:
    """The form names are compared in: NFC, single spaces, no surrounding blanks."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def _name_key(name: str) -> str:
    return normalise_name(name).casefold()


@dataclass
class Corrections:
    """All corrections, as plain data (see the module docstring for the files)."""

    #: Added entities: normalised name -> label.
    added: dict[str, str] = field(default_factory=dict)
    #: Names hidden in every article (casefolded keys -> name as written).
    hidden: dict[str, str] = field(default_factory=dict)
    #: Names hidden per article: article sha256 -> {casefolded key: name}.
    hidden_in: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Glossary pages chosen for a name: "lang:name" -> page title.
    pages: dict[str, str] = field(default_factory=dict)
    #: Personal notes on an entity name.
    notes: dict[str, str] = field(default_factory=dict)

    # -- queries -----------------------------------------------------------------------
    def patterns(self) -> list[dict[str, Any]]:
        """Entity-ruler patterns for the added entities."""
        return [
            {"label": label, "pattern": name, "id": "user"}
            for name, label in sorted(self.added.items())
        ]

    def hidden_names(self, article_sha256: str | None = None) -> frozenset[str]:
        """Casefolded names hidden everywhere and, if given, in that article."""
        names = set(self.hidden)
        if article_sha256:
            names.update(self.hidden_in.get(article_sha256, {}))
        return frozenset(names)

    def is_hidden(self, name: str, article_sha256: str | None = None) -> bool:
        """True if ``name`` is hidden (everywhere or in that article)."""
        return _name_key(name) in self.hidden_names(article_sha256)

    def page_for(self, name: str, lang: str) -> str | None:
        """The page title the reader chose for ``name`` in ``lang``, if any."""
        return self.pages.get(f"{lang}:{normalise_name(name)}")

    def note_for(self, name: str) -> str:
        """The reader's note on ``name`` ("" if none)."""
        return self.notes.get(normalise_name(name), "")

    # -- changes -------------------------------------------------------------------------
    def add_entity(self, name: str, label: str) -> None:
        """Recognise ``name`` as an entity of ``label`` from now on (un-hides it)."""
        name = normalise_name(name)
        label = label.upper()
        if not name:
            raise ReaderError("the name of an entity cannot be empty")
        if label not in LABELS:
            raise ReaderError(f"unknown label {label!r}; use one of {', '.join(LABELS)}")
        self.added[name] = label
        self.hidden.pop(_name_key(name), None)
        for names in self.hidden_in.values():
            names.pop(_name_key(name), None)

    def hide(self, name: str, article_sha256: str | None = None) -> None:
        """Hide ``name``: in one article (by its text hash) or, without one, everywhere."""
        name = normalise_name(name)
        if not name:
            raise ReaderError("the name of an entity cannot be empty")
        if article_sha256:
            self.hidden_in.setdefault(article_sha256, {})[_name_key(name)] = name
        else:
            self.hidden[_name_key(name)] = name
            self.added.pop(name, None)

    def unhide(self, name: str) -> bool:
        """Show ``name`` again everywhere; return True if it was hidden."""
        key = _name_key(name)
        found = self.hidden.pop(key, None) is not None
        for names in self.hidden_in.values():
            found = names.pop(key, None) is not None or found
        self.hidden_in = {sha: names for sha, names in self.hidden_in.items() if names}
        return found

    def remove_entity(self, name: str) -> bool:
        """Forget an added entity; return True if there was one."""
        return self.added.pop(normalise_name(name), None) is not None

    def choose_page(self, name: str, lang: str, title: str | None) -> None:
        """Remember the page for ``name`` (``None`` or "" forgets the choice)."""
        key = f"{lang}:{normalise_name(name)}"
        if title and title.strip():
            self.pages[key] = " ".join(title.split())
        else:
            self.pages.pop(key, None)

    def set_note(self, name: str, text: str) -> None:
        """Set (or, with blank text, delete) the note on ``name``."""
        name = normalise_name(name)
        if text.strip():
            self.notes[name] = text.strip()
        else:
            self.notes.pop(name, None)

    def clear(self) -> None:
        """Forget every correction."""
        self.added.clear()
        self.hidden.clear()
        self.hidden_in.clear()
        self.pages.clear()
        self.notes.clear()

    def merge(self, other: Corrections) -> None:
        """Take every correction of ``other`` (its values win on conflicts)."""
        self.added.update(other.added)
        self.hidden.update(other.hidden)
        for sha, names in other.hidden_in.items():
            self.hidden_in.setdefault(sha, {}).update(names)
        self.pages.update(other.pages)
        self.notes.update(other.notes)

    # -- serialisation ---------------------------------------------------------------
    def to_bundle(self) -> dict[str, Any]:
        """One JSON-able document with every correction (for export/import)."""
        return {
            "reader_corrections": FORMAT_VERSION,
            "patterns": self.patterns(),
            "hidden": sorted(self.hidden.values()),
            "hidden_in": {sha: sorted(n.values()) for sha, n in sorted(self.hidden_in.items())},
            "pages": dict(sorted(self.pages.items())),
            "notes": dict(sorted(self.notes.items())),
        }

    @classmethod
    def from_bundle(cls, data: Any, origin: str = "corrections") -> Corrections:
        """Parse :meth:`to_bundle` output; raise :class:`ReaderError` if it is not valid."""
        try:
            if not isinstance(data, dict) or data.get("reader_corrections") != FORMAT_VERSION:
                raise ValueError("not a reader corrections file (version 1)")
            result = cls()
            for pattern in data.get("patterns", []):
                result.add_entity(str(pattern["pattern"]), str(pattern["label"]))
            for name in data.get("hidden", []):
                result.hide(str(name))
            for sha, names in dict(data.get("hidden_in", {})).items():
                for name in names:
                    result.hide(str(name), str(sha))
            for key, title in dict(data.get("pages", {})).items():
                lang, _, name = str(key).partition(":")
                if not name:
                    raise ValueError(f"bad page key {key!r}")
                result.choose_page(name, lang, str(title))
            for name, text in dict(data.get("notes", {})).items():
                result.set_note(str(name), str(text))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ReaderError(f"{origin}: invalid corrections ({exc})") from None
        return result


class CorrectionsStore:
    """Reads and writes :class:`Corrections` in a data directory."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @property
    def patterns_path(self) -> Path:
        """The spaCy ruler patterns of added entities."""
        return self.directory / PATTERNS_FILE

    @property
    def corrections_path(self) -> Path:
        """Hidden names, chosen pages and notes."""
        return self.directory / CORRECTIONS_FILE

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            lock = open(self.directory / LOCK_FILE, "a+b")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise ReaderError(
                f"cannot save corrections in {self.directory}: {exc.strerror or exc}"
            ) from None
        with lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def load(self) -> Corrections:
        """The stored corrections (empty if there are none yet)."""
        if not self.corrections_path.exists():
            return Corrections()
        try:
            bundle = json.loads(self.corrections_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ReaderError(f"cannot read corrections in {self.directory}: {exc}") from None
        return Corrections.from_bundle(bundle, str(self.corrections_path))

    def save(self, corrections: Corrections) -> None:
        """Write ``corrections`` atomically (replacing what is stored)."""
        with self._locked():
            self._write(corrections)

    def _write(self, corrections: Corrections) -> None:
        # corrections.json is the single source of truth, replaced in one rename;
        # patterns.jsonl is a copy of its patterns for spaCy tools, written afterwards.
        bundle = corrections.to_bundle()
        lines = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in bundle["patterns"])
        try:
            write_text(
                self.corrections_path, json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"
            )
            write_text(self.patterns_path, lines)
        except OSError as exc:
            raise ReaderError(
                f"cannot save corrections in {self.directory}: {exc.strerror or exc}"
            ) from None

    @contextlib.contextmanager
    def editing(self) -> Iterator[Corrections]:
        """Load, let the caller change, and save, holding the lock throughout."""
        with self._locked():
            corrections = self.load()
            yield corrections
            self._write(corrections)


class PageChoices:
    """The glossary's view of the pages chosen by the reader (see ``glossary.service.Choices``).

    Choices are kept with the other corrections, so that ``reader corrections export``
    carries them and clearing the cache never loses them.
    """

    def __init__(self, store: CorrectionsStore) -> None:
        self.store = store
        self._seen: tuple[int, int, int] | None = None  # (inode, mtime_ns, size) last read
        self._loaded = Corrections()

    def get(self, lang: str, name: str) -> str | None:
        """The chosen title for ``name`` in ``lang``, if any.

        The glossary asks once per query; the file is read again only when it changed.
        """
        try:
            info = self.store.corrections_path.stat()
            stamp = (info.st_ino, info.st_mtime_ns, info.st_size)  # atomic writes: new inode
        except OSError:
            return None
        if stamp != self._seen:
            try:
                self._loaded = self.store.load()
            except ReaderError:
                return None
            self._seen = stamp
        return self._loaded.page_for(name, lang)

    def set(self, lang: str, name: str, title: str | None) -> None:
        """Remember (or, with None or "", forget) the chosen title."""
        with self.store.editing() as corrections:
            corrections.choose_page(name, lang, title)


def store_for(config: Config) -> CorrectionsStore:
    """The store in the configured data directory."""
    return CorrectionsStore(config.data_path)
