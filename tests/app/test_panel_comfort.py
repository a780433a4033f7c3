"""The panel's rough edges (issue 16): meanings stay after a choice, the mention list
starts at the current mention ("mention 3 of 22"), the footer shows the panel's keys, a
chosen page that does not exist says so, and r retries every failed entry."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from app_support import settle
from test_glossary_panel import SIZE, config_for, glossary, select
from textual.pilot import Pilot
from textual.widgets import OptionList

from glossary.models import Status
from reader.analysis.model import Analysis
from reader.app.app import ReaderApp
from reader.app.footer import ReaderFooter
from reader.article import Article


@asynccontextmanager
async def running(seed_article: Article, analyser: Callable[[str], Analysis], server: Any,
                  **values: Any) -> AsyncIterator[tuple[ReaderApp, Pilot[None]]]:
    """The app on the seed article against the test server, settled."""
    config = config_for(server, **values)
    app = ReaderApp(seed_article, config=config, analyser=analyser, glossary=glossary(config))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        yield app, pilot


def _options(widget: OptionList) -> list[str]:
    """The page titles listed, each with its mark (✓ or two spaces)."""
    return [str(widget.get_option_at_index(n).prompt).split(" – ")[0]
            for n in range(widget.option_count)]


async def test_meanings_stay_and_the_chosen_one_is_marked(
        seed_article: Article, analyser: Callable[[str], Analysis], wiki_server: Any) -> None:
    async with running(seed_article, analyser, wiki_server) as (app, pilot):
        panel = await select(pilot, "Koalition der Willigen")
        meanings = panel.query_one("#meanings", OptionList)
        before = _options(meanings)
        assert "✓ Koalition der Willigen (Ukraine)" in before
        await pilot.press("enter")
        keys = {str(key.description) for key in app.query_one(ReaderFooter).children
                if hasattr(key, "description")}
        assert {"Choose", "Back to the article", "Fetch again"} <= keys
        await pilot.press("enter")  # another meaning
        await settle(pilot)
        after = _options(meanings)
        assert meanings.display and len(after) == len(before)
        assert "✓ Koalition der Willigen (Irak)" in after
        assert "  Koalition der Willigen (Ukraine)" in after


async def test_the_mention_list_starts_at_the_current_mention(
        seed_article: Article, analyser: Callable[[str], Analysis], wiki_server: Any) -> None:
    async with running(seed_article, analyser, wiki_server, offline=True) as (app, pilot):
        panel = await select(pilot, "Ukraine")
        head = str(panel.query_one("#panel-head").render())
        assert "mention 1 of 22" in head
        await pilot.press("full_stop", "full_stop")
        await pilot.pause()
        assert "mention 3 of 22" in str(panel.query_one("#panel-head").render())
        assert panel.query_one("#mentions", OptionList).highlighted == 2
        await pilot.press("enter", "down", "enter")  # into the list: from the current one
        await pilot.pause()
        assert app.mentions is not None and app.view.selected is not None
        assert app.mentions.by_entity["loc:ukraine"].index(app.view.selected) == 3


async def test_a_chosen_page_that_does_not_exist(
        seed_article: Article, analyser: Callable[[str], Analysis], wiki_server: Any) -> None:
    async with running(seed_article, analyser, wiki_server) as (app, pilot):
        await select(pilot, "Interfax")
        app.main._page_chosen("org:interfax", "ZDFheute Gibtsnicht")
        await settle(pilot)
        body = app.main.panel.body_text
        assert "there is no page “ZDFheute Gibtsnicht”, the page you chose" in body
        assert "Page chosen by you" in body


async def test_r_retries_every_failed_entry(
        seed_article: Article, analyser: Callable[[str], Analysis], wiki_server: Any) -> None:
    wiki_server.set_fault("500")
    async with running(seed_article, analyser, wiki_server) as (app, pilot):
        failed = sum(1 for e in app.main.session.entries.values() if e.status is Status.ERROR)
        assert failed == 9
        assert "9 errors" in app.main.status.text and "online" not in app.main.status.text
        wiki_server.clear_faults()
        await pilot.press("r")  # from the article
        await settle(pilot)
        assert all(e.status is Status.FOUND or e.status is Status.NOT_FOUND
                   for e in app.main.session.entries.values())
        assert "errors" not in app.main.status.text and "online" in app.main.status.text
