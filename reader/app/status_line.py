"""The status line: recogniser, entity count, network state and progress (reactive parts),
fitted to the terminal's width; while mark mode is on, the mark's hint instead.

:func:`fit_status` is pure logic: the parts are joined with `` · `` and, when the line is
too long, the least important parts are shortened first, then dropped; the network state
(online / offline / rate-limited / errors) is kept to the last.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

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


class StatusLine(Widget):
    """One line of state under the article; set the parts, the line redraws itself."""

    DEFAULT_CSS = """
    StatusLine { width: 1fr; height: 1; padding: 0 1; color: $text-muted; }
    """

    #: The recogniser's name, or what the analysis is doing.
    recogniser: reactive[str] = reactive("analysing…")
    #: Number of entities (None until the analysis is done).
    entities: reactive[int | None] = reactive(None)
    #: Network state of the glossary ("online", "offline", "rate-limited, retry in 3 s");
    #: "connecting…" until the glossary answered (never "online" before that).
    network: reactive[str] = reactive("connecting…")
    #: Entries whose lookup failed (shown instead of "online"; r retries them).
    errors: reactive[int] = reactive(0)
    #: Progress of the glossary lookups ("background 3/9"), or "".
    progress: reactive[str] = reactive("")
    #: Work in progress ("applying corrections…"), or "".
    busy: reactive[str] = reactive("")
    #: The find counter while the find bar is closed ("3/17"), or "".
    find: reactive[str] = reactive("")
    #: Mark mode's hint, shown instead of everything else; or "".
    hint: reactive[str] = reactive("")

    def parts(self) -> list[Part]:
        """The parts of the line (the network state is kept the longest)."""
        parts = [Part(self.recogniser, keep=1)]
        if self.entities is not None:
            count = self.entities
            parts.append(Part(f"{count} entit{'y' if count == 1 else 'ies'}", str(count),
                              keep=3))
        parts += self._network_parts()
        if self.progress:
            parts.append(Part(self.progress, self.progress.split()[-1], keep=2))
        if self.busy:
            parts.append(Part(self.busy, keep=4))
        if self.find:
            parts.append(Part(f"find {self.find}", self.find, keep=5))
        return parts

    def _network_parts(self) -> list[Part]:
        network = self.network
        if network.startswith("offline"):
            return [Part(network, "offline", keep=9),
                    Part("reader prefetch fills the cache when online", keep=0)]
        if self.errors and not network.startswith("rate-limited"):
            return [Part(f"{self.errors} error{'s' if self.errors != 1 else ''}", keep=9),
                    Part("r retries", keep=0)]
        return [Part(network, keep=9)]

    @property
    def text(self) -> str:
        """The line in full (before it is fitted to the width)."""
        return self.hint or SEPARATOR.join(part.text for part in self.parts() if part.text)

    def render(self) -> Text:
        width = max(1, self.content_region.width or 200)
        if self.hint:
            return Text(_truncate(self.hint, width), no_wrap=True)
        return Text(fit_status(self.parts(), width), no_wrap=True)
