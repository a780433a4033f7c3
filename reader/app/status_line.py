"""The status line: recogniser, entity count, network state and progress (reactive parts).

While mark mode is on, the line shows the mark's hint instead.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class StatusLine(Widget):
    """One line of state under the article; set the parts, the line redraws itself."""

    DEFAULT_CSS = """
    StatusLine { width: 1fr; height: 1; padding: 0 1; color: $text-muted; }
    """

    #: The recogniser's name, or what the analysis is doing.
    recogniser: reactive[str] = reactive("analysing…")
    #: Number of entities (None until the analysis is done).
    entities: reactive[int | None] = reactive(None)
    #: Network state of the glossary ("online", "offline", "rate-limited, retry in 3 s").
    network: reactive[str] = reactive("online")
    #: Progress of the glossary lookups ("background 3/9"), or "".
    progress: reactive[str] = reactive("")
    #: Work in progress ("applying corrections…"), or "".
    busy: reactive[str] = reactive("")
    #: Mark mode's hint, shown instead of everything else; or "".
    hint: reactive[str] = reactive("")

    @property
    def text(self) -> str:
        """The line as shown."""
        if self.hint:
            return self.hint
        parts = [self.recogniser]
        if self.entities is not None:
            parts.append(f"{self.entities} entit{'y' if self.entities == 1 else 'ies'}")
        parts.append(self.network)
        parts.extend(part for part in (self.progress, self.busy) if part)
        return " · ".join(parts)

    def render(self) -> Text:
        return Text(self.text)
