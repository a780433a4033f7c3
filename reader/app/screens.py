"""Dialogs: the key help and the export (the entity index: index_screen.py)."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.app import keys
from reader.app.dialog import Dialog


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
                table.add_row(keys.display(shown or key.keys), key.description)
        parts += [table, Text("")]
    parts.append(Text("Also", "bold underline"))
    table = _keys_table()
    table.add_row("Ctrl+P", "command palette (all actions, themes)")
    table.add_row("Mouse", "click an entity to show it; wheel scrolls; drag over words to "
                  "mark them (Enter adds them as an entity)")
    parts.append(table)
    return Group(*parts)


class HelpScreen(Dialog[None]):
    """The list of keys."""

    DEFAULT_CSS = """
    HelpScreen > VerticalScroll {
        width: 76; max-width: 95%; height: 85%; border: thick $primary; background: $panel;
        padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("help")  # type: ignore[assignment]

    def __init__(self, keymap: dict[str, str] | None = None) -> None:
        super().__init__()
        self.keymap = keymap or {}

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text("Keys", "bold"))
            yield Static(help_table(self.keymap))



#: What the export dialog offers (as ``reader export`` does): id -> (format, style, text).
EXPORT_KINDS: dict[str, tuple[str, str, str]] = {
    "md-links": ("md", "links", "Markdown with links to Wikipedia"),
    "md-footnotes": ("md", "footnotes", "Markdown with footnotes"),
    "md-wikilinks": ("md", "wikilinks", "Markdown with [[wikilinks]] (Obsidian)"),
    "json": ("json", "", "JSON for scripts (article, entities, glossary)"),
}


class ExportScreen(Dialog[tuple[str, bool, str, str] | None]):
    """Ask what to export (the formats and Markdown styles of ``reader export``) and where;
    confirm before replacing a file.

    Dismisses with ``(path, overwrite, format, style)`` or None (cancelled). The app writes
    the file.
    """

    DEFAULT_CSS = """
    ExportScreen > Vertical { width: 80; }
    ExportScreen #export-question { color: $warning; height: auto; }
    ExportScreen #export-help { color: $text-muted; }
    ExportScreen OptionList { height: auto; border: none; margin: 1 0 0 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        ("down", "kind(1)", "Next kind"), ("up", "kind(-1)", "Previous kind"),
    ]

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default
        self._confirming: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Export the annotated article to:", "bold"))
            yield Input(self.default, id="export-path")
            yield OptionList(*(Option(text, id=kind)
                               for kind, (_, _, text) in EXPORT_KINDS.items()),
                             id="export-kind")
            yield Static("", id="export-question")
            yield Static("↑↓ what to export · Enter writes · Esc cancels", id="export-help")

    def on_mount(self) -> None:
        self.query_one("#export-question").display = False
        self.query_one("#export-kind", OptionList).highlighted = 0
        self.query_one("#export-path", Input).focus()

    @property
    def kind(self) -> tuple[str, str]:
        """The chosen format and Markdown style."""
        option_list = self.query_one("#export-kind", OptionList)
        kind = option_list.get_option_at_index(option_list.highlighted or 0).id or "md-links"
        fmt, style, _ = EXPORT_KINDS[kind]
        return fmt, style

    def action_kind(self, step: int) -> None:
        """Choose the next or previous kind; the file name's extension follows it."""
        option_list = self.query_one("#export-kind", OptionList)
        option_list.highlighted = ((option_list.highlighted or 0) + step) % len(EXPORT_KINDS)
        self._follow_kind()

    def on_option_list_option_highlighted(self) -> None:
        self._follow_kind()

    def _follow_kind(self) -> None:
        field = self.query_one("#export-path", Input)
        fmt, _ = self.kind
        for old, new in ((".md", ".json"), (".json", ".md")):
            if field.value.endswith(old) and f".{fmt}" == new:
                field.value = field.value.removesuffix(old) + new

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
        self.dismiss((path, self._confirming == path, *self.kind))

    def _ask(self, question: Text) -> None:
        widget = self.query_one("#export-question", Static)
        widget.update(question)
        widget.display = True

