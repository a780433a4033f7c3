"""Every message of the app, as dataclasses in one place.

Widgets post them and the main screen routes them (:mod:`reader.app.main_screen`);
workers post the results of the session's work. Failures of workers are not messages:
the main screen handles them in one place (``Worker.StateChanged``). Progress messages
replace a queued one of their kind (``can_replace``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # names for the fields only: not imported before the first frame
    from glossary.models import GlossaryEntry
    from reader.app.marks import MentionIndex
    from reader.corrections import Corrections
    from reader.session import Analysed

# -- from workers ---------------------------------------------------------------------


@dataclass
class AnalysisReady(Message):
    """The analysis finished (``mentions`` is built in the worker, too).

    ``generation`` tells a current result from one a newer analysis replaced; ``select``
    is the text span whose mention to select (an entity just added).
    """

    analysed: Analysed
    mentions: MentionIndex
    generation: int = 0
    select: tuple[int, int] | None = None


@dataclass
class AnalysisProgress(Message):
    """A provisional analysis of a long text: the pieces recognised so far (``done`` of
    ``total``), those on screen first; :class:`AnalysisReady` brings the final one."""

    analysed: Analysed
    mentions: MentionIndex
    generation: int
    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        """A newer provisional analysis replaces an older one still in the queue."""
        return isinstance(message, AnalysisProgress)


@dataclass
class EntriesReady(Message):
    """Glossary entries arrived, by entity key (``final``: the prefetch is done)."""

    entries: dict[str, GlossaryEntry]
    final: bool = False


@dataclass
class LookupProgress(Message):
    """``done`` of ``total`` entities have their glossary entries."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        """A newer count replaces an older one still in the queue."""
        return isinstance(message, LookupProgress)


@dataclass
class GlossaryNotice(Message):
    """A one-line notice of the glossary for the reader (e.g. that no contact is set)."""

    text: str


@dataclass
class CorrectionSaved(Message):
    """A correction was saved; ``corrections`` is everything stored now."""

    corrections: Corrections
    done: str
    reanalyse: bool
    select: tuple[int, int] | None = None


# -- from the article view ------------------------------------------------------------


@dataclass
class SelectionChanged(Message):
    """The selected mention changed (``index`` into the mention index, or None)."""

    index: int | None


@dataclass
class Activated(Message):
    """The user pressed Enter (or clicked) on the selected mention."""

    index: int


@dataclass
class MarkChanged(Message):
    """The mark (mark mode) changed: its text offsets, or None when it was removed."""

    span: tuple[int, int] | None


@dataclass
class MarkDone(Message):
    """The user confirmed the mark ``[start, end)``: add it as an entity."""

    start: int
    end: int


# -- from the glossary panel ----------------------------------------------------------


@dataclass
class MeaningChosen(Message):
    """The user chose page ``title`` for the entity ``key``."""

    key: str
    title: str


@dataclass
class MentionChosen(Message):
    """The user chose mention ``index`` (of the mention index) to jump to."""

    index: int


@dataclass
class LeavePanel(Message):
    """The user wants to go back to the article."""


@dataclass
class Retry(Message):
    """Fetch the entity ``key`` again (the user asked, or a rate limit's wait is over)."""

    key: str


@dataclass
class RetryTick(Message):
    """A second of a rate limit's wait passed (the status line shows the network state)."""

    def can_replace(self, message: Message) -> bool:
        """One tick in the queue is enough."""
        return isinstance(message, RetryTick)


# -- from the find bar ----------------------------------------------------------------


@dataclass
class FindStep(Message):
    """Go to the next (``step`` = 1) or previous (-1) match."""

    step: int


@dataclass
class MatchesChanged(Message):
    """The find matches or the current match changed (the status line shows the count)."""


class FindClosed(Message):
    """The find bar was closed."""
