"""The base of every dialog: a centred box over the article, closed with Escape.

Subclasses give the result type (``Dialog[str | None]``), compose their content inside a
``Vertical`` and may add CSS for their own parts; the box, its title, help and question
lines, short option lists (class ``dialog-choices``) and the Escape binding
(``reader.dialog_close``) are shared.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

from reader.sanitize import strip_escapes

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    """A modal dialog that only asks; the main screen acts on the answer."""

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > Vertical {
        width: 76; max-width: 95%; height: auto; max-height: 90%; border: thick $primary;
        background: $panel; padding: 0 1;
    }
    Dialog .dialog-title { text-style: bold; height: auto; }
    Dialog .dialog-help { color: $text-muted; height: auto; }
    Dialog .dialog-question { color: $warning; height: auto; }
    Dialog .dialog-choices { height: auto; max-height: 12; border: none; padding: 0; margin: 1 0; }
    /* No border on focus: it would move the options under the pointer (a click would
       choose the one above). */
    Dialog .dialog-choices:focus { border: none; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="reader.dialog_close"),
    ]

    def action_close(self) -> None:
        """Close without an answer."""
        self.dismiss(None)


def clean(text: str) -> str:
    """``text`` for one line of a dialog: no escape sequences, no line breaks."""
    return strip_escapes(text).replace("\n", " ").strip()


def title(prefix: str, name: str) -> Text:
    """A bold dialog title ending in a quoted name."""
    text = Text(prefix, "bold")
    text.append(f"“{clean(name)}”", "bold")
    return text
