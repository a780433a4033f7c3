"""Small dialogs of the reader's corrections: add, hide, show again, page, note.

Each is a modal screen that only asks; the app saves the answer in the corrections store
(:mod:`reader.corrections`) and applies it. Names and titles from the article or the
network are shown as Rich ``Text``, never parsed as markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from glossary.models import Candidate
from reader.analysis.model import LABEL_NAMES, LABELS
from reader.app import keys
from reader.app.dialog import Dialog
from reader.app.dialog import clean as _clean
from reader.app.dialog import title as _title


class LabelScreen(Dialog[tuple[str, str] | None]):
    """Ask for the type (PER/ORG/LOC/MISC) of a marked name; the name can be edited.

    Dismisses with ``(name, label)`` or None (cancelled).
    """

    DEFAULT_CSS = """
    LabelScreen Input { margin: 1 0 0 0; }
    """

    def __init__(self, name: str, label: str = "PER") -> None:
        super().__init__()
        self.entity_name = _clean(name)
        self.label = label if label in LABELS else "PER"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Add an entity", "bold"), classes="dialog-title")
            yield Input(self.entity_name, id="label-name")
            options = []
            for label in LABELS:
                prompt = Text()
                prompt.append(f"{label:<5}", "bold")
                prompt.append(LABEL_NAMES[label])
                options.append(Option(prompt, id=label))
            yield OptionList(*options, id="label-list", classes="dialog-choices")
            yield Static("It is recognised in this and every later article.\n"
                         "↑↓ type · Enter adds · Tab edits the name · Esc cancels",
                         classes="dialog-help")

    def on_mount(self) -> None:
        option_list = self.query_one("#label-list", OptionList)
        option_list.highlighted = LABELS.index(self.label)
        option_list.focus()

    def _finish(self, label: str) -> None:
        name = " ".join(self.query_one("#label-name", Input).value.split())
        if not name:
            self.app.bell()
            self.query_one("#label-name", Input).focus()
            return
        self.dismiss((name, label))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._finish(event.option.id or "PER")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        option_list = self.query_one("#label-list", OptionList)
        self._finish(LABELS[option_list.highlighted or 0])


class HideScreen(Dialog[str | None]):
    """Hide an entity in this article or in every article.

    Dismisses with ``"article"``, ``"everywhere"`` or None (cancelled).
    """


    def __init__(self, name: str) -> None:
        super().__init__()
        self.entity_name = name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_title("Hide ", self.entity_name), classes="dialog-title")
            yield OptionList(
                Option("In this article only", id="article"),
                Option("In every article", id="everywhere"),
                id="hide-list", classes="dialog-choices",
            )
            yield Static("Enter hides · Esc cancels · u shows hidden entities again",
                         classes="dialog-help")

    def on_mount(self) -> None:
        option_list = self.query_one("#hide-list", OptionList)
        option_list.highlighted = 0
        option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


class HiddenScreen(Dialog[str | None]):
    """The hidden names (in this article, in every article); Enter shows one again.

    Dismisses with the name to show again, or None.
    """


    def __init__(self, here: list[str], everywhere: list[str]) -> None:
        super().__init__()
        self.names = [(name, "in this article") for name in sorted(here, key=str.casefold)]
        self.names += [(name, "in every article")
                       for name in sorted(everywhere, key=str.casefold)]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Hidden entities", "bold"), classes="dialog-title")
            options = []
            for number, (name, where) in enumerate(self.names):
                prompt = Text()
                prompt.append(_clean(name), "bold")
                prompt.append(f"  {where}", "dim")
                options.append(Option(prompt, id=f"h{number}"))
            yield OptionList(*options, id="hidden-list", classes="dialog-choices")
            yield Static("Enter shows the entity again (everywhere) · Esc closes"
                         if self.names else "Nothing is hidden. (x hides the selected entity)",
                         classes="dialog-help")

    def on_mount(self) -> None:
        option_list = self.query_one("#hidden-list", OptionList)
        option_list.display = bool(self.names)
        if self.names:
            option_list.highlighted = 0
            option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.names[int((event.option.id or "h0")[1:])][0])


class PageScreen(Dialog[str | None]):
    """Choose the glossary page of an entity: type a title or pick a candidate.

    Dismisses with the title, "" (let the glossary choose again) or None (cancelled).
    """

    DEFAULT_CSS = """
    PageScreen Input { margin: 1 0 0 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("page")  # type: ignore[assignment]

    def __init__(self, name: str, title: str, candidates: list[Candidate]) -> None:
        super().__init__()
        self.entity_name = name
        self.title_now = _clean(title)
        self.candidates = candidates

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_title("Glossary page for ", self.entity_name),
                         classes="dialog-title")
            yield Input(self.title_now, placeholder="a page title, e.g. Moskauer Kreml",
                        id="page-title")
            options = []
            for number, candidate in enumerate(self.candidates):
                prompt = Text(_clean(candidate.title), "bold")
                if candidate.description:
                    prompt.append(" – " + _clean(candidate.description), "not bold")
                options.append(Option(prompt, id=f"c{number}"))
            yield OptionList(*options, id="page-list", classes="dialog-choices")
            yield Static("Enter uses the typed title (empty: let reader choose again)"
                         + (" · ↓ other pages" if options else "") + " · Esc cancels",
                         classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#page-list", OptionList).display = bool(self.candidates)
        self.query_one("#page-title", Input).focus()

    def action_to_list(self) -> None:
        """From the title field down to the candidates."""
        option_list = self.query_one("#page-list", OptionList)
        if self.candidates and not option_list.has_focus:
            option_list.focus()
            if option_list.highlighted is None:
                option_list.highlighted = 0

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(" ".join(event.value.split()))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.candidates[int((event.option.id or "c0")[1:])].title)


