"""The status line: what the reader is doing, fitted to the terminal's width.

:func:`fit_status` is pure logic: the parts are joined with `` · `` and, when the line is
too long, the least important parts are shortened first, then dropped; the network state
(online / offline / rate-limited / errors) is kept to the last.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

SEPARATOR = " · "


@dataclass(frozen=True)
class Part:
    """One part of the status line: its text, a shorter form, and how much it matters
    (a higher ``keep`` is shortened and dropped later)."""

    text: str
    short: str = ""
    keep: int = 0


def _width(texts: list[str]) -> int:
    return cell_len(SEPARATOR.join(text for text in texts if text))


def _truncate(text: str, width: int) -> str:
    if cell_len(text) <= width:
        return text
    out = ""
    for char in text:
        if cell_len(out + char) > width - 1:
            break
        out += char
    return out + "…" if width > 0 else ""


def fit_status(parts: list[Part], width: int) -> str:
    """The parts joined, fitting in ``width`` cells: first shorten, then drop, the parts
    that matter least; the part that matters most is only cut (with an ellipsis) when it
    alone is too long."""
    texts = [part.text for part in parts]
    order = sorted(range(len(parts)), key=lambda index: (parts[index].keep, -index))
    steps = [(index, parts[index].short or texts[index]) for index in order[:-1]]
    steps += [(index, "") for index in order[:-1]]
    steps += [(index, parts[index].short or texts[index]) for index in order[-1:]]
    for index, text in steps:  # shorten, then drop, the others; then shorten the first
        if _width(texts) <= width:
            break
        texts[index] = text
    return _truncate(SEPARATOR.join(text for text in texts if text), width)


class StatusLine(Static):
    """The status text, re-fitted whenever its width changes."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.parts: list[Part] = []
        self.hint = ""

    def set_parts(self, parts: list[Part], hint: str = "") -> None:
        """Show ``parts`` (or, while there is one, the ``hint``: mark mode's keys)."""
        self.parts = parts
        self.hint = hint
        self.refresh()

    @property
    def plain(self) -> str:
        """The full status text (not shortened)."""
        return self.hint or SEPARATOR.join(part.text for part in self.parts if part.text)

    def render(self) -> Text:
        width = max(1, self.content_region.width or 200)
        if self.hint:
            return Text(_truncate(self.hint, width), no_wrap=True)
        return Text(fit_status(self.parts, width), no_wrap=True)
