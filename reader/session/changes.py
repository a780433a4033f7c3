"""The reader's corrections as change objects, applied one way by every front end.

``reader entity ...`` and the app's keys (``m``, ``x``, ``u``, ``c``, ``a``) build one of
these and hand it to :func:`apply_change`, which applies it to the stored corrections
under the store's lock and writes them atomically. A change that has nothing to act on
(showing a name that is not hidden, removing a name that was not added) raises
:class:`reader.errors.ReaderError` and leaves the file as it was. Imports no Textual.

A new kind of correction is one more :class:`Change` subclass here naming the
:class:`reader.corrections.Corrections` method that applies it (and the field and method it
needs there), with ``reanalyse = False`` when the recogniser's result does not change.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import ClassVar

from reader.corrections import Corrections, CorrectionsStore
from reader.errors import ReaderError


@dataclass(frozen=True)
class Change:
    """A correction of the entity ``name``; subclasses add the other arguments of their
    :class:`Corrections` method, in its order."""

    name: str
    #: Whether the recogniser's result changes (the article is analysed again).
    reanalyse: ClassVar[bool] = True
    #: The :class:`Corrections` method that applies the change, given the fields in order.
    method: ClassVar[str] = ""
    #: When the method reports that it had nothing to act on: what is wrong with ``name``.
    missing: ClassVar[str] = ""

    def apply(self, corrections: Corrections) -> None:
        """Change ``corrections`` in place (:class:`ReaderError` if there was nothing to do)."""
        effect = getattr(corrections, self.method)(*(getattr(self, f.name)
                                                     for f in fields(self)))
        if effect is False:
            raise ReaderError(f"{self.name!r} {self.missing}")


@dataclass(frozen=True)
class AddEntity(Change):
    """Recognise ``name`` as an entity of ``label`` in every article from now on."""

    label: str
    method: ClassVar[str] = "add_entity"


@dataclass(frozen=True)
class HideEntity(Change):
    """Hide ``name``: in the article with text hash ``article_sha256``, else everywhere."""

    article_sha256: str | None = None
    method: ClassVar[str] = "hide"


@dataclass(frozen=True)
class UnhideEntity(Change):
    """Show a hidden name again (everywhere and in every article)."""

    method: ClassVar[str] = "unhide"
    missing: ClassVar[str] = "is not hidden"


@dataclass(frozen=True)
class RemoveEntity(Change):
    """Forget a name the reader added."""

    method: ClassVar[str] = "remove_entity"
    missing: ClassVar[str] = "is not an entity you added"


@dataclass(frozen=True)
class SetNote(Change):
    """The reader's note on ``name`` (blank text deletes it)."""

    text: str
    reanalyse: ClassVar[bool] = False
    method: ClassVar[str] = "set_note"


@dataclass(frozen=True)
class ChoosePage(Change):
    """The glossary page for ``name`` in ``lang`` (``""`` lets the glossary choose again)."""

    lang: str
    title: str
    reanalyse: ClassVar[bool] = False
    method: ClassVar[str] = "choose_page"


def apply_change(store: CorrectionsStore, change: Change) -> Corrections:
    """Apply ``change`` to the stored corrections (locked, atomic); return all of them now.

    Raises :class:`ReaderError` (nothing written) if the change cannot be applied or the
    corrections cannot be read or saved.
    """
    with store.editing() as corrections:
        change.apply(corrections)
    return corrections
