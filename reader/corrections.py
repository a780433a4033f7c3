"""The reader's corrections: added entities, hidden entities, chosen pages and notes.

Everything lives in the user's data directory (see :mod:`reader.paths`) and survives
restarts:

- ``corrections.json``: entities the reader added, as spaCy entity-ruler patterns
  (``{"label": "PER", "pattern": "Isabelle Schaefers", "id": "user"}``, given to both
  recognisers), hidden names (everywhere, or per article text hash), glossary pages chosen
  for a name, and personal notes; it is the single source of truth;
- ``patterns.jsonl``: a copy of the patterns in the JSONL form spaCy's ruler reads.

Writes are serialised between processes and threads with a lock file (``filelock``), so
concurrent use from the app and the command line loses nothing. A save has one commit point:
both files are written to temporary files first (where a full disk fails), then
``corrections.json`` is renamed into place (the change has happened), then its copy; if only
the copy could not be put in place, the save is reported as done with a warning
(:attr:`CorrectionsStore.warning`), and the next save writes the copy again. The file format
is validated strictly (:mod:`reader.corrections_schema`): a file that was not understood is
reported in one line and never rewritten, except by an explicit replace, which keeps a copy.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader import atomic
from reader.analysis.model import LABELS
from reader.config import Config
from reader.corrections_schema import FORMAT_VERSION, VERSION_KEY, parse_json, validate
from reader.errors import ReaderError
from reader.sanitize import strip_escapes

PATTERNS_FILE = "patterns.jsonl"
CORRECTIONS_FILE = "corrections.json"
LOCK_FILE = ".corrections.lock"


def normalise_name(name: str) -> str:
    """The form names are compared in: NFC, single spaces, no surrounding blanks, and
    nothing a terminal would interpret (escape sequences, controls, bidi overrides)."""
    return " ".join(strip_escapes(unicodedata.normalize("NFC", name)).split())


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
    #: Fields of the file this version does not know, written back unchanged.
    extra: dict[str, Any] = field(default_factory=dict)

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
        key = f"{normalise_name(lang)}:{normalise_name(name)}"
        if title and normalise_name(title):
            self.pages[key] = normalise_name(title)
        else:
            self.pages.pop(key, None)

    def set_note(self, name: str, text: str) -> None:
        """Set (or, with blank text, delete) the note on ``name``."""
        name = normalise_name(name)
        text = strip_escapes(text.replace("\r\n", "\n").replace("\r", "\n")).strip()
        if text:
            self.notes[name] = text
        else:
            self.notes.pop(name, None)

    def clear(self) -> None:
        """Forget every correction."""
        self.added.clear()
        self.hidden.clear()
        self.hidden_in.clear()
        self.pages.clear()
        self.notes.clear()
        self.extra.clear()

    def merge(self, other: Corrections) -> None:
        """Take every correction of ``other`` (its values win on conflicts)."""
        self.added.update(other.added)
        self.hidden.update(other.hidden)
        for sha, names in other.hidden_in.items():
            self.hidden_in.setdefault(sha, {}).update(names)
        self.pages.update(other.pages)
        self.notes.update(other.notes)
        self.extra.update(other.extra)

    # -- serialisation ---------------------------------------------------------------
    def to_bundle(self) -> dict[str, Any]:
        """One JSON-able document with every correction (see :mod:`reader.corrections_schema`)."""
        return {
            VERSION_KEY: FORMAT_VERSION,
            "patterns": self.patterns(),
            "hidden": sorted(self.hidden.values()),
            "hidden_in": {sha: sorted(n.values()) for sha, n in sorted(self.hidden_in.items())},
            "pages": dict(sorted(self.pages.items())),
            "notes": dict(sorted(self.notes.items())),
            **self.extra,
        }

    @classmethod
    def from_bundle(cls, data: Any, origin: str = "corrections") -> Corrections:
        """Parse :meth:`to_bundle` output; raise :class:`ReaderError` (one line naming
        ``origin`` and the field) if it is not valid. Nothing is coerced."""
        try:
            bundle = validate(data)
            result = cls(extra=bundle.extra)
            for name, label in bundle.patterns:
                result.add_entity(name, label)
            for name in bundle.hidden:
                result.hide(name)
            for sha, names in bundle.hidden_in.items():
                for name in names:
                    result.hide(name, sha)
            for (lang, name), title in bundle.pages.items():
                result.choose_page(name, lang, title)
            for name, text in bundle.notes.items():
                result.set_note(name, text)
        except ReaderError as exc:
            raise ReaderError(f"{origin}: invalid corrections: {exc}") from None
        return result


class CorrectionsStore:
    """Reads and writes :class:`Corrections` in a data directory (see the module docstring).

    Safe to share between threads: the lock is per process and thread, and
    :attr:`warning` is kept per thread.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._local = threading.local()

    @property
    def patterns_path(self) -> Path:
        """The spaCy ruler patterns of added entities (a copy, for spaCy tools)."""
        return self.directory / PATTERNS_FILE

    @property
    def corrections_path(self) -> Path:
        """Every correction: the single source of truth."""
        return self.directory / CORRECTIONS_FILE

    @property
    def warning(self) -> str | None:
        """What went wrong after the last save of this thread had happened, if anything
        (the copy ``patterns.jsonl`` not updated; a damaged file kept aside)."""
        return getattr(self._local, "warning", None)

    def _cannot_save(self, exc: OSError) -> ReaderError:
        return ReaderError(f"cannot save corrections to {self.corrections_path}: "
                           f"{exc.strerror or exc}")

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the store's lock file (the one place that locks; blocks until free)."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._cannot_save(exc) from None
        with contextlib.ExitStack() as stack:
            try:  # the project's one lock (glossary.fileio.file_lock, on filelock)
                stack.enter_context(atomic.file_lock(self.directory / LOCK_FILE))
            except atomic.LockUnavailable as exc:
                raise self._cannot_save(exc) from None
            yield

    def load(self) -> Corrections:
        """The stored corrections (empty if there are none yet).

        Raises :class:`ReaderError` with one line naming the file (and the field) when the
        file cannot be read or is not valid.
        """
        path = self.corrections_path
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return Corrections()
        except OSError as exc:
            raise ReaderError(f"cannot read corrections in {path}: {exc.strerror}") from None
        hint = "fix it, or replace it: reader corrections import FILE --replace"
        try:
            return Corrections.from_bundle(parse_json(data, str(path)), str(path))
        except ReaderError as exc:
            raise ReaderError(f"cannot read corrections: {exc} ({hint})") from None

    def save(self, corrections: Corrections) -> None:
        """Write ``corrections`` (replacing what is stored)."""
        with self._locked():
            self._write(corrections)

    def _remove_stale_temporaries(self) -> None:
        """Remove temporary files of writers that were killed (called under the lock, so
        no other writer is at work)."""
        for name in (CORRECTIONS_FILE, PATTERNS_FILE):
            for temp in self.directory.glob(f".{name}.*.tmp"):
                with contextlib.suppress(OSError):
                    temp.unlink()

    def _write(self, corrections: Corrections) -> None:
        self._local.warning = None
        self._remove_stale_temporaries()
        bundle = corrections.to_bundle()
        text = json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"
        copy = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in bundle["patterns"])
        committed = False
        try:
            with atomic.staged(self.patterns_path, copy.encode("utf-8")) as commit_copy, \
                    atomic.staged(self.corrections_path, text.encode("utf-8")) as commit:
                commit()  # the change happens here
                committed = True
                commit_copy()
        except OSError as exc:
            if not committed:
                raise self._cannot_save(exc) from None
            self._local.warning = (f"saved, but its copy {self.patterns_path} could not be "
                                   f"updated ({exc.strerror or exc}); the next save retries")

    @contextlib.contextmanager
    def editing(self, *, replace: bool = False) -> Iterator[Corrections]:
        """Load, let the caller change, and save, holding the lock throughout.

        With ``replace`` the stored corrections are not read: the caller starts from
        nothing. A stored file that is not valid is then kept beside it
        (``corrections.json.bad-<time>``) before it is replaced.
        """
        with self._locked():
            kept = self._keep_damaged() if replace else None
            corrections = Corrections() if replace else self.load()
            yield corrections
            self._write(corrections)
            if kept is not None:
                self._local.warning = " ".join(filter(None, (
                    f"the damaged {CORRECTIONS_FILE} was kept as {kept}", self.warning)))

    def _keep_damaged(self) -> Path | None:
        """Copy a stored file that does not load aside (before a replace); its path."""
        try:
            self.load()
            return None
        except ReaderError:
            pass
        stamp = time.strftime("%Y%m%dT%H%M%S")
        kept = self.corrections_path.with_name(f"{CORRECTIONS_FILE}.bad-{stamp}")
        try:
            atomic.write_bytes(kept, self.corrections_path.read_bytes(), overwrite=False)
        except OSError as exc:
            raise self._cannot_save(exc) from None
        return kept


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
