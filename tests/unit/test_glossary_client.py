"""The batched MediaWiki client against the local test server (real HTTP)."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from glossary.client import WikiClient
from glossary.errors import (
    ConnectionLost,
    WikiConnectionError,
    WikiHttpError,
    WikiHttpTimeoutError,
    WikiInvalidJsonError,
    WikiRateLimitError,
)
from glossary.settings import GlossarySettings
from glossary.text import INTRO_CAP


def make_client(server: Any, sleeps: list[float] | None = None, **overrides: Any) -> WikiClient:
    values: dict[str, Any] = {"api_url": server.api_url, "max_retries": 2, "retry_wait": 0.01,
                              "max_retry_after": 0.5, "timeout": 2.0, "contact": "qa@example.org"}
    values.update(overrides)
    record = sleeps if sleeps is not None else []
    return WikiClient(GlossarySettings(**values), sleep=record.append)


def test_many_titles_one_request_with_user_agent_and_maxlag(wiki_server: Any) -> None:
    client = make_client(wiki_server)
    titles = ["Nato", "Kiew", "Moskau", "Ukraine", "Russland", "Paris"]
    found = client.fetch_pages("de", titles)
    assert wiki_server.request_count == 1
    assert all(found[t].page.exists for t in titles)
    record = wiki_server.requests[0]
    assert record.params["titles"] == "|".join(titles)
    assert record.params["maxlag"] == "5"
    assert record.params["formatversion"] == "2"
    agent = record.headers["User-Agent"]
    assert agent.startswith("reader/") and "qa@example.org" in agent and "Wikipedia-API" in agent


def test_normalised_title_is_not_a_redirect(wiki_server: Any) -> None:
    res = make_client(wiki_server).fetch_pages("de", ["nato"])["nato"]
    assert res.page.title == "Nato" and res.normalized == "Nato" and not res.redirected


def test_redirect_chain_is_followed(wiki_server: Any) -> None:
    res = make_client(wiki_server).fetch_pages("de", ["Nato-Bündnis"])["Nato-Bündnis"]
    assert res.page.title == "Nato" and res.redirected
    assert res.path == ("Nato-Bündnis", "NATO", "Nato")
    assert res.page.wikidata_id == "Q7184" and res.page.url.endswith("/de/wiki/Nato")


def test_redirect_loop_is_detected(wiki_server: Any) -> None:
    res = make_client(wiki_server).fetch_pages("de", ["Schleife A"])["Schleife A"]
    assert res.loop and not res.page.exists


def test_missing_and_invalid_titles(wiki_server: Any) -> None:
    found = make_client(wiki_server).fetch_pages("de", ["Isabelle Schaefers", "a|b", "x[y]"])
    assert not any(r.page.exists for r in found.values())


def test_disambiguation_and_links(wiki_server: Any) -> None:
    client = make_client(wiki_server)
    res = client.fetch_pages("de", ["Koalition der Willigen"])["Koalition der Willigen"]
    assert res.page.disambiguation
    links = client.links("de", ["Koalition der Willigen", "Spiegel (Begriffsklärung)"])
    assert links["Koalition der Willigen"] == ["Koalition der Willigen (Irak)",
                                               "Koalition der Willigen (Ukraine)"]
    assert "Spiegel (Begriffsklärung)" not in links["Spiegel (Begriffsklärung)"]


def test_whole_intros_and_extract_continuation(wiki_server: Any) -> None:
    """Intros come whole (no ``exsentences``: it cuts after ordinals); glossary.text cuts."""
    client = make_client(wiki_server, batch_size=50, intro_sentences=2)
    titles = ["Nato", "Kiew", "Moskau", "Ukraine", "Russland", "Paris", "Wladiwostok",
              "Istanbul", "ZDF", "Europäische Union", "Vereinigte Staaten", "Frankreich",
              "China", "Großbritannien", "Europa", "Markus Reisner", "Dmitri Peskow",
              "Wladimir Putin", "Emmanuel Macron", "Donald Trump", "Der Spiegel",
              "Östliches Wirtschaftsforum"]
    found = client.fetch_pages("de", titles)
    assert wiki_server.request_count == 2  # TextExtracts: 20 intros per answer, then continue
    assert "excontinue" in wiki_server.requests[1].params
    assert all("exsentences" not in r.params for r in wiki_server.requests)
    for title in titles:
        assert found[title].page.extract, title
    assert found["Nato"].page.extract.count(". ") == 3  # the whole intro


def test_intro_is_capped(wiki_server: Any) -> None:
    sentence = "Dieser Satz ist ein Teil einer sehr langen Einleitung. "
    wiki_server.add_page("de", "Riesig", extract=sentence * 100_000)  # 5.5 MB
    page = make_client(wiki_server).fetch_pages("de", ["Riesig"])["Riesig"].page
    assert len(page.extract) <= INTRO_CAP and page.extract.endswith("Einleitung.")


def test_search_ranks_pages(wiki_server: Any) -> None:
    pages = make_client(wiki_server).search("de", "Wirtschaftsforum")
    assert pages[0].title == "Östliches Wirtschaftsforum"
    assert pages[0].description


def test_language_links(wiki_server: Any) -> None:
    res = make_client(wiki_server).fetch_pages("de", ["Interfax"], langlinks="en")["Interfax"]
    assert res.page.langlinks == {"en": "Interfax"}


def test_500_is_retried_then_reported(wiki_server: Any) -> None:
    sleeps: list[float] = []
    client = make_client(wiki_server, sleeps)
    wiki_server.set_fault("500")
    with pytest.raises(WikiHttpError) as info:
        client.fetch_pages("de", ["Nato"])
    assert info.value.status_code == 500
    assert wiki_server.request_count == 3 and sleeps == [0.01, 0.02]  # exponential backoff


def test_transient_500_recovers(wiki_server: Any) -> None:
    wiki_server.set_fault("500", times=1)
    assert make_client(wiki_server).fetch_pages("de", ["Nato"])["Nato"].page.exists
    assert wiki_server.request_count == 2


@pytest.mark.parametrize("kind", ["429", "maxlag"])
def test_short_retry_after_is_honoured(wiki_server: Any, kind: str) -> None:
    sleeps: list[float] = []
    wiki_server.set_fault(kind, retry_after=0, times=1)
    assert make_client(wiki_server, sleeps).fetch_pages("de", ["Nato"])["Nato"].page.exists
    assert sleeps == [0.0] and wiki_server.request_count == 2


@pytest.mark.parametrize("kind", ["429", "maxlag"])
def test_long_retry_after_is_reported_and_blocks(wiki_server: Any, kind: str) -> None:
    sleeps: list[float] = []
    client = make_client(wiki_server, sleeps)
    wiki_server.set_fault(kind, retry_after=30)
    with pytest.raises(WikiRateLimitError) as info:
        client.fetch_pages("de", ["Nato"])
    assert info.value.retry_after == 30 and sleeps == []
    assert 29 < client.blocked_for("de") <= 30
    wiki_server.clear_faults()
    with pytest.raises(WikiRateLimitError):  # no request while blocked
        client.fetch_pages("de", ["Nato"])
    assert wiki_server.request_count == 1


@pytest.mark.parametrize(("kind", "error"), [("malformed", WikiInvalidJsonError),
                                             ("drop", ConnectionLost)])
def test_broken_answers_are_typed_errors(wiki_server: Any, kind: str,
                                         error: type[Exception]) -> None:
    wiki_server.set_fault(kind)
    with pytest.raises(error):
        make_client(wiki_server, max_retries=1).fetch_pages("de", ["Nato"])
    assert wiki_server.request_count == 2


def test_timeout_is_a_typed_error(wiki_server: Any) -> None:
    wiki_server.set_fault("hang", delay=1.0)
    with pytest.raises(WikiHttpTimeoutError):
        make_client(wiki_server, max_retries=0, timeout=0.2).fetch_pages("de", ["Nato"])


def test_unreachable_host(wiki_server: Any) -> None:
    client = make_client(wiki_server, api_url="http://127.0.0.1:9/{lang}/w/api.php",
                         max_retries=0)
    with pytest.raises(WikiConnectionError):
        client.fetch_pages("de", ["Nato"])


def test_requests_to_a_host_are_serial(wiki_server: Any) -> None:
    wiki_server.set_latency(0.05)
    clients = [make_client(wiki_server) for _ in range(3)]
    threads = [threading.Thread(target=c.fetch_pages, args=("de", ["Nato"])) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wiki_server.request_count == 3 and wiki_server.max_concurrency == 1
