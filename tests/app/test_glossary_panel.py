"""Pilot tests of the glossary panel against the local MediaWiki test server (real HTTP)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app_support import MakeApp, settle
from textual.pilot import Pilot

from glossary.service import Glossary
from reader.app.app import ReaderApp
from reader.app.article_view import ArticleView
from reader.app.glossary_panel import GlossaryPanel
from reader.config import Config
from reader.corrections import PageChoices, store_for
from reader.lookup import settings_for

SIZE = (140, 40)


def config_for(server: Any, **values: Any) -> Config:
    """The reader's configuration pointed at the test server."""
    return Config(api_url=server.api_url, fallback_lang="", **values)


def glossary(config: Config) -> Glossary:
    """The glossary of ``config`` with no retry waits (faults show at once); chosen pages
    live with the reader's corrections, as in :func:`reader.lookup.glossary_for`."""
    return Glossary(replace(settings_for(config), max_retries=0, retry_wait=0.0),
                    choices=PageChoices(store_for(config)))



async def select(pilot: Pilot[None], name: str) -> GlossaryPanel:
    """Select the first mention of entity ``name`` (via the index) and wait for its entry."""
    app = pilot.app
    assert isinstance(app, ReaderApp) and app.session.analysis is not None
    key = next(e.key for e in app.session.analysis.entities if e.name == name)
    app.main.jump_to_entity(key)
    await settle(pilot)
    return app.main.panel


async def test_seed_opens_highlighted_and_the_panel_shows_fixture_background(
        wiki_server: Any, make_app: MakeApp) -> None:
    """End to end: the real recogniser, the real glossary, the local server."""
    config = config_for(wiki_server)
    app = make_app(config=config, analyser=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.mentions is not None and len(app.mentions) > 20
        assert len(app.session.entries) == len(app.session.analysis.entities)  # type: ignore[union-attr]
        assert wiki_server.request_count > 0
        requests = wiki_server.request_count
        panel = await select(pilot, "Dmitri Peskow")
        assert "russischer Diplomat und Pressesprecher des Kremls" in panel.body_text
        assert "Dmitri Sergejewitsch Peskow" in panel.body_text
        assert "/Dmitri_Peskow" in panel.body_text or "Dmitri%20Peskow" in panel.body_text
        assert "Source:" in panel.body_text
        await pilot.press("tab", "tab", "tab")
        await settle(pilot)
        assert wiki_server.request_count == requests  # prefetched: no more requests
        assert "online" in app.main.status.text


async def test_choosing_another_meaning_sticks(wiki_server: Any, make_app: MakeApp) -> None:
    config = config_for(wiki_server)
    app = make_app(config=config, glossary=glossary(config))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = await select(pilot, "Koalition der Willigen")
        assert "Ukraine seit 2025" in panel.body_text  # resolved with the article's context
        await pilot.press("enter")  # into the panel: the other meanings
        assert app.focused is not None and app.focused.id == "meanings"
        await pilot.press("enter")  # choose the first other meaning
        await settle(pilot)
        assert "Irak" in panel.body_text and "Ukraine seit 2025" not in panel.body_text
        await pilot.press("escape", "tab")  # elsewhere and back
        await select(pilot, "Koalition der Willigen")
        assert "Irak" in panel.body_text
    # A new session remembers the choice.
    app = make_app(config=config, glossary=glossary(config))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = await select(pilot, "Koalition der Willigen")
        assert "Irak" in panel.body_text


async def test_offline_mode_shows_cached_text(wiki_server: Any, make_app: MakeApp) -> None:
    online = config_for(wiki_server)
    app = make_app(config=online, glossary=glossary(online))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the prefetch fills the cache
    requests = wiki_server.request_count
    offline = config_for(wiki_server, offline=True)
    app = make_app(config=offline, glossary=glossary(offline))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = await select(pilot, "Moskau")
        assert "Hauptstadt Russlands" in panel.body_text
        assert "offline" in app.main.status.text
    assert wiki_server.request_count == requests


async def test_offline_without_cache_says_not_cached(wiki_server: Any, make_app: MakeApp) -> None:
    offline = config_for(wiki_server, offline=True)
    app = make_app(config=offline, glossary=glossary(offline))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = await select(pilot, "Moskau")
        assert "Offline: not cached." in panel.body_text
    assert wiki_server.request_count == 0


async def test_a_server_fault_shows_an_error_and_the_app_keeps_working(
        wiki_server: Any, make_app: MakeApp) -> None:
    config = config_for(wiki_server)
    wiki_server.set_fault("500")
    app = make_app(config=config, glossary=glossary(config))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = await select(pilot, "Nato")
        assert "Error" in panel.body_text and "try again" in panel.body_text
        await pilot.press("tab", "j", "k", "i", "escape")  # still working
        assert app.is_running
        wiki_server.clear_faults()
        await select(pilot, "Nato")
        panel.focus()
        await pilot.press("r")  # fetch again
        await settle(pilot)
        assert "Militärbündnis" in panel.body_text
        assert isinstance(app.query_one(ArticleView), ArticleView)


async def test_rate_limits_show_a_countdown(wiki_server: Any, make_app: MakeApp) -> None:
    config = config_for(wiki_server)
    wiki_server.set_fault("429", retry_after=120)
    app = make_app(config=config, glossary=glossary(config))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = await select(pilot, "Ukraine")
        assert "Rate-limited, retrying in" in panel.body_text
        assert "rate-limited" in app.main.status.text


async def test_network_text_is_sanitised_and_not_markup(
        wiki_server: Any, make_app: MakeApp) -> None:
    wiki_server.add_page("de", "Interfax", description="[b]Agentur[/b] \x1b[31mrot",
                         extract="Text mit [@click=app.quit]Klick[/] und \x1b]0;x\x07Ende.")
    config = config_for(wiki_server)
    app = make_app(config=config, glossary=glossary(config))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = await select(pilot, "Interfax")
        assert "[b]Agentur[/b] rot" in panel.body_text
        assert "[@click=app.quit]Klick[/] und Ende." in panel.body_text
        assert "\x1b" not in panel.body_text


async def test_the_app_asks_once_for_a_contact(wiki_server: Any, make_app: MakeApp) -> None:
    """Without a contact the app says once how to set one; with one it says nothing."""
    for contact, expected in (("", 1), ("qa@example.org", 0)):
        config = config_for(wiki_server, contact=contact)
        app = make_app(config=config, glossary=glossary(config))
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(pilot)
            app.main.fetch(next(iter(app.session.queries)), force=True)  # a second lookup
            await settle(pilot)
            notes = [note.message for note in app._notifications]
        assert sum("reader config set contact" in note for note in notes) == expected, notes
