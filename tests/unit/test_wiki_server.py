"""The local MediaWiki test server itself (raw HTTP, no glossary client)."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pytest


def get(server: Any, lang: str = "de", **params: str) -> tuple[int, dict[str, Any]]:
    query = urllib.parse.urlencode({"action": "query", "format": "json", "formatversion": "2",
                                    **params})
    url = server.api_url.replace("{lang}", lang) + "?" + query
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, {"headers": dict(exc.headers)}


def test_batched_titles_normalisation_redirects(wiki_server: Any) -> None:
    status, data = get(wiki_server, titles="nato|Peskow|Nato-Bündnis|Nobody Here",
                       redirects="1", prop="info")
    assert status == 200
    query = data["query"]
    assert query["normalized"] == [{"fromencoded": False, "from": "nato", "to": "Nato"}]
    assert {"from": "Nato-Bündnis", "to": "NATO"} in query["redirects"]
    assert {"from": "NATO", "to": "Nato"} in query["redirects"]
    titles = {p["title"]: p for p in query["pages"]}
    assert set(titles) == {"Nato", "Dmitri Peskow", "Nobody Here"}
    assert titles["Nobody Here"]["missing"] is True


def test_extracts_sentences_pageprops_description_langlinks(wiki_server: Any) -> None:
    _, data = get(wiki_server, titles="Koalition der Willigen|Nato", exintro="1",
                  explaintext="1", exsentences="1", ppprop="disambiguation|wikibase_item",
                  prop="extracts|pageprops|description|langlinks", lllang="en")
    pages = {p["title"]: p for p in data["query"]["pages"]}
    assert pages["Koalition der Willigen"]["pageprops"] == {"disambiguation": ""}
    assert pages["Nato"]["pageprops"] == {"wikibase_item": "Q7184"}
    assert pages["Nato"]["extract"].count(".") == 1
    assert pages["Nato"]["langlinks"] == [{"lang": "en", "title": "NATO"}]
    assert pages["Nato"]["description"].startswith("Militärbündnis")


def test_search_and_links(wiki_server: Any) -> None:
    _, data = get(wiki_server, list="search", srsearch="Oberst Reisner")
    assert [h["title"] for h in data["query"]["search"]] == ["Markus Reisner"]
    _, data = get(wiki_server, titles="Kreml", prop="links", plnamespace="0")
    assert data["query"]["pages"][0]["links"][0]["title"] == "Moskauer Kreml"


def test_faults_are_switchable_and_counted(wiki_server: Any) -> None:
    wiki_server.set_fault("429", retry_after=7, times=1)
    status, data = get(wiki_server, titles="Nato")
    assert status == 429 and data["headers"]["Retry-After"] == "7"
    assert get(wiki_server, titles="Nato")[0] == 200
    wiki_server.set_fault("maxlag")
    assert get(wiki_server, titles="Nato")[1]["error"]["code"] == "maxlag"
    wiki_server.set_fault("500")
    assert get(wiki_server, titles="Nato")[0] == 500
    wiki_server.clear_faults()
    assert wiki_server.request_count == 4
    assert [r.fault for r in wiki_server.requests] == ["429", "", "maxlag", "500"]
    with pytest.raises(ValueError, match="unknown fault"):
        wiki_server.set_fault("teapot")


def test_unknown_wiki_and_path(wiki_server: Any) -> None:
    assert get(wiki_server, lang="xx", titles="A")[1]["error"]["code"] == "nosuchwiki"
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(wiki_server.base_url + "/nothing", timeout=5)
