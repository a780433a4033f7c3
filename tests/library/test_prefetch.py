"""``reader feed prefetch``: every article fetched, one batched glossary pass for all."""

from __future__ import annotations

from typing import Any

import pytest
from feed_server import FeedServer

from reader.cli import main
from reader.config import Config
from reader.library.fetch import refresh
from reader.library.prefetch import prefetch
from reader.library.store import open_library


def test_prefetch_fetches_pages_and_looks_each_name_up_once(
        feed_server: FeedServer, wiki_server: Any, capsys: pytest.CaptureFixture[str]) -> None:
    config = Config(api_url=wiki_server.api_url, model="embedded", timeout=5)
    with open_library(config) as store:
        store.add_feed(feed_server.url("/rss.xml"))
        store.add_feed(feed_server.url("/atom.xml"))
        refresh(store, config)
        entries = store.entries()
    seen: list[tuple[int, int]] = []
    report = prefetch(entries, config, pages=lambda d, t: seen.append((d, t)))
    assert report.articles == 6 and seen[-1] == (6, 6)
    # Pages that answer 404 (three of them) fall back to the feed's own text.
    assert report.from_feed == 3
    assert feed_server.count("/artikel/haushalt", 200) == 1
    assert 0 < report.names < report.mentions  # names shared by articles looked up once
    titles = [(record.lang, title) for record in wiki_server.requests
              for title in record.params.get("titles", "").split("|") if title]
    assert len(titles) == len(set(titles))  # every name asked for once
    batches = [record for record in wiki_server.requests
               if record.lang == "de" and "titles" in record.params]
    assert len(batches) == 1  # every German name in one request
    code = main(["feed", "prefetch", "--quiet", "--model", "embedded",
                 "--api-url", wiki_server.api_url])
    out = capsys.readouterr().out
    assert "6 articles (3 from their pages, 3 from the feed's text)" in out
    assert "names looked up once each" in out and code in (0, 1)


def test_prefetch_of_an_unknown_feed_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["feed", "prefetch", "http://127.0.0.1:9/x.xml"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
