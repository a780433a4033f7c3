"""The glossary service against the local test server: resolution, cache, faults, offline."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from glossary.models import EntityQuery, Status
from glossary.service import Glossary, NetworkMode, NetworkState
from glossary.settings import GlossarySettings

UKRAINE = ("Ukraine", "Kiew", "Russland", "Waffenruhe", "Sicherheitsgarantien", "2025",
           "Paris", "Macron", "Putin")
IRAQ = ("Irak", "Bagdad", "Saddam", "Bush", "2003", "Einmarsch", "USA")


class Clock:
    """A settable clock."""

    def __init__(self) -> None:
        self.now = 1_750_000_000.0

    def __call__(self) -> float:
        return self.now


def make(server: Any, tmp_path: Path, clock: Clock | None = None,
         states: list[NetworkState] | None = None, **overrides: Any) -> Glossary:
    values: dict[str, Any] = {"api_url": server.api_url, "max_retries": 1, "retry_wait": 0.0,
                              "max_retry_after": 0.5, "timeout": 2.0,
                              "cache_path": tmp_path / "cache" / "glossary.sqlite3",
                              "choices_path": tmp_path / "data" / "choices.json"}
    values.update(overrides)
    glossary = Glossary(GlossarySettings(**values), sleep=lambda _s: None,
                        clock=clock or Clock(),
                        on_state_change=states.append if states is not None else None)
    return glossary


@pytest.fixture
def glossary(wiki_server: Any, tmp_path: Path) -> Any:
    g = make(wiki_server, tmp_path)
    yield g
    g.close()


def q(name: str, context: tuple[str, ...] = (), **kw: Any) -> EntityQuery:
    return EntityQuery(name=name, context=context, **kw)


def test_found_entry_has_everything(glossary: Glossary) -> None:
    entry = glossary.lookup(q("Dmitri Peskow", label="PER"))
    assert entry.status is Status.FOUND and entry.ok
    assert entry.title == "Dmitri Peskow" and entry.lang == "de"
    assert "Pressesprecher" in entry.description
    assert entry.intro.startswith("Dmitri Sergejewitsch Peskow") and entry.intro.count(". ") == 2
    assert entry.url.endswith("/de/wiki/Dmitri_Peskow") and entry.wikidata_id == "Q9000003"
    assert entry.licence == "CC BY-SA 4.0" and entry.source == "127.0.0.1"
    assert entry.fetched_at == pytest.approx(1_750_000_000.0)
    assert entry.extra["title_en"] == "Dmitry Peskov"


def test_redirect_and_normalised_title(glossary: Glossary) -> None:
    entries = glossary.lookup_many([q("Peskow"), q("nato")])
    assert entries["Peskow"].title == "Dmitri Peskow"
    assert entries["Peskow"].extra["redirect_from"] == "Peskow"
    assert entries["nato"].title == "Nato" and "redirect_from" not in entries["nato"].extra


def test_disambiguation_resolved_by_context(glossary: Glossary, wiki_server: Any) -> None:
    ukraine = glossary.lookup(q("Koalition der Willigen", UKRAINE, label="ORG"))
    assert ukraine.status is Status.FOUND
    assert ukraine.title == "Koalition der Willigen (Ukraine)"
    assert [c.title for c in ukraine.candidates] == ["Koalition der Willigen (Irak)"]
    count = wiki_server.request_count
    iraq = glossary.lookup(q("Koalition der Willigen", IRAQ, label="ORG"))  # from the cache
    assert iraq.title == "Koalition der Willigen (Irak)"
    assert wiki_server.request_count == count


def test_disambiguation_without_context_is_ambiguous(glossary: Glossary) -> None:
    entry = glossary.lookup(q("Koalition der Willigen"))
    assert entry.status is Status.AMBIGUOUS
    assert {c.title for c in entry.candidates} == {"Koalition der Willigen (Irak)",
                                                    "Koalition der Willigen (Ukraine)"}
    assert all(c.description for c in entry.candidates)


def test_self_linking_disambiguation_terminates(glossary: Glossary) -> None:
    entry = glossary.lookup(q("Spiegel (Begriffsklärung)", ("Nachrichtenmagazin", "Hamburg")))
    assert entry.status is Status.FOUND and entry.title == "Der Spiegel"


def test_not_found_is_cached_negatively(glossary: Glossary, wiki_server: Any) -> None:
    entry = glossary.lookup(q("Isabelle Schaefers", label="PER"))
    assert entry.status is Status.NOT_FOUND
    count = wiki_server.request_count
    assert glossary.lookup(q("Isabelle Schaefers", label="PER")).status is Status.NOT_FOUND
    assert wiki_server.request_count == count


def test_redirect_loop_is_not_found_with_reason(glossary: Glossary) -> None:
    entry = glossary.lookup(q("Schleife A"))
    assert entry.status is Status.NOT_FOUND and "redirect loop" in entry.error


def test_search_fallback(glossary: Glossary, wiki_server: Any) -> None:
    entry = glossary.lookup(q("Wirtschaftsforum", ("Wladiwostok",)))
    assert entry.status is Status.FOUND and entry.title == "Östliches Wirtschaftsforum"
    assert entry.extra["via"] == "search"
    assert any(r.params.get("generator") == "search" for r in wiki_server.requests)


def test_language_fallback(glossary: Glossary) -> None:
    entry = glossary.lookup(q("Multinational Force Ukraine"))
    assert entry.status is Status.FOUND and entry.lang == "en"
    assert entry.url.endswith("/en/wiki/Multinational_Force_Ukraine")


def test_intro_from_fallback_language_via_langlinks(glossary: Glossary) -> None:
    entry = glossary.lookup(q("Interfax"))
    assert entry.title == "Interfax" and entry.lang == "de"
    assert entry.description == "russische Nachrichtenagentur"
    assert entry.intro.startswith("Interfax is") and entry.extra["intro_lang"] == "en"


def test_genitive_and_alias(glossary: Glossary) -> None:
    entries = glossary.lookup_many([q("Frankreichs"), q("Kremlchef", aliases=("Putin",))])
    assert entries["Frankreichs"].title == "Frankreich"
    assert entries["Kremlchef"].title == "Wladimir Putin"


def test_requests_grow_with_batches_not_names(glossary: Glossary, wiki_server: Any) -> None:
    names = ["Nato", "Kiew", "Moskau", "Ukraine", "Russland", "Deutsche Presse-Agentur",
             "Wladiwostok", "Istanbul", "ZDF", "EU", "USA", "Frankreich", "China",
             "Großbritannien", "Europa",
             "Dmitri Peskow", "Wladimir Putin", "Emmanuel Macron", "Donald Trump", "Kyjiw"]
    progress: list[tuple[int, int]] = []
    entries = glossary.lookup_many([q(n) for n in names],
                                   progress=lambda d, t: progress.append((d, t)))
    assert all(e.status is Status.FOUND for e in entries.values())
    assert wiki_server.request_count == 1
    assert progress[-1] == (20, 20)
    count = wiki_server.request_count
    glossary.lookup_many([q(n) for n in names])
    assert wiki_server.request_count == count


def test_cached_never_touches_the_network(glossary: Glossary, wiki_server: Any) -> None:
    assert glossary.cached(q("Nato")) is None
    glossary.lookup(q("Nato"))
    count = wiki_server.request_count
    entry = glossary.cached(q("Nato"))
    assert entry is not None and entry.title == "Nato"
    assert wiki_server.request_count == count


def test_offline_mode(wiki_server: Any, tmp_path: Path) -> None:
    online = make(wiki_server, tmp_path)
    online.lookup(q("Nato"))
    online.close()
    count = wiki_server.request_count
    offline = make(wiki_server, tmp_path, offline=True)
    entries = offline.lookup_many([q("Nato"), q("Kiew")])
    assert entries["Nato"].status is Status.FOUND
    assert entries["Kiew"].status is Status.NOT_CACHED and "offline" in entries["Kiew"].error
    assert offline.state.mode is NetworkMode.OFFLINE
    assert wiki_server.request_count == count
    offline.close()


def test_ttl_expiry_refreshes(wiki_server: Any, tmp_path: Path) -> None:
    clock = Clock()
    glossary = make(wiki_server, tmp_path, clock, cache_ttl_days=30)
    glossary.lookup(q("Nato"))
    clock.now += 29 * 86400
    count = wiki_server.request_count
    assert glossary.lookup(q("Nato")).extra.get("stale") is None
    assert wiki_server.request_count == count
    clock.now += 2 * 86400
    cached = glossary.cached(q("Nato"))
    assert cached is not None and cached.extra["stale"] == "1"
    refreshed = glossary.lookup(q("Nato"))
    assert wiki_server.request_count == count + 1
    assert refreshed.fetched_at == clock.now and "stale" not in refreshed.extra
    glossary.close()


def test_stale_entry_preferred_to_an_error(wiki_server: Any, tmp_path: Path) -> None:
    clock = Clock()
    glossary = make(wiki_server, tmp_path, clock)
    glossary.lookup(q("Nato"))
    clock.now += 40 * 86400
    wiki_server.set_fault("500")
    entry = glossary.lookup(q("Nato"))
    assert entry.status is Status.FOUND and entry.extra["stale"] == "1"
    assert "HTTP 500" in entry.extra["error"]
    glossary.close()


@pytest.mark.parametrize(("kind", "status", "words"), [
    ("500", Status.ERROR, "HTTP 500"),
    ("malformed", Status.ERROR, "malformed"),
    ("hang", Status.ERROR, "timed out"),
    ("drop", Status.ERROR, "connection lost"),
    ("429", Status.ERROR, "rate-limited"),
    ("maxlag", Status.ERROR, "rate-limited"),
])
def test_fault_is_reported_and_cache_stays_consistent(
        wiki_server: Any, tmp_path: Path, kind: str, status: Status, words: str) -> None:
    states: list[NetworkState] = []
    glossary = make(wiki_server, tmp_path, states=states, timeout=0.3)
    glossary.lookup(q("Nato"))
    wiki_server.set_fault(kind, retry_after=20, delay=1.0)
    entries = glossary.lookup_many([q("Nato"), q("Kiew"), q("Moskau")])
    assert entries["Nato"].status is Status.FOUND  # cached
    for name in ("Kiew", "Moskau"):
        assert entries[name].status is status and words in entries[name].error
        assert glossary.cached(q(name)) is None  # nothing half-written
    assert glossary.cache.stats()["queries"] == 1
    wiki_server.clear_faults()
    if kind in ("429", "maxlag"):
        assert glossary.state.mode is NetworkMode.RATE_LIMITED
        assert 19 <= glossary.state.seconds_until_retry(glossary.clock()) <= 20
        assert entries["Kiew"].retry_after == 20
        assert states[-1].mode is NetworkMode.RATE_LIMITED
        return
    if kind == "drop":  # a dropped connection is no sign of being offline
        assert glossary.state.mode is NetworkMode.ONLINE
    assert glossary.lookup(q("Kiew")).status is Status.FOUND
    glossary.close()


def test_rate_limited_state_blocks_then_recovers(wiki_server: Any, tmp_path: Path) -> None:
    clock = Clock()
    states: list[NetworkState] = []
    glossary = make(wiki_server, tmp_path, clock, states=states)
    wiki_server.set_fault("429", retry_after=5, times=1)
    assert glossary.lookup(q("Kiew")).retry_after == 5
    count = wiki_server.request_count
    clock.now += 2
    blocked = glossary.lookup(q("Kiew"))
    assert blocked.status is Status.ERROR and blocked.retry_after == pytest.approx(3)
    assert wiki_server.request_count == count
    assert glossary.state.describe(clock.now) == "rate-limited, retry in 3 s"
    glossary.client._blocked_until.clear()  # the client's own (monotonic) block has passed
    clock.now += 4
    assert glossary.lookup(q("Kiew")).status is Status.FOUND
    assert glossary.state.mode is NetworkMode.ONLINE and states[-1].mode is NetworkMode.ONLINE


def test_partial_failure_keeps_completed_batches(wiki_server: Any, tmp_path: Path) -> None:
    glossary = make(wiki_server, tmp_path, batch_size=2, max_retries=0)
    wiki_server.set_fault("500", times=1, after=1)  # the first batch passes, the second fails
    names = [q("Kiew"), q("Moskau"), q("Nato"), q("Ukraine")]
    entries = glossary.lookup_many(names)
    assert [entries[n.name].status for n in names] == [Status.FOUND, Status.FOUND,
                                                        Status.ERROR, Status.ERROR]
    assert glossary.cache.stats()["queries"] == 2
    count = wiki_server.request_count
    entries = glossary.lookup_many(names)
    assert all(e.ok for e in entries.values())
    assert wiki_server.request_count == count + 1  # only the failed batch again
    assert glossary.cache.stats()["queries"] == 4


def test_user_choice_is_used_and_persisted(wiki_server: Any, tmp_path: Path) -> None:
    glossary = make(wiki_server, tmp_path)
    glossary.choose("Koalition der Willigen", "de", "Koalition der Willigen (Irak)")
    glossary.close()
    again = make(wiki_server, tmp_path)
    assert again.chosen("Koalition der Willigen", "de") == "Koalition der Willigen (Irak)"
    entry = again.lookup(q("Koalition der Willigen", UKRAINE))
    assert entry.title == "Koalition der Willigen (Irak)" and entry.extra["chosen"] == "True"
    again.choose("Koalition der Willigen", "de", None)
    assert again.lookup(q("Koalition der Willigen", UKRAINE)).title.endswith("(Ukraine)")
    assert (tmp_path / "data" / "choices.json").is_file()
    again.close()


def test_threads_share_a_glossary(glossary: Glossary) -> None:
    names = ["Nato", "Kiew", "Moskau", "Ukraine", "Russland", "Paris", "Istanbul", "ZDF"]
    results: list[Status] = []
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for i in range(len(names)):
                name = names[(i + offset) % len(names)]
                results.append(glossary.lookup(q(name)).status)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and results == [Status.FOUND] * 32


def test_unreachable_host_is_offline(wiki_server: Any, tmp_path: Path) -> None:
    """Nothing listens: "cannot reach", offline for a while (a dropped connection is not)."""
    states: list[NetworkState] = []
    glossary = make(wiki_server, tmp_path, states=states, api_url="http://127.0.0.1:9/{lang}/")
    entry = glossary.lookup(q("Kiew"))
    assert entry.status is Status.NOT_CACHED and "cannot reach" in entry.error
    assert glossary.state.mode is NetworkMode.OFFLINE and states
    glossary.close()
