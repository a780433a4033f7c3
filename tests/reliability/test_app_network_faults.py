"""Network faults at the app level (Pilot), against the local MediaWiki test server.

One test per fault mode: timeout (hang), slow responses, 429 with a short and a long
Retry-After, maxlag, 500, malformed JSON, dropped connection, connection refused, redirect
loop, self-linking disambiguation page, hostile answers. Each checks that the app keeps
responding (keys move the selection, find works), that the panel shows a clear state, that
requests are retried sensibly (counted: no hammering), and that the cache holds no error
afterwards and is filled by a later healthy run.

tests/app/test_glossary_panel.py covers the 500 and long-429 panel texts without counting;
tests/unit/test_glossary_*.py cover the same faults at the client and service level.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from app_support import SEED, MakeApp, hand_analysis, settle
from textual.pilot import Pilot

from glossary.cache import GlossaryCache
from glossary.models import Status
from glossary.service import FINAL_KINDS, Glossary
from reader.analysis.model import Analysis, Entity, Mention
from reader.app.app import ReaderApp
from reader.app.glossary_panel import GlossaryPanel
from reader.article import Article, from_text, load
from reader.config import Config
from reader.corrections import PageChoices, store_for
from reader.lookup import queries_for, settings_for

SIZE = (140, 40)
#: Attempts per request: the first and ``max_retries`` = 1 retry.
ATTEMPTS = 2


def config_for(api_url: str, **values: Any) -> Config:
    """Short timeouts, no fallback language."""
    return Config(api_url=api_url, fallback_lang="", **{"timeout": 0.2, **values})


def glossary_for(config: Config, **overrides: Any) -> Glossary:
    """The glossary with one quick retry (production: 2 retries from 1 s)."""
    values: dict[str, Any] = {"max_retries": ATTEMPTS - 1, "retry_wait": 0.05,
                              "max_retry_after": 1.5, **overrides}
    return Glossary(replace(settings_for(config), **values),
                    choices=PageChoices(store_for(config)))


def cache_rows(config: Config) -> dict[str, str]:
    """Query name -> kind, as stored in the glossary cache file."""
    cache = GlossaryCache(config.cache_path / "glossary.sqlite3")
    try:
        rows = cache._conn().execute("SELECT query, kind FROM queries").fetchall()
    finally:
        cache.close()
    assert cache.recovered is None
    return dict(rows)


async def wait_until(pilot: Pilot[None], predicate: Callable[[], bool],
                     limit: float = 15.0) -> None:
    """Let the app run until ``predicate()`` holds (fails after ``limit`` seconds)."""
    deadline = time.monotonic() + limit
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached"
        await pilot.pause(0.05)


async def keys_still_work(pilot: Pilot[None]) -> None:
    """Tab moves the selection and find counts matches, whatever the network does."""
    app = pilot.app
    assert isinstance(app, ReaderApp)
    await wait_until(pilot, lambda: app.mentions is not None)
    app.view.focus()
    before = app.view.selected
    await pilot.press("tab")
    assert app.view.selected is not None and app.view.selected != before
    await pilot.press("slash", "z")
    assert len(app.view.matches) == app.article.text.lower().count("z") > 0
    await pilot.press("escape", "escape")
    assert len(app.view.matches) == 0 and app.is_running


async def select(pilot: Pilot[None], name: str) -> GlossaryPanel:
    """Select the first mention of entity ``name`` and wait for the lookups."""
    app = pilot.app
    assert isinstance(app, ReaderApp) and app.session.analysis is not None
    app.main.jump_to_entity(next(e.key for e in app.session.analysis.entities if e.name == name))
    await settle(pilot)
    return app.main.panel


def healthy_run(article: Article, config: Config) -> dict[str, Status]:
    """What a new session's prefetch gets without faults: every entity's status."""
    glossary = glossary_for(config)
    try:
        entries = glossary.lookup_many(queries_for(article, hand_analysis(article.text),
                                                   config.lang))
    finally:
        glossary.close()
    return {name: entry.status for name, entry in entries.items()}


def healthy_requests(article: Article, server: Any) -> list[Any]:
    """The requests a prefetch of ``article`` makes without faults (in a scratch cache)."""
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        config = config_for(server.api_url, cache_dir=scratch, data_dir=scratch)
        healthy_run(article, config)
    requests = list(server.requests)
    server.reset()
    return requests


@pytest.fixture
def seed() -> Article:
    """The seed article."""
    return load(SEED)


PERSISTENT = [
    # kind, status of the entries, words of the error, first words of the panel
    ("500", Status.ERROR, "HTTP 500", "Error: "),
    ("malformed", Status.ERROR, "malformed answer", "Error: "),
    ("hang", Status.ERROR, "timed out", "Error: "),
    ("drop", Status.ERROR, "connection lost", "Error: "),  # not a sign of being offline
]


@pytest.mark.parametrize(("kind", "status", "words", "panel_start"), PERSISTENT,
                         ids=[p[0] for p in PERSISTENT])
async def test_persistent_fault(kind: str, status: Status, words: str, panel_start: str,
                                seed: Article, wiki_server: Any, make_app: MakeApp) -> None:
    config = config_for(wiki_server.api_url)
    wiki_server.set_fault(kind, delay=1.0)
    glossary = glossary_for(config)
    app = make_app(config=config, glossary=glossary)
    async with app.run_test(size=SIZE) as pilot:
        await keys_still_work(pilot)  # while the prefetch fails (hang: blocks) in a thread
        await settle(pilot)
        # The prefetch tried one batch ATTEMPTS times; a lookup for the selected entity
        # (started if it was selected before the prefetch's result) at most as often.
        assert ATTEMPTS <= wiki_server.request_count <= 2 * ATTEMPTS
        panel = await select(pilot, "Dmitri Peskow")
        assert panel.body_text.startswith(panel_start) and words in panel.body_text
        if status is Status.ERROR:
            assert "Press r to try again" in panel.body_text
        else:
            assert "offline (cannot reach" in app.main.status.text
        assert all(e.status is status for e in app.session.entries.values())
        requests = wiki_server.request_count
        await pilot.press("tab", "tab", "shift+tab")
        await settle(pilot)
        assert wiki_server.request_count == requests  # failed entries are not refetched
        panel.focus()
        await pilot.press("r")  # the user asks again: one lookup, retried once
        await settle(pilot)
        assert wiki_server.request_count == requests + ATTEMPTS
        assert panel.body_text.startswith(panel_start)
    assert cache_rows(config) == {}  # no error stored
    wiki_server.clear_faults()
    statuses = healthy_run(seed, config)
    assert set(statuses.values()) == {Status.FOUND} and len(statuses) == 9
    assert set(cache_rows(config).values()) <= set(FINAL_KINDS)
    assert len(cache_rows(config)) == 9


async def test_connection_refused(make_app: MakeApp) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = config_for(f"http://127.0.0.1:{port}/{{lang}}/w/api.php")
    glossary = glossary_for(config)
    app = make_app(config=config, glossary=glossary)
    async with app.run_test(size=SIZE) as pilot:
        await keys_still_work(pilot)
        await settle(pilot)
        attempts = glossary.client.requests
        assert ATTEMPTS <= attempts <= 2 * ATTEMPTS
        panel = await select(pilot, "Moskau")
        assert panel.body_text.startswith("Offline: not cached.")
        assert "cannot reach 127.0.0.1" in panel.body_text
        assert "offline (cannot reach" in app.main.status.text
        panel.focus()
        await pilot.press("r")
        await settle(pilot)
        assert glossary.client.requests == attempts  # offline back-off: no new attempt
    assert cache_rows(config) == {}


async def test_slow_responses_show_progress_and_arrive(wiki_server: Any, make_app: MakeApp) -> None:
    config = config_for(wiki_server.api_url, timeout=5.0)
    wiki_server.set_latency(0.15)
    app = make_app(config=config, glossary=glossary_for(config))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: bool(app.session.queries))  # the prefetch has begun
        assert app.session.analysis is not None
        app.main.show_entity(app.session.analysis.entities[0].key)
        # A request takes 0.15 s, more than a poll: nothing can have arrived yet.
        assert app.main.panel.body_text == "Fetching background…"
        assert app.main.panel.query_one("#panel-loading").display
        await keys_still_work(pilot)
        await settle(pilot)
        panel = await select(pilot, "Dmitri Peskow")
        assert "Pressesprecher des Kremls" in panel.body_text
        assert all(e.status is Status.FOUND for e in app.session.entries.values())
        assert wiki_server.max_concurrency == 1  # serial, even with a lookup beside the prefetch
        assert wiki_server.request_count <= 8
    assert len(cache_rows(config)) == 9


async def test_maxlag_is_waited_for_then_retried(seed: Article, wiki_server: Any,
                                                 make_app: MakeApp) -> None:
    """maxlag with Retry-After 1 s (within max_retry_after) is slept through."""
    config = config_for(wiki_server.api_url)
    requests = len(healthy_requests(seed, wiki_server))
    wiki_server.set_fault("maxlag", retry_after=1, times=1)
    app = make_app(config=config, glossary=glossary_for(config))
    async with app.run_test(size=SIZE) as pilot:
        await keys_still_work(pilot)
        await settle(pilot)
        assert all(e.status is Status.FOUND for e in app.session.entries.values())
        assert "online" in app.main.status.text
        assert [r.fault for r in wiki_server.requests].count("maxlag") == 1
        assert requests + 1 <= wiki_server.request_count <= 2 * requests + 1
        assert all(r.params["maxlag"] == "5" for r in wiki_server.requests)
    assert len(cache_rows(config)) == 9


async def test_429_twice_is_reported_then_retried_after_the_countdown(
        wiki_server: Any, make_app: MakeApp) -> None:
    """Retry-After 1 s: slept through once; the second 429 is reported, and the app
    retries the shown entity itself when the countdown ends."""
    config = config_for(wiki_server.api_url)
    wiki_server.set_fault("429", retry_after=1, times=2)
    app = make_app(config=config, glossary=glossary_for(config))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: bool(app.session.queries))
        await settle(pilot)
        assert wiki_server.request_count == 2  # the fault twice, nothing in between
        panel = await select(pilot, "Nato")
        assert panel.body_text.startswith("Rate-limited, retrying in")
        assert "rate-limited" in app.main.status.text
        await keys_still_work(pilot)
        await select(pilot, "Nato")
        await wait_until(pilot, lambda: "Militärbündnis" in panel.body_text)  # found
        assert wiki_server.request_count <= 2 + 3  # one lookup, in at most 3 requests
    rows = cache_rows(config)
    assert rows and set(rows.values()) <= set(FINAL_KINDS)


async def test_long_retry_after_blocks_every_request(wiki_server: Any, make_app: MakeApp) -> None:
    config = config_for(wiki_server.api_url)
    wiki_server.set_fault("429", retry_after=120)
    app = make_app(config=config, glossary=glossary_for(config))
    async with app.run_test(size=SIZE) as pilot:
        await keys_still_work(pilot)
        await settle(pilot)
        first = wiki_server.request_count
        assert 1 <= first <= 2  # never retried within the same minute
        panel = await select(pilot, "Ukraine")
        assert panel.body_text.startswith("Rate-limited, retrying in 1")
        panel.focus()
        await pilot.press("r", "escape", "tab", "tab")
        await settle(pilot)
        assert wiki_server.request_count == first  # blocked: no request at all
        assert app.main.status.text.count("rate-limited, retry in 1") == 1
    assert cache_rows(config) == {}


def special_analysis(text: str) -> Analysis:
    """A redirect loop and a self-linking disambiguation page (by its alias)."""
    loop = text.index("Schleife A")
    mirror = text.index("Spiegel")
    return Analysis([
        Entity("LOC:Schleife A", "Schleife A", "LOC",
               mentions=[Mention(loop, loop + 10, "Schleife A")]),
        Entity("ORG:Spiegel", "Spiegel", "ORG", aliases=["Spiegel (Begriffsklärung)"],
               mentions=[Mention(mirror, mirror + 7, "Spiegel")]),
    ], "hand 1.0")


async def test_redirect_loop_and_self_linking_disambiguation(wiki_server: Any,
                                                              make_app: MakeApp) -> None:
    article = from_text("Schleife A liegt am Kreml. Das Hamburger Nachrichtenmagazin Spiegel "
                        "berichtet darüber.", "special.txt", "text")
    config = config_for(wiki_server.api_url)
    app = make_app(article, config=config, analyser=special_analysis, glossary=glossary_for(config))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        requests = wiki_server.request_count
        assert requests <= 6  # both terminate, in a few batched requests
        panel = await select(pilot, "Schleife A")
        assert panel.body_text.startswith("Not found")
        entries = {app.session.analysis.by_key()[k].name: e  # type: ignore[union-attr]
                   for k, e in app.session.entries.items()}
        assert "redirect loop" in entries["Schleife A"].error
        panel = await select(pilot, "Spiegel")
        assert entries["Spiegel"].status is Status.FOUND
        assert entries["Spiegel"].title == "Der Spiegel"
        assert panel.body_text.startswith("Der Spiegel")
        await keys_still_work(pilot)
    assert cache_rows(config) == {"Schleife A": "missing", "Spiegel": "candidates"}
    # A second session answers both from the cache.
    app = make_app(article, config=config, analyser=special_analysis, glossary=glossary_for(config))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
    assert wiki_server.request_count == requests


async def test_hostile_answers_are_shown_as_text(hostile_wiki: Any, make_app: MakeApp) -> None:
    config = config_for(hostile_wiki.api_url)
    app = make_app(config=config, glossary=glossary_for(config))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = await select(pilot, "Interfax")
        assert panel.body_text.startswith("Interfax") or "Agentur" in panel.body_text
        assert "[@click=app.quit]Klick[/]" in panel.body_text
        for bad in ("\x1b", "\x9b", "\u202e", "\ud800"):
            assert bad not in panel.body_text
        await keys_still_work(pilot)
        assert app.is_running
        assert all(e.status is Status.FOUND for e in app.session.entries.values())
    assert len(cache_rows(config)) == 9
