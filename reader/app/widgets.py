"""Small widgets of the main screen: the find bar and the label legend."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Input, Static

from reader.analysis.model import LABEL_NAMES, LABELS
from reader.app import keys
from reader.app.messages import FindClosed, FindStep


class FindBar(Horizontal):
    """A one-line find bar: the query and a match counter (``3/17``)."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("find")  # type: ignore[assignment]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: The query field and the match counter (kept: the bar is mounted after the
        #: first frame, and read before).
        self.input = Input(placeholder="find in the article", id="find-input")
        self.counter = Static("", id="find-count")

    def compose(self) -> ComposeResult:
        yield self.input
        yield self.counter

    def open(self) -> None:
        """Show the bar and focus the query (selected, to type over it)."""
        self.add_class("-open")
        self.input.focus()
        self.input.select_all()

    def close(self) -> None:
        """Hide the bar."""
        self.remove_class("-open")

    def set_count(self, current: int | None, total: int, limited: bool = False) -> None:
        """Show ``current/total`` (``current`` counts from 0)."""
        if not self.input.value:
            text = ""
        elif total == 0:
            text = "no matches"
        else:
            more = "+" if limited else ""
            text = f"{(current or 0) + 1}/{total}{more}"
        self.counter.update(text)

    def set_searching(self) -> None:
        """Say that the matches are being found (in a long text)."""
        self.counter.update("searching…")

    @property
    def count_text(self) -> str:
        """The counter as shown."""
        return str(self.counter.content)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(FindStep(1))

    def action_find_next(self) -> None:
        """Next match."""
        self.post_message(FindStep(1))

    def action_find_previous(self) -> None:
        """Previous match."""
        self.post_message(FindStep(-1))

    def action_close(self) -> None:
        """Close the bar (the matches stay highlighted until Esc in the article)."""
        self.close()
        self.post_message(FindClosed())


class Legend(Static):
    """The colour of each entity label, styled like the highlights (from the theme)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"label--{label.lower()}" for label in LABELS}

    #: Below this screen width the legend shows the short labels (PER, ORG...).
    COMPACT_BELOW = 110

    def render(self) -> Text:
        text = Text(no_wrap=True)
        compact = self.app.size.width < self.COMPACT_BELOW
        for label in LABELS:
            style = self.get_component_rich_style(f"label--{label.lower()}")
            text.append(f" {label if compact else LABEL_NAMES[label]} ", style)
            text.append(" ")
        return text
