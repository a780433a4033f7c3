"""The main screen's corrections: add (mark mode), hide, show again, choose a page, note.

Each key asks with a dialog (:mod:`reader.app.correction_screens`) and turns the answer
into a change object of :mod:`reader.session.changes`, which a worker applies through the
session (locked, atomic), as ``reader entity ...`` does. A saved change comes back as
:class:`reader.app.messages.CorrectionSaved`; a failed one reaches
:meth:`CorrectionsFlow.correction_failed` through the main screen's one worker handler.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import on, work

from glossary.status import Status
from reader.analysis.model import Entity
from reader.app.messages import CorrectionSaved, MarkChanged, MarkDone, MeaningChosen
from reader.app.screen_base import ScreenBase
from reader.sanitize import strip_escapes

if TYPE_CHECKING:
    from reader.session import Change


class CorrectionsFlow(ScreenBase):
    """The reader's corrections of the selected entity (keys ``m``, ``x``, ``u``, ``c``, ``a``)."""

    def _entity_or_hint(self) -> Entity | None:
        entity = self.selected_entity()
        if entity is None:
            self.notify("Select an entity first (Tab, or click one).", timeout=3)
        return entity

    @work(thread=True, group="corrections", exit_on_error=False)
    def save_change(self, change: Change, done: str,
                    select: tuple[int, int] | None = None) -> None:
        """Apply ``change`` to the stored corrections (locked, atomic) off the UI thread."""
        corrections = self.session.apply(change)
        if self.session.store.warning:  # saved, but e.g. the patterns copy is stale
            done = f"{done} ({self.session.store.warning})"
        self.post_message(CorrectionSaved(corrections, done, change.reanalyse, select))

    #: A note being saved (name, text): shown in the editor again if the save fails.
    _unsaved_note: tuple[str, str] | None = None

    def correction_failed(self, error: str) -> None:
        """A correction could not be saved (nothing was changed); a note being saved is
        not lost: the editor opens again with its text and the reason."""
        from reader.app.correction_screens import NoteScreen

        self.notify(f"Not saved: {error}", title="Corrections", severity="error", timeout=10)
        if self._unsaved_note is not None:
            name, text = self._unsaved_note
            self._unsaved_note = None
            self.app.push_screen(NoteScreen(name, self.session.corrections.note_for(name),
                                            draft=text, problem=error),
                                 partial(self._note_written, name))

    # -- add: mark mode -----------------------------------------------------------------
    @on(MarkChanged)
    def _mark_changed(self, message: MarkChanged) -> None:
        if message.span is None:
            self.status.hint = ""
            return
        marked = " ".join(self.article.text[message.span[0]:message.span[1]].split())
        if len(marked) > 40:
            marked = marked[:39] + "…"
        self.status.hint = (f"Mark “{strip_escapes(marked)}” · ←→↑↓ move · Shift+arrows "
                            "extend · Enter add entity · Esc cancel")

    @on(MarkDone)
    def _mark_done(self, message: MarkDone) -> None:
        from reader.app.correction_screens import LabelScreen

        name = self.article.text[message.start:message.end]
        label = "PER"
        if self.mentions is not None:
            found = self.mentions.ranges.between(message.start, message.end)
            if len(found):
                label = self.mentions.entities[found[0]].label
        self.app.push_screen(LabelScreen(name, label),
                             partial(self._label_chosen, (message.start, message.end)))

    def _label_chosen(self, span: tuple[int, int], choice: tuple[str, str] | None) -> None:
        from reader.session.changes import AddEntity

        self.view.set_mark(None)
        if choice is None:
            return
        name, label = choice
        self.save_change(
            AddEntity(name, label),
            f"Added “{strip_escapes(name)}” ({label}): recognised in this and every later "
            "article.", span)

    def action_mark(self) -> None:
        """Start mark mode in the article (to add an entity)."""
        self.view.focus()
        self.view.action_mark()

    # -- hide and show again ------------------------------------------------------------
    def action_hide_entity(self) -> None:
        """Hide the selected entity, in this article or in every article."""
        from reader.app.correction_screens import HideScreen

        entity = self._entity_or_hint()
        if entity is not None:
            self.app.push_screen(HideScreen(entity.name),
                                 partial(self._hide_chosen, entity.name))

    def _hide_chosen(self, name: str, where: str | None) -> None:
        from reader.session.changes import HideEntity

        if where is None:
            return
        sha = self.article.sha256 if where == "article" else None
        place = "in this article" if sha else "in every article"
        self.save_change(HideEntity(name, sha),
                         f"Hid “{strip_escapes(name)}” {place}. u shows it again.")

    def action_hidden_entities(self) -> None:
        """List the hidden entities; choosing one shows it again."""
        from reader.app.correction_screens import HiddenScreen

        corrections = self.session.corrections
        here = list(corrections.hidden_in.get(self.article.sha256, {}).values())
        everywhere = list(corrections.hidden.values())
        self.app.push_screen(HiddenScreen(here, everywhere), self._unhide_chosen)

    def _unhide_chosen(self, name: str | None) -> None:
        from reader.session.changes import UnhideEntity

        if name is not None:
            self.save_change(UnhideEntity(name), f"“{strip_escapes(name)}” is shown again.")

    # -- glossary page and note ---------------------------------------------------------
    def action_choose_page(self) -> None:
        """Type or choose the glossary page of the selected entity."""
        from reader.app.correction_screens import PageScreen

        entity = self._entity_or_hint()
        if entity is None:
            return
        if entity.key not in self.session.queries:
            self.notify("The glossary is still starting; try again in a moment.", timeout=3)
            return
        entry = self.session.entries.get(entity.key)
        title = entry.title if entry is not None and entry.status is Status.FOUND else ""
        candidates = [candidate for page, candidate in
                      self.pages_seen.get(entity.key, {}).items() if page != title]
        self.app.push_screen(PageScreen(entity.name, title, candidates),
                             partial(self._page_chosen, entity.key))

    def _page_chosen(self, key: str, title: str | None) -> None:
        if title is None:
            return
        self.post_message(MeaningChosen(key, title))  # saved and looked up by the glossary flow
        query = self.session.queries.get(key)
        name = strip_escapes(query.name) if query is not None else ""
        self.notify(f"Glossary page for “{name}”: " +
                    (f"“{strip_escapes(title)}”" if title else "chosen by reader again"),
                    title="Corrections", timeout=4)

    def action_edit_note(self) -> None:
        """Write a personal note on the selected entity."""
        from reader.app.correction_screens import NoteScreen

        entity = self._entity_or_hint()
        if entity is not None:
            note = self.session.corrections.note_for(entity.name)
            self.app.push_screen(NoteScreen(entity.name, note),
                                 partial(self._note_written, entity.name))

    def _note_written(self, name: str, text: str | None) -> None:
        from reader.session.changes import SetNote

        if text is None or text == self.session.corrections.note_for(name):
            return
        self._unsaved_note = (name, text)
        self.save_change(SetNote(name, text), "Note saved." if text else "Note deleted.")
