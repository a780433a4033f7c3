"""Every message of the app, in one place (plain classes: a dataclass costs start-up time).

Widgets post them and the main screen routes them (:mod:`reader.app.main_screen`);
workers post the results of the session's work. Failures of workers are not messages:
the main screen handles them in one place (``Worker.StateChanged``). Progress messages
replace a queued one of their kind (``can_replace``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # names for the fields only: not imported before the first frame
    from glossary.models import GlossaryEntry
    from reader.app.marks import MentionIndex, Ranges
    from reader.article import Article
    from reader.corrections import Corrections
    from reader.session import Analysed


# -- from workers ---------------------------------------------------------------------


class ArticleLoaded(Message):
    """The whole article of a long file whose start was shown first (it bubbles to the
    app, which restores the reading position then)."""

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article


class AnalysisReady(Message):
    """The analysis finished (``mentions`` is built in the worker, too).

    ``generation`` tells a current result from one a newer analysis replaced; ``select``
    is the text span whose mention to select (an entity just added).
    """

    def __init__(self, analysed: Analysed, mentions: MentionIndex, generation: int = 0,
                 select: tuple[int, int] | None = None) -> None:
        super().__init__()
        self.analysed = analysed
        self.mentions = mentions
        self.generation = generation
        self.select = select


class AnalysisProgress(Message):
    """A provisional analysis of a long text: the pieces recognised so far (``done`` of
    ``total``), those on screen first; :class:`AnalysisReady` brings the final one."""

    def __init__(self, analysed: Analysed, mentions: MentionIndex, generation: int, done: int,
                 total: int) -> None:
        super().__init__()
        self.analysed = analysed
        self.mentions = mentions
        self.generation = generation
        self.done = done
        self.total = total

    def can_replace(self, message: Message) -> bool:
        """A newer provisional analysis replaces an older one still in the queue."""
        return isinstance(message, AnalysisProgress)


class EntriesReady(Message):
    """Glossary entries arrived, by entity key (``final``: the prefetch is done)."""

    def __init__(self, entries: dict[str, GlossaryEntry], final: bool = False) -> None:
        super().__init__()
        self.entries = entries
        self.final = final


class LookupProgress(Message):
    """``done`` of ``total`` entities have their glossary entries."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total

    def can_replace(self, message: Message) -> bool:
        """A newer count replaces an older one still in the queue."""
        return isinstance(message, LookupProgress)


class GlossaryNotice(Message):
    """A one-line notice of the glossary for the reader (e.g. that no contact is set)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class CorrectionSaved(Message):
    """A correction was saved; ``corrections`` is everything stored now."""

    def __init__(self, corrections: Corrections, done: str, reanalyse: bool,
                 select: tuple[int, int] | None = None) -> None:
        super().__init__()
        self.corrections = corrections
        self.done = done
        self.reanalyse = reanalyse
        self.select = select


# -- from the article view ------------------------------------------------------------


class SelectionChanged(Message):
    """The selected mention changed (``index`` into the mention index, or None)."""

    def __init__(self, index: int | None) -> None:
        super().__init__()
        self.index = index


class Activated(Message):
    """The user pressed Enter (or clicked) on the selected mention."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index


class MarkChanged(Message):
    """The mark (mark mode) changed: its text offsets, or None when it was removed."""

    def __init__(self, span: tuple[int, int] | None) -> None:
        super().__init__()
        self.span = span


class MarkDone(Message):
    """The user confirmed the mark ``[start, end)``: add it as an entity."""

    def __init__(self, start: int, end: int) -> None:
        super().__init__()
        self.start = start
        self.end = end


# -- from the glossary panel ----------------------------------------------------------


class MeaningChosen(Message):
    """The user chose page ``title`` for the entity ``key``."""

    def __init__(self, key: str, title: str) -> None:
        super().__init__()
        self.key = key
        self.title = title


class MentionChosen(Message):
    """The user chose mention ``index`` (of the mention index) to jump to."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index


class LeavePanel(Message):
    """The user wants to go back to the article."""


class Retry(Message):
    """Fetch the entity ``key`` again (the user asked, or a rate limit's wait is over)."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key


class RetryTick(Message):
    """A second of a rate limit's wait passed (the status line shows the network state)."""

    def can_replace(self, message: Message) -> bool:
        """One tick in the queue is enough."""
        return isinstance(message, RetryTick)


# -- from the find bar ----------------------------------------------------------------


class FindStep(Message):
    """Go to the next (``step`` = 1) or previous (-1) match."""

    def __init__(self, step: int) -> None:
        super().__init__()
        self.step = step


class MatchesFound(Message):
    """The matches of ``query`` in a long text, found by a worker."""

    def __init__(self, query: str, matches: Ranges) -> None:
        super().__init__()
        self.query = query
        self.matches = matches


class MatchesChanged(Message):
    """The find matches or the current match changed (the status line shows the count)."""


class FindClosed(Message):
    """The find bar was closed."""
