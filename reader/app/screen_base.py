"""What the parts of the main screen share: the session, the widgets and the mentions.

:class:`reader.app.main_screen.MainScreen` is built from this base and the flows that
live in their own modules (find, glossary, corrections); each flow sees the screen
through these properties.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from reader.app.article_view import ArticleView
from reader.app.glossary_panel import GlossaryPanel
from reader.app.marks import MentionIndex
from reader.app.status_line import StatusLine
from reader.app.widgets import FindBar
from reader.session import Session

if TYPE_CHECKING:
    from glossary.models import Candidate
    from reader.analysis.model import Entity
    from reader.article import Article
    from reader.config import Config


class ScreenBase(Screen[None]):
    """The main screen's state and widgets (see :mod:`reader.app.main_screen`).

    The widgets are made in ``MainScreen.compose``.
    """

    #: The article view.
    view: ArticleView
    #: The glossary panel.
    panel: GlossaryPanel
    #: The find bar (mounted after the first frame: see :meth:`add_hidden_parts`).
    find_bar: FindBar
    #: The status line.
    status: StatusLine

    def __init__(self, session: Session) -> None:
        super().__init__()
        #: The reading session: analysis, glossary entries, corrections and export.
        self.session = session
        self.config: Config = session.config
        #: Mentions of the current analysis, indexed for the view (None while analysing).
        self.mentions: MentionIndex | None = None
        #: The entity shown in the panel.
        self.shown_key: str | None = None
        #: Pages seen for each entity (candidates and found pages), offered by ``c``.
        self.pages_seen: dict[str, dict[str, Candidate]] = {}
        #: Entities whose glossary entry is being looked up.
        self.fetching: set[str] = set()

    @property
    def article(self) -> Article:
        """The session's article (a long file's start, then the whole)."""
        return self.session.article

    def add_hidden_parts(self) -> None:
        """Mount the widgets the first frame does not show (the main screen does)."""
        raise NotImplementedError

    def selected_entity(self) -> Entity | None:
        """The entity of the selected mention, else the one shown in the panel."""
        analysis = self.session.analysis
        if analysis is None:
            return None
        key = self.shown_key
        if self.view.selected is not None and self.mentions is not None:
            key = self.mentions.entities[self.view.selected].key
        return analysis.by_key().get(key) if key is not None else None
