"""The entity index, like Kindle's X-Ray: every entity with its type, mention count,
description (from the glossary, when known) and a bar showing where in the article its
mentions fall; tabs by type and "on screen", a filter (a type word such as "place" selects
the type), two orders, and excerpts of the highlighted entity's mentions."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static, Tab, Tabs
from textual.widgets.option_list import Option

from reader.analysis.model import LABEL_NAMES, Entity
from reader.app import keys
from reader.app.marks import excerpt
from reader.app.xray import SORTS, TABS, distribution, select
from reader.sanitize import strip_escapes

#: Cells of the distribution bar.
BAR_WIDTH = 16
#: Widest name column (longer names end with an ellipsis; the bars stay aligned).
NAME_WIDTH = 28
#: Excerpts shown for the highlighted entity.
EXCERPTS = 3


def _clean(text: str) -> str:
    return strip_escapes(text).replace("\n", " ").strip()


def index_options(entities: list[Entity], *, descriptions: dict[str, str], length: int,
                  sort: str = "count") -> list[Option | None]:
    """Options of the index: grouped by type under headings (order "count"), or one list
    in order of first appearance; each with its count, bar and description."""
    options: list[Option | None] = []
    label = None
    column = min(NAME_WIDTH, max((cell_len(_clean(e.name)) for e in entities), default=0))
    for entity in entities:
        if sort == "count" and entity.label != label:
            label = entity.label
            members = sum(1 for e in entities if e.label == label)
            if options:
                options.append(None)
            heading = Text(f"{LABEL_NAMES.get(label, label)} ({members})", "bold underline")
            options.append(Option(heading, id=f"label:{label}", disabled=True))
        prompt = Text("  ")
        if sort != "count":
            prompt.append(f"{entity.label:<5}", "bold")
        name = Text(_clean(entity.name), no_wrap=True, overflow="ellipsis")
        name.truncate(column, overflow="ellipsis", pad=True)
        prompt.append_text(name)
        prompt.append(f" {entity.count:>4}× ", "dim")
        prompt.append(distribution((m.start for m in entity.mentions), length, BAR_WIDTH))
        description = _clean(descriptions.get(entity.key, ""))
        if description:
            prompt.append(f"\n    {description}", "dim italic")
        options.append(Option(prompt, id=f"entity:{entity.key}"))
    return options


class IndexScreen(ModalScreen[str | None]):
    """The entity index; dismisses with the key of the entity to jump to (or None)."""

    DEFAULT_CSS = """
    IndexScreen { align: center middle; }
    IndexScreen > Vertical {
        width: 90; max-width: 98%; height: 90%; border: thick $primary; background: $panel;
    }
    IndexScreen Tabs { height: 2; }
    IndexScreen Input, IndexScreen Input:focus {
        border: none; height: 1; margin: 0 1 1 1; padding: 0 1;
    }
    IndexScreen OptionList { height: 1fr; }
    IndexScreen #index-detail { height: auto; max-height: 5; padding: 0 1; color: $text; }
    IndexScreen #index-help { color: $text-muted; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        *keys.bindings("index"),
        ("down", "cursor_down", "Down"),
        ("up", "cursor_up", "Up"),
    ]

    def __init__(self, entities: list[Entity], *, descriptions: dict[str, str] | None = None,
                 text: str = "", visible: set[str] | None = None) -> None:
        super().__init__()
        self.entities = entities
        self.descriptions = descriptions or {}
        self.text = text
        self.on_screen = visible or set()
        self.sort = SORTS[0]
        self.tab = "all"
        self.listed: list[Entity] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="index-title")
            yield Tabs(*(Tab(title, id=f"tab-{name}") for name, title in TABS.items()),
                       id="index-tabs")
            yield Input(placeholder="type to filter (a name, or a type: place, person…)",
                        id="index-filter")
            yield OptionList(id="index-list")
            yield Static("", id="index-detail")
            yield Static("Enter jumps · Tab type · Ctrl+O order · Esc closes",
                         id="index-help")

    def on_mount(self) -> None:
        self.query_one("#index-tabs", Tabs).can_focus = False
        self.query_one("#index-filter", Input).focus()
        self._refill()

    # -- contents ----------------------------------------------------------------------
    def _refill(self) -> None:
        query = self.query_one("#index-filter", Input).value
        self.listed = select(self.entities, query, self.tab, self.on_screen, self.sort)
        option_list = self.query_one("#index-list", OptionList)
        option_list.set_options(index_options(self.listed, descriptions=self.descriptions,
                                              length=len(self.text), sort=self.sort))
        order = "most mentioned first" if self.sort == "count" else "first appearance"
        self.query_one("#index-title", Static).update(Text(
            f"Entities: {len(self.listed)} of {len(self.entities)} · {order}", "bold"))
        for number in range(option_list.option_count):
            if not option_list.get_option_at_index(number).disabled:
                option_list.highlighted = number
                break
        self._show_detail()

    def _highlighted(self) -> Entity | None:
        option_list = self.query_one("#index-list", OptionList)
        if option_list.highlighted is None:
            return None
        option_id = option_list.get_option_at_index(option_list.highlighted).id or ""
        key = option_id.removeprefix("entity:")
        return next((e for e in self.listed if e.key == key), None)

    def _show_detail(self) -> None:
        entity = self._highlighted()
        detail = Text()
        if entity is not None:
            detail.append(_clean(entity.name), "bold")
            detail.append(f" · {LABEL_NAMES.get(entity.label, 'other')} · "
                          f"{entity.count} mention{'s' if entity.count != 1 else ''}")
            for mention in entity.mentions[:EXCERPTS]:
                line, start, end = excerpt(self.text, mention.start, mention.end)
                row = Text("\n  " + line, no_wrap=True, overflow="ellipsis")
                row.stylize("bold", 3 + start, 3 + end)
                detail.append_text(row)
        self.query_one("#index-detail", Static).update(detail)

    # -- events ------------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        self._refill()

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        self.tab = (event.tab.id or "tab-all").removeprefix("tab-")
        if self.is_mounted and self.query("#index-list"):
            self._refill()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_detail()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        entity = self._highlighted()
        if entity is not None:
            self.dismiss(entity.key)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("entity:"):
            self.dismiss(option_id.removeprefix("entity:"))

    # -- actions -----------------------------------------------------------------------
    def action_cursor_down(self) -> None:
        """Move the highlight down (while typing in the filter)."""
        self.query_one("#index-list", OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        """Move the highlight up (while typing in the filter)."""
        self.query_one("#index-list", OptionList).action_cursor_up()

    def action_next_tab(self) -> None:
        """The next type tab (All, People, …, On screen)."""
        self.query_one("#index-tabs", Tabs).action_next_tab()

    def action_previous_tab(self) -> None:
        """The previous type tab."""
        self.query_one("#index-tabs", Tabs).action_previous_tab()

    def action_toggle_sort(self) -> None:
        """Most mentioned first (grouped by type) or in order of first appearance."""
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._refill()

    def action_close(self) -> None:
        """Close without jumping."""
        self.dismiss(None)
