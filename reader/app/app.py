"""The reader application."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Static

from reader.app.article_view import ArticleView
from reader.article import Article
from reader.config import Config
from reader.sanitize import strip_escapes


class ReaderApp(App[None]):
    """Read one article."""

    TITLE = "reader"
    CSS = """
    #title { padding: 1 2 0 2; text-style: bold; color: $text; }
    #date { padding: 0 2 1 2; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(self, article: Article, *, config: Config | None = None) -> None:
        super().__init__()
        self.article = article
        self.config = config or Config()

    def compose(self) -> ComposeResult:
        from rich.text import Text

        yield Static(Text(strip_escapes(self.article.title)), id="title")
        date = self.article.date.isoformat() if self.article.date else ""
        yield Static(Text(date), id="date")
        yield ArticleView(self.article, id="article")
        yield Footer()

    def on_mount(self) -> None:
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        self.sub_title = self.article.source
        self.query_one(ArticleView).focus()
