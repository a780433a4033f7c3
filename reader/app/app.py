"""The reader application: configuration, CSS, theme, the command palette and the keys
that work anywhere. The article, its entities and the glossary live on the main screen
(:mod:`reader.app.main_screen`), which runs the headless :class:`reader.session.Session`
(the same code as the commands').
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme

from reader.app import keys
from reader.app.main_screen import MainScreen
from reader.app.theme_colours import label_variables
from reader.app.widgets import Legend
from reader.article import Article
from reader.config import Config
from reader.session import Analyser, Session

if TYPE_CHECKING:
    from glossary.service import Glossary
    from reader.app.article_view import ArticleView
    from reader.app.marks import MentionIndex


class ReaderApp(App[None]):
    """Read one article with its entities highlighted and explained.

    ``analyser`` replaces the recogniser and ``glossary`` the glossary built from the
    configuration (see :class:`reader.session.Session`). ``whole`` reads the whole
    article when ``article`` is only the start of a long file: the start is shown at
    once, the whole replaces it after the first frame.
    """

    TITLE = "reader"
    CSS_PATH = "app.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-tiny"), (20, "-short"), (32, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        *keys.bindings("app"), *keys.bindings("corrections"),
    ]

    def __init__(self, article: Article, *, config: Config | None = None,
                 analyser: Analyser | None = None, glossary: Glossary | None = None,
                 whole: Callable[[], Article] | None = None) -> None:
        super().__init__()
        self.config = config or Config()
        #: The reading session: analysis, glossary entries, corrections and export.
        self.session = Session(article, self.config, analyser=analyser, glossary=glossary,
                               whole=whole)
        #: Why the whole article could not be read (``whole`` given): the app exited, and
        #: ``reader open`` reports it as it reports any bad input.
        self.load_error = ""

    def get_default_screen(self) -> MainScreen:
        """The main screen, at the bottom of the screen stack."""
        return MainScreen(self.session)

    def on_mount(self) -> None:
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        # Subscribed after the start-up theme is set: only the reader's choice is saved.
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.sub_title = self.article.source

    @property
    def article(self) -> Article:
        """The article read (the session's: its start, then the whole; see ``whole``)."""
        return self.session.article

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """A notification whose text is always data: names, titles and paths that look
        like markup (``x[/]y``, ``[@click=app.quit]``) are shown as written."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables and the label colours computed from them (readable)."""
        variables = super().get_css_variables()
        return {**variables, **label_variables(variables)}

    def on_resize(self) -> None:
        """The legend's labels are short or long with the width."""
        with contextlib.suppress(Exception):  # before the main screen is composed
            self.main.query_one(Legend).refresh(layout=True)

    def _theme_changed(self, theme: Theme) -> None:
        self._save_theme(theme.name)

    @work(thread=True, exclusive=True, group="settings")
    def _save_theme(self, name: str) -> None:
        """Keep the theme the reader chose (``t`` or the palette) in config.toml."""
        from reader.app.settings import save_theme
        from reader.errors import ReaderError

        try:
            save_theme(name)
        except ReaderError as exc:
            self.call_from_thread(self.notify, f"Theme not kept: {exc}", title="Theme",
                                  severity="warning", timeout=6)

    def on_unmount(self) -> None:
        with contextlib.suppress(Exception):  # closing never keeps the user from quitting
            self.session.close()

    # -- the main screen and what it shows ----------------------------------------------
    @property
    def main(self) -> MainScreen:
        """The main screen."""
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    @property
    def view(self) -> ArticleView:
        """The main screen's article view (for subclasses, e.g. the library's reading app)."""
        return self.main.view

    @property
    def mentions(self) -> MentionIndex | None:
        """The main screen's indexed mentions (None while the recogniser runs)."""
        return self.main.mentions

    # -- actions that work anywhere -----------------------------------------------------
    def action_help(self) -> None:
        """Show every key (as the keymap has them)."""
        from reader.app.screens import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.config.keymap))

    def action_cycle_theme(self) -> None:
        """Switch to the next theme."""
        names = sorted(name for name in self.available_themes if name != "textual-ansi")
        position = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(position + 1) % len(names)]
        self.notify(f"Theme: {self.theme}", timeout=2)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Command palette entries for the main actions."""
        for command in super().get_system_commands(screen):
            if command.title != "Keys":  # reader's own "Keys" (below) lists every key
                yield command
        main = self.main
        for title, help_text, action in (
            ("Entity index", "All entities by type; type to filter", main.action_index),
            ("Find in article", "Highlight every match", main.action_find),
            ("Next entity", "Select the next entity mention", main.view.action_next_mention),
            ("Jump to an entity", "Labels over the visible entities", main.view.action_jump),
            ("Toggle glossary panel", "Show or hide the background panel",
             main.action_toggle_panel),
            ("Next theme", "Cycle through the themes", self.action_cycle_theme),
            ("Export Markdown", "Write an annotated Markdown copy", main.action_export),
            ("Add an entity…", "Mark words in the article (m), then its type",
             main.action_mark),
            ("Hide the selected entity…", "In this article or everywhere (x)",
             main.action_hide_entity),
            ("Show hidden entity…", "Hidden entities; show one again (u)",
             main.action_hidden_entities),
            ("Choose the glossary page…", "Type a page title or pick another meaning (c)",
             main.action_choose_page),
            ("Write a note…", "Your note on the selected entity (a)", main.action_edit_note),
            ("Keys", "Every key of the reader", self.action_help),
        ):
            yield SystemCommand(title, help_text, action)
