"""Modal screens: the key help and the export dialog (the index: index_screen.py)."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.app import keys


def _keys_table() -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2), expand=False)
    table.add_column("keys", style="bold", no_wrap=True, width=24)
    table.add_column("action")
    return table


def help_table(keymap: dict[str, str] | None = None) -> Group:
    """Every key of the app, by where it works, as ``keymap`` (binding id -> keys) has
    them. Each heading is a line of its own (never cut by the key column)."""
    keymap = keymap or {}
    parts: list[Text | Table] = []
    for scope, title in keys.SCOPES.items():
        parts.append(Text(title, "bold underline"))
        table = _keys_table()
        for key in keys.KEYS:
            if key.scope == scope:
                shown = keymap.get(f"reader.{key.id}")
                table.add_row(keys.display(shown) if shown else
                              keys.display(key.keys, key.key_display), key.description)
        parts += [table, Text("")]
    parts.append(Text("Also", "bold underline"))
    table = _keys_table()
    table.add_row("Ctrl+P", "command palette (all actions, themes)")
    table.add_row("Mouse", "click an entity to show it; wheel scrolls; drag over words to "
                  "mark them (Enter adds them as an entity)")
    parts.append(table)
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    """The list of keys."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 76; max-width: 95%; height: 85%; border: thick $primary; background: $panel;
        padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        ("escape,q,f1,question_mark", "close", "Close"),
    ]

    def __init__(self, keymap: dict[str, str] | None = None) -> None:
        super().__init__()
        self.keymap = keymap or {}

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text("Keys", "bold"))
            yield Static(help_table(self.keymap))

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)


class ExportScreen(ModalScreen[tuple[str, bool] | None]):
    """Ask where to write the Markdown export; confirm before replacing a file.

    Dismisses with ``(path, overwrite)`` or None (cancelled). The app writes the file.
    """

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical {
        width: 80; max-width: 95%; height: auto; border: thick $primary; background: $panel;
        padding: 0 1;
    }
    ExportScreen #export-question { color: $warning; height: auto; }
    ExportScreen #export-help { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [("escape", "close", "Cancel")]

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default
        self._confirming: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Export annotated Markdown to:", "bold"))
            yield Input(self.default, id="export-path")
            yield Static("", id="export-question")
            yield Static("Enter writes · Esc cancels", id="export-help")

    def on_mount(self) -> None:
        self.query_one("#export-question").display = False
        self.query_one("#export-path", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._confirming = None
        self.query_one("#export-question").display = False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        import os
        from pathlib import Path

        event.stop()
        raw = event.value.strip()
        if not raw:
            self.app.bell()
            return
        path = str(Path(raw).expanduser())
        if os.path.isdir(path):
            self._ask(Text(f"{path} is a directory; enter a file name."))
            return
        if os.path.exists(path) and self._confirming != path:
            self._confirming = path
            self._ask(Text(f"{path} exists. Press Enter again to replace it, "
                           "or change the name."))
            return
        self.dismiss((path, self._confirming == path))

    def _ask(self, question: Text) -> None:
        widget = self.query_one("#export-question", Static)
        widget.update(question)
        widget.display = True

    def action_close(self) -> None:
        """Cancel."""
        self.dismiss(None)
