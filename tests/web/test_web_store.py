"""Offline copies: a fetched page reopens without the network; --refresh fetches again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reader.config import Config
from reader.web import load_url
from reader.web.errors import NotStoredError
from reader.web.store import PageStore, key_for

PATH = "/kueste/faehre-elektro-100.html"


def _fetches(server: Any) -> int:
    return sum(1 for path, _headers in server.requests if path == PATH)


def test_second_open_uses_the_stored_copy(news_server: Any, web_config: Config) -> None:
    first = load_url(news_server.url(PATH), web_config)
    second = load_url(news_server.url(PATH), web_config)
    assert second == first
    assert _fetches(news_server) == 1
    offline = load_url(news_server.url(PATH + "#abschnitt"), web_config.with_overrides(
        offline=True))
    assert offline == first
    load_url(news_server.url(PATH), web_config, refresh=True)
    assert _fetches(news_server) == 2


def test_the_store_keeps_bytes_headers_and_article(news_server: Any,
                                                   web_config: Config) -> None:
    url = news_server.url("/markt.html")
    article = load_url(url, web_config)
    root = web_config.cache_path / "web"
    meta = json.loads((root / f"{key_for(url)}.json").read_text(encoding="utf-8"))
    body = (root / f"{key_for(url)}.body").read_bytes()
    assert body == news_server.pages["/markt.html"].body()  # original bytes (cp1252)
    assert meta["url"] == url and meta["status"] == 200
    assert meta["headers"]["content-type"] == "text/html"
    assert meta["article"]["text"] == article.text
    assert PageStore(root).stats()[0] == 1


def test_offline_without_copy(news_server: Any, web_config: Config) -> None:
    with pytest.raises(NotStoredError, match="offline, and no stored copy"):
        load_url(news_server.url(PATH), web_config.with_overrides(offline=True))
    assert _fetches(news_server) == 0


@pytest.mark.parametrize("damage", ["truncate", "foreign", "body"])
def test_a_damaged_copy_is_fetched_again(damage: str, news_server: Any,
                                         web_config: Config) -> None:
    url = news_server.url(PATH)
    first = load_url(url, web_config)
    root = web_config.cache_path / "web"
    meta, body = root / f"{key_for(url)}.json", root / f"{key_for(url)}.body"
    if damage == "truncate":
        meta.write_text(meta.read_text(encoding="utf-8")[:50], encoding="utf-8")
    elif damage == "foreign":
        meta.write_text('{"schema": "something else"}', encoding="utf-8")
    else:
        body.write_bytes(b"<html>changed</html>")
    assert load_url(url, web_config) == first
    assert _fetches(news_server) == 2


def test_a_read_only_cache_still_reads(news_server: Any, web_config: Config,
                                       tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    config = web_config.with_overrides(cache_dir=str(blocker))  # a file: no dir inside
    article = load_url(news_server.url(PATH), config)
    assert article.title.startswith("Neue Elektrofähre")


def test_cli_offline_reopen_refresh_and_cache_info(news_server: Any,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import main

    url = news_server.url("/land/haushalt-familien")

    def reader(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    code, _out, err = reader("export", url, "--offline")  # never touches the network
    assert code == 2 and "no stored copy" in err
    assert news_server.requests == []
    code, _out, err = reader("entities", url)
    assert code == 0, err
    code, out, err = reader("export", url, "--offline")
    assert code == 0, err
    assert "\n- Das Kita-Essen wird ab August" in out
    assert "\n> Wir entlasten die Familien" in out
    assert f'source: "{url}"' in out and 'author: "Carla Memmert"' in out
    assert len(news_server.requests) == 1
    code, _out, _err = reader("entities", url, "--refresh", "--format", "json")
    assert code == 0 and len(news_server.requests) == 2
    code, out, _err = reader("cache", "info")
    assert "web pages: 1 " in out
    missing = news_server.url("/status/404")
    assert reader("entities", missing) == (2, "", f"reader: error: {missing}: HTTP 404 "
                                                  "Not Found\n")
