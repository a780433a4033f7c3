"""The app with articles from the web: block kinds drawn, o / O open pages or copy them."""

from __future__ import annotations

import webbrowser
from typing import Any

import pytest
from app_support import MakeApp, hand_analysis, settle

from reader.analysis.model import Analysis
from reader.app.app import ReaderApp
from reader.config import Config
from reader.web import load_url

SIZE = (120, 40)
BUDGET_ENTITIES = (("misc:kita", "MISC", "Kita-Essen", ("Kita-Essen",)),
                   ("org:landtag", "ORG", "Landtag", ("Landtag",)))


def budget_analysis(text: str) -> Analysis:
    return hand_analysis(text, BUDGET_ENTITIES)


class FakeBrowser:
    """A browser that runs beside the terminal; records what it opened."""

    def __init__(self) -> None:
        self.opened: list[str] = []

    def open(self, url: str, new: int = 0) -> bool:
        self.opened.append(url)
        return True


def screen_rows(app: ReaderApp) -> list[str]:
    view = app.view
    return [view.render_line(y).text for y in range(view.scrollable_content_region.height)]


def messages(app: ReaderApp) -> list[str]:
    return [n.message for n in app._notifications]


@pytest.fixture
def budget(news_server: Any, web_config: Config) -> Any:
    return load_url(news_server.url("/land/haushalt-familien"), web_config)


async def test_block_kinds_are_drawn(budget: Any, make_app: MakeApp) -> None:
    app = make_app(budget, analyser=budget_analysis)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = screen_rows(app)
        item = next(row for row in rows if "Das Kita-Essen" in row)
        assert item.strip().startswith("• Das Kita-Essen")
        quote = next(row for row in rows if "Wir entlasten" in row)
        assert quote.strip().startswith("▌ Wir entlasten")
        assert any(row.strip().startswith("Kitas | 410 Mio. Euro") for row in rows)
        # A click on a word of a list item selects the mention there (the bullet is not text).
        y = next(y for y, row in enumerate(rows) if "Kita-Essen" in row)
        x = rows[y].index("Kita-Essen") + 2
        await pilot.click(app.view, offset=(x, y))
        assert app.main.selected_entity() is not None
        assert app.main.selected_entity().name == "Kita-Essen"


async def test_O_opens_the_article_page(budget: Any, monkeypatch: pytest.MonkeyPatch,
                                        make_app: MakeApp) -> None:
    browser = FakeBrowser()
    monkeypatch.setattr(webbrowser, "get", lambda *a: browser)
    app = make_app(budget, analyser=budget_analysis)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("O")
        await settle(pilot)
        assert browser.opened == [budget.source]
        assert "Opened the article's web page in the browser." in messages(app)


@pytest.mark.parametrize("kind", ["none", "console"])
async def test_without_a_browser_the_address_is_copied(kind: str, budget: Any,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       make_app: MakeApp) -> None:
    def no_browser(*_args: Any) -> Any:
        if kind == "console":  # e.g. lynx: it would take over the terminal
            return webbrowser.GenericBrowser("lynx")
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", no_browser)
    app = make_app(budget, analyser=budget_analysis)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("O")
        await settle(pilot)
        assert app.clipboard == budget.source
        assert any(budget.source in m and "copied to the clipboard" in m
                   for m in messages(app))


async def test_o_opens_the_entity_page(wiki_server: Any,
                                       monkeypatch: pytest.MonkeyPatch, make_app: MakeApp) -> None:
    browser = FakeBrowser()
    monkeypatch.setattr(webbrowser, "get", lambda *a: browser)
    config = Config(api_url=wiki_server.api_url, fallback_lang="", timeout=2)
    app = make_app(config=config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("o")  # nothing selected yet
        assert browser.opened == []
        await pilot.press("tab", "tab", "tab", "tab")
        await settle(pilot)
        entity = app.main.selected_entity()
        assert entity is not None
        entry = app.session.entries[entity.key]
        assert entry.ok and entry.url.startswith("http")
        await pilot.press("o")
        await settle(pilot)
        assert browser.opened == [entry.url]
        await pilot.press("O")  # a file: no web page to open
        await settle(pilot)
        assert browser.opened == [entry.url]
        assert "No web address for the article's web page." in messages(app)


def test_only_web_links_are_rendered_as_links() -> None:
    from glossary.models import GlossaryEntry, Status
    from reader.app.glossary_panel import entry_text

    def links(url: str) -> list[str]:
        entry = GlossaryEntry("X", "de", Status.FOUND, title="X", url=url)
        text = entry_text(entry, "X")
        return [str(span.style.link) for span in text.spans
                if not isinstance(span.style, str) and span.style.link]

    assert links("https://de.wikipedia.org/wiki/X") == ["https://de.wikipedia.org/wiki/X"]
    assert links("javascript:alert(1)") == []
    assert links("file:///etc/passwd") == []
