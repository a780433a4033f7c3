"""Dialogs: the entity index (like Kindle's X-Ray), the key help and the export path."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.analysis.model import LABEL_NAMES, LABELS, Entity
from reader.app import keys
from reader.app.dialog import Dialog
from reader.sanitize import strip_escapes


def index_options(entities: list[Entity], query: str = "") -> list[Option | None]:
    """Options of the index: entities grouped by label, most mentioned first, filtered.

    ``query`` matches (case-insensitively) the name or an alias. Group headings are
    disabled options; ``None`` separates groups.
    """
    needle = query.casefold().strip()
    options: list[Option | None] = []
    order = {label: number for number, label in enumerate(LABELS)}
    groups: dict[str, list[Entity]] = {}
    for entity in entities:
        if needle and not any(needle in name.casefold()
                              for name in (entity.name, *entity.aliases)):
            continue
        groups.setdefault(entity.label, []).append(entity)
    for label in sorted(groups, key=lambda name: order.get(name, len(order))):
        members = sorted(groups[label], key=lambda e: (-e.count, e.name.casefold()))
        if options:
            options.append(None)
        heading = Text(f"{LABEL_NAMES.get(label, label)} ({len(members)})", "bold underline")
        options.append(Option(heading, id=f"label:{label}", disabled=True))
        for entity in members:
            prompt = Text("  ")
            prompt.append(strip_escapes(entity.name))
            prompt.append(f"  {entity.count}×", "dim")
            options.append(Option(prompt, id=f"entity:{entity.key}"))
    return options


class IndexScreen(Dialog[str | None]):
    """All entities, grouped by label with mention counts; type to filter, Enter to jump."""

    DEFAULT_CSS = """
    IndexScreen > Vertical { width: 70; height: 80%; max-height: 100%; padding: 0; }
    IndexScreen Input { margin: 0 0 1 0; }
    IndexScreen OptionList { height: 1fr; }
    IndexScreen #index-help { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("index")  # type: ignore[assignment]

    def __init__(self, entities: list[Entity]) -> None:
        super().__init__()
        self.entities = entities

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Entities ({len(self.entities)})", id="index-title")
            yield Input(placeholder="type to filter", id="index-filter")
            yield OptionList(*index_options(self.entities), id="index-list")
            yield Static("Enter jumps · Esc closes", id="index-help")

    def on_mount(self) -> None:
        self.query_one("#index-list", OptionList).action_first()
        self.query_one("#index-filter", Input).focus()
        self._first_enabled()

    def _first_enabled(self) -> None:
        option_list = self.query_one("#index-list", OptionList)
        for number in range(option_list.option_count):
            if not option_list.get_option_at_index(number).disabled:
                option_list.highlighted = number
                return

    def on_input_changed(self, event: Input.Changed) -> None:
        option_list = self.query_one("#index-list", OptionList)
        option_list.set_options(index_options(self.entities, event.value))
        self._first_enabled()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        option_list = self.query_one("#index-list", OptionList)
        if option_list.highlighted is not None:
            option = option_list.get_option_at_index(option_list.highlighted)
            self._choose(option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if option_id and option_id.startswith("entity:"):
            self.dismiss(option_id.removeprefix("entity:"))

    def action_cursor_down(self) -> None:
        """Move the highlight down (while typing in the filter)."""
        self.query_one("#index-list", OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        """Move the highlight up (while typing in the filter)."""
        self.query_one("#index-list", OptionList).action_cursor_up()



def help_table() -> Table:
    """Every key of the app, by where it works."""
    table = Table(box=None, show_header=False, padding=(0, 2), expand=False)
    table.add_column("keys", style="bold", no_wrap=True, width=24)
    table.add_column("action")
    for scope, title in keys.SCOPES.items():
        table.add_row(Text(title, "bold underline"), "")
        for key in keys.KEYS:
            if key.scope == scope:
                table.add_row(keys.display(key.keys), key.description)
        table.add_row("", "")
    table.add_row(Text("Also", "bold underline"), "")
    table.add_row("Ctrl+P", "command palette (all actions, themes)")
    table.add_row("Mouse", "click an entity to show it; wheel scrolls; drag over words to "
                  "mark them (Enter adds them as an entity)")
    return table


class HelpScreen(Dialog[None]):
    """The list of keys."""

    DEFAULT_CSS = """
    HelpScreen > VerticalScroll {
        width: 76; max-width: 95%; height: 85%; border: thick $primary; background: $panel;
        padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("help")  # type: ignore[assignment]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text("Keys", "bold"))
            yield Static(help_table())



class ExportScreen(Dialog[tuple[str, bool] | None]):
    """Ask where to write the Markdown export; confirm before replacing a file.

    Dismisses with ``(path, overwrite)`` or None (cancelled). The app writes the file.
    """

    DEFAULT_CSS = """
    ExportScreen > Vertical { width: 80; }
    ExportScreen #export-question { color: $warning; height: auto; }
    ExportScreen #export-help { color: $text-muted; }
    """

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

