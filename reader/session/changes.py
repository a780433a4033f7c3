"""The reader's corrections as change objects, applied one way by every front end.

``reader entity ...`` and the app's keys (``m``, ``x``, ``u``, ``c``, ``a``) build one of
these and hand it to :func:`apply_change`, which applies it to the stored corrections
under the store's lock and writes them atomically. A change that has nothing to act on
(showing a name that is not hidden, removing a name that was not added) raises
:class:`reader.errors.ReaderError` and leaves the file as it was. Imports no Textual.

A new kind of correction is one more dataclass here with ``apply`` and ``reanalyse``
(True when the recogniser's result changes), plus the field it needs in
:class:`reader.corrections.Corrections`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from reader.corrections import Corrections, CorrectionsStore
from reader.errors import ReaderError


@dataclass(frozen=True)
class AddEntity:
    """Recognise ``name`` as an entity of ``label`` in every article from now on."""

    name: str
    label: str
    reanalyse: ClassVar[bool] = True

    def apply(self, corrections: Corrections) -> None:
        """Change ``corrections`` in place."""
        corrections.add_entity(self.name, self.label)


@dataclass(frozen=True)
class HideEntity:
    """Hide ``name``: in the article with text hash ``article_sha256``, else everywhere."""

    name: str
    article_sha256: str | None = None
    reanalyse: ClassVar[bool] = True

    def apply(self, corrections: Corrections) -> None:
        """Change ``corrections`` in place."""
        corrections.hide(self.name, self.article_sha256)


@dataclass(frozen=True)
class UnhideEntity:
    """Show a hidden name again (everywhere and in every article)."""

    name: str
    reanalyse: ClassVar[bool] = True

    def apply(self, corrections: Corrections) -> None:
        """Change ``corrections`` in place; a name that is not hidden is an error."""
        if not corrections.unhide(self.name):
            raise ReaderError(f"{self.name!r} is not hidden")


@dataclass(frozen=True)
class RemoveEntity:
    """Forget a name the reader added."""

    name: str
    reanalyse: ClassVar[bool] = True

    def apply(self, corrections: Corrections) -> None:
        """Change ``corrections`` in place; a name that was not added is an error."""
        if not corrections.remove_entity(self.name):
            raise ReaderError(f"{self.name!r} is not an entity you added")


@dataclass(frozen=True)
class SetNote:
    """The reader's note on ``name`` (blank text deletes it)."""

    name: str
    text: str
    reanalyse: ClassVar[bool] = False

    def apply(self, corrections: Corrections) -> None:
        """Change ``corrections`` in place."""
        corrections.set_note(self.name, self.text)


@dataclass(frozen=True)
class ChoosePage:
    """The glossary page for ``name`` in ``lang`` (``""`` lets the glossary choose again)."""

    name: str
    lang: str
    title: str
    reanalyse: ClassVar[bool] = False

    def apply(self, corrections: Corrections) -> None:
        """Change ``corrections`` in place."""
        corrections.choose_page(self.name, self.lang, self.title)


#: Every kind of change.
Change = AddEntity | HideEntity | UnhideEntity | RemoveEntity | SetNote | ChoosePage


def apply_change(store: CorrectionsStore, change: Change) -> Corrections:
    """Apply ``change`` to the stored corrections (locked, atomic); return all of them now.

    Raises :class:`ReaderError` (nothing written) if the change cannot be applied or the
    corrections cannot be read or saved.
    """
    with store.editing() as corrections:
        change.apply(corrections)
    return corrections