class NoteScreen(Dialog[str | None]):
    """Write a personal note on an entity (several lines).

    Dismisses with the text ("" deletes the note) or None (closed without saving). Closing
    a changed note asks first, so nothing typed is lost by a stray Esc.
    """

    DEFAULT_CSS = """
    NoteScreen TextArea { height: 10; margin: 1 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("note")  # type: ignore[assignment]

    def __init__(self, name: str, text: str, *, draft: str | None = None,
                 problem: str = "") -> None:
        """``text`` is the stored note; ``draft`` the text to edit (a note that could not
        be saved, shown again with the ``problem``)."""
        super().__init__()
        self.entity_name = name
        self.original = text
        self.draft = text if draft is None else draft
        self.problem = problem
        self._confirming = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_title("Your note on ", self.entity_name), classes="dialog-title")
            yield TextArea(self.draft, soft_wrap=True, tab_behavior="focus", id="note-text")
            yield Static("", classes="dialog-question", id="note-question")
            yield Static("Ctrl+S saves (an empty note is deleted) · Esc closes",
                         classes="dialog-help")

    def on_mount(self) -> None:
        question = self.query_one("#note-question", Static)
        question.display = bool(self.problem)
        if self.problem:
            question.update(Text(f"Not saved: {_clean(self.problem)}. Your text is kept: "
                                 "Ctrl+S tries again, Esc twice discards it."))
        area = self.query_one("#note-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        """The note as typed."""
        return self.query_one("#note-text", TextArea).text

    def on_text_area_changed(self) -> None:
        self._confirming = False
        self.query_one("#note-question").display = False

    def action_save(self) -> None:
        """Save the note."""
        self.dismiss(self.text.strip())

    def action_cancel(self) -> None:
        """Close; if the note changed, only after a second Esc."""
        if self.text.strip() == self.original.strip() or self._confirming:
            self.dismiss(None)
            return
        self._confirming = True
        question = self.query_one("#note-question", Static)
        question.update("The note changed. Ctrl+S saves it; Esc again discards the changes.")
        question.display = True
