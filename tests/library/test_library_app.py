"""Pilot tests of the library screen and of reading continuity (positions, recent, jumps)."""

from __future__ import annotations

from app_support import OFFLINE, SEED, hand_analysis, settle
from feed_server import FeedServer
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from reader.app.library_app import Chosen, LibraryApp
from reader.app.library_screen import LibraryPlace, LibraryScreen
from reader.app.reading import ContinuousReaderApp, article_key
from reader.article import load
from reader.config import Config
from reader.library.fetch import refresh
from reader.library.store import open_library

SIZE = (120, 30)


def subscribe(server: FeedServer, config: Config, *paths: str) -> None:
    with open_library(config) as store:
        for path in paths:
            store.add_feed(server.url(path))
        refresh(store, config)


def entry_lines(app: LibraryApp) -> list[str]:
    entries = app.screen.query_one("#library-entries", OptionList)
    return [str(entries.get_option_at_index(i).prompt) for i in range(entries.option_count)]


async def test_open_an_entry_and_return_to_the_same_place(feed_server: FeedServer,
                                                           config: Config) -> None:
    subscribe(feed_server, config, "/rss.xml", "/atom.xml")
    app = LibraryApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        lines = entry_lines(app)
        assert len(lines) == 6 and all(line.startswith("● ") for line in lines)
        assert "Wahl in Kleinstadt entschieden" in lines[1]  # newest first (undated: now)
        assert "refreshed" in app.screen.status  # refreshed in the background
        await pilot.press(*"bus")
        assert [line.split("  ")[1] for line in entry_lines(app)] == [
            "Bahn & Bus: Fahrplanwechsel im Dezember"]
        await pilot.press("enter")
        await settle(pilot)
    chosen = app.return_value
    assert isinstance(chosen, Chosen) and chosen.notice == ""
    assert chosen.article.source == feed_server.url("/artikel/fahrplan")  # the page
    assert "Südbahnhof" in chosen.article.text
    with open_library(config) as store:
        assert [e.title for e in store.entries() if e.read] == [
            "Bahn & Bus: Fahrplanwechsel im Dezember"]
    requests = len(feed_server.requests)

    again = LibraryApp(config, app.place)  # back from the article
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.screen.query_one("#library-filter", Input).value == "bus"
        (line,) = entry_lines(again)
        assert line.startswith("  ") and "Fahrplanwechsel" in line  # read: no ●
        await pilot.press("escape")  # clears the filter, the same entry stays highlighted
        entries = again.screen.query_one("#library-entries", OptionList)
        assert entries.highlighted is not None
        assert "Fahrplanwechsel" in str(entries.get_option_at_index(entries.highlighted).prompt)
        assert len(entry_lines(again)) == 6
    assert len(feed_server.requests) == requests  # no second refresh in the same session


async def test_an_entry_whose_page_fails_opens_with_the_feed_text(feed_server: FeedServer,
                                                                   config: Config) -> None:
    subscribe(feed_server, config, "/rss.xml")
    app = LibraryApp(config, LibraryPlace(refreshed=True))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"hafenfest", "enter")
        await settle(pilot)
    chosen = app.return_value
    assert chosen is not None and "HTTP 404" in chosen.notice
    assert chosen.article.title == "Hafenfest lockt Tausende ans Ufer"
    assert "Kapitän Jonas Reimer" in chosen.article.text  # content:encoded


async def test_offline_shows_what_is_stored_and_refresh_failures(feed_server: FeedServer,
                                                                  config: Config) -> None:
    subscribe(feed_server, config, "/rss.xml")
    app = LibraryApp(OFFLINE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(entry_lines(app)) == 3 and "offline" in app.screen.status
    with open_library(config) as store:
        store.add_feed(feed_server.url("/eingestellt.xml"))
    feed_server.reset()
    app = LibraryApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "1 failed" in app.screen.status and "HTTP 404" in app.screen.status
        feeds = app.screen.query_one("#library-feeds", OptionList)
        assert str(feeds.get_option_at_index(3).prompt).startswith("! ")
        await pilot.press("tab", "down", "down")  # the Stadtbote feed only
        assert len(entry_lines(app)) == 3


async def test_position_and_entity_restored_after_a_restart() -> None:
    article = load(SEED)
    app = ContinuousReaderApp(article, config=OFFLINE, analyser=hand_analysis)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("pagedown", "tab")
        assert app.view.selected is not None and app.mentions is not None
        entity = app.mentions.entities[app.view.selected].key
        top = app.view.visible_range()[0]
        assert top > 0
        await pilot.press("q")
    reopened = ContinuousReaderApp(load(SEED), config=OFFLINE, analyser=hand_analysis)
    async with reopened.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert reopened.view.visible_range()[0] == top
        assert reopened.mentions is not None and reopened.view.selected is not None
        assert reopened.mentions.entities[reopened.view.selected].key == entity
        assert reopened.main.panel.entity is not None and reopened.main.panel.entity.key == entity
    with open_library(OFFLINE) as store:
        assert [item.article for item in store.recent()] == [article_key(article)]


async def test_back_and_forward_through_jumps() -> None:
    app = ContinuousReaderApp(load(SEED), config=OFFLINE, analyser=hand_analysis)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.mentions is not None
        await pilot.press("tab")
        first = app.view.selected
        await pilot.press("tab")  # the next mention: not a jump
        second = app.view.selected
        await pilot.press("i", *"interfax", "enter")  # an index jump
        await pilot.pause()
        jumped = app.view.selected
        assert app.mentions.entities[jumped].name == "Interfax"
        await pilot.press("less_than_sign")
        assert app.view.selected == second
        await pilot.press("less_than_sign")  # nothing before the first jump
        assert app.view.selected == second
        await pilot.press("greater_than_sign")
        assert app.view.selected == jumped
        await pilot.press("less_than_sign", "f")  # back, then a jump-mode jump ...
        assert app.view.selected == second and second is not None
        label = next(label for label, index in app.view._jump.items()
                     if abs(index - second) > 1)
        await pilot.press(*label)
        await pilot.pause()
        target = app.view.selected
        assert target not in (second, jumped)
        assert app.history.can_back and not app.history.can_forward  # ... drops forward
        await pilot.press("less_than_sign")
        assert app.view.selected == second
        await pilot.press("greater_than_sign", "greater_than_sign")
        assert app.view.selected == target
        assert first is not None and first != second


async def test_escape_goes_back_to_the_library_only_when_nothing_is_left_to_clear() -> None:
    app = ContinuousReaderApp(load(SEED), config=OFFLINE, analyser=hand_analysis,
                              from_library=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "escape")  # clears the selection first
        assert app.view.selected is None and not app.wants_library
        await pilot.press("slash", *"Kreml", "escape", "escape")  # closes find, clears
        assert not app.wants_library
        await pilot.press("escape")
    assert app.wants_library
    plain = ContinuousReaderApp(load(SEED), config=OFFLINE, analyser=hand_analysis)
    async with plain.run_test(size=SIZE) as pilot:  # a file: Esc never leaves it
        await settle(pilot)
        await pilot.press("escape", "escape")
        assert not plain.wants_library
        await pilot.press("backspace")  # Backspace always does
    assert plain.wants_library


def test_quitting_never_waits_for_a_slow_feed(config: Config) -> None:
    """As the command runs it (asyncio.run, which waits for the loop's worker threads).
    A server of its own: the answer it never waited for comes after the test."""
    seen: list[str] = []

    async def quit_while_refreshing(pilot: Pilot[Chosen | None]) -> None:
        await pilot.pause()
        seen.append(pilot.app.screen.status)
        await pilot.press("escape")

    with FeedServer() as slow:
        subscribe(slow, config, "/rss.xml")
        slow.set_latency(5)
        slow.requests.clear()
        LibraryApp(config).run(headless=True, size=SIZE, auto_pilot=quit_while_refreshing)
        assert seen[0].startswith("refreshing")
        assert slow.requests == []  # quit before the feed answered
