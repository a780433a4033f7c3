"""The library store: feeds, entries, read state, positions, recent; damaged files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from feed_server import FeedServer

from reader.config import Config
from reader.library.fetch import refresh
from reader.library.models import FeedItem
from reader.library.store import LibraryStore, library_path, open_library


def item(guid: str, published: float | None, title: str = "T") -> FeedItem:
    return FeedItem(guid=guid, link=f"http://h/{guid}", title=title, published=published)


def test_entries_newest_first_read_state_kept_over_updates(tmp_path: Path) -> None:
    with LibraryStore(tmp_path / "lib.sqlite3") as store:
        feed, new = store.add_feed("http://h/feed")
        assert new and not store.add_feed("http://h/feed")[1]
        assert store.save_fetch(feed, items=[item("a", 100.0), item("b", 300.0),
                                             item("c", 200.0)], title="Feed") == 3
        assert [e.guid for e in store.entries()] == ["b", "c", "a"]
        first = store.entries()[0]
        store.mark_read(first.id)
        assert store.save_fetch(feed, items=[item("b", 300.0, "Changed"), item("d", 50.0)]) == 1
        entry = store.entry(first.id)
        assert entry is not None and entry.read and entry.title == "Changed"
        (stored,) = store.feeds()
        assert (stored.title, stored.total, stored.unread) == ("Feed", 4, 3)


def test_positions_and_recent(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    with LibraryStore(path) as store:
        store.save_position("/a.txt", 120, "per:peskow")
        store.save_position("/a.txt", 240, "loc:kiew")
        store.add_recent("/a.txt", "A")
        store.add_recent("http://h/b", "B")
    with LibraryStore(path) as store:  # another process later
        position = store.position("/a.txt")
        assert position is not None and (position.offset, position.entity) == (240, "loc:kiew")
        assert store.position("/other") is None
        assert [r.title for r in store.recent()] == ["B", "A"]


def test_remove_feed_forgets_its_entries(tmp_path: Path) -> None:
    with LibraryStore(tmp_path / "lib.sqlite3") as store:
        feed, _ = store.add_feed("http://h/feed")
        store.save_fetch(feed, items=[item("a", 1.0)])
        assert store.remove_feed("http://h/feed") and not store.remove_feed("http://h/feed")
        assert store.entries() == [] and store.feeds() == []


def test_failed_transaction_changes_nothing(tmp_path: Path) -> None:
    with LibraryStore(tmp_path / "lib.sqlite3") as store:
        feed, _ = store.add_feed("http://h/feed")
        with pytest.raises(RuntimeError), store.transaction() as conn:
            conn.execute("DELETE FROM feeds")
            raise RuntimeError("disk gone")
        assert [f.url for f in store.feeds()] == [feed.url]


@pytest.mark.parametrize("content", [b"this is no database at all" * 100, b""])
def test_damaged_file_is_moved_aside_with_one_warning(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "lib.sqlite3"
    path.write_bytes(content + b"x")
    with LibraryStore(path) as store:
        assert store.warning.count("\n") == 0 and "kept as lib.sqlite3.bad-" in store.warning
        assert store.feeds() == []
    (kept,) = tmp_path.glob("lib.sqlite3.bad-*")
    assert kept.read_bytes() == content + b"x"  # never emptied


def test_foreign_sqlite_file_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE mine (x)")
    conn.execute("INSERT INTO mine VALUES (42)")
    conn.commit()
    conn.close()
    with LibraryStore(path) as store:
        assert "not a reader library" in store.warning
    (kept,) = tmp_path.glob("lib.sqlite3.bad-*")
    assert sqlite3.connect(kept).execute("SELECT x FROM mine").fetchone() == (42,)


def test_refresh_reports_one_failure_and_goes_on(feed_server: FeedServer,
                                                 config: Config) -> None:
    with open_library(config) as store:
        for path in ("/rss.xml", "/eingestellt.xml", "/truncated.xml"):
            store.add_feed(feed_server.url(path))
        results = {r.url.rsplit("/", 1)[1]: r for r in refresh(store, config)}
        assert results["rss.xml"].new == 3 and not results["rss.xml"].error
        assert "HTTP 404" in results["eingestellt.xml"].error
        assert results["truncated.xml"].new == 2
        assert "malformed" in results["truncated.xml"].error
        again = {r.url.rsplit("/", 1)[1]: r for r in refresh(store, config)}
        assert again["rss.xml"].not_modified and again["rss.xml"].new == 0
        feeds = {f.url.rsplit("/", 1)[1]: f for f in store.feeds()}
        assert feeds["rss.xml"].total == 3 and feeds["eingestellt.xml"].error
    assert library_path(config).is_file()
    assert feed_server.count("/rss.xml", 304) == 1


def test_refresh_stores_new_entries_after_a_change(feed_server: FeedServer,
                                                   config: Config) -> None:
    from feed_fixtures import RSS

    with open_library(config) as store:
        store.add_feed(feed_server.url("/rss.xml"))
        refresh(store, config)
        extra = RSS.replace("<item>", "<item><title>Neu</title><guid>neu</guid>"
                            "<link>{base}/neu</link></item><item>", 1)
        feed_server.set_feed("/rss.xml", extra)
        (result,) = refresh(store, config)
        assert (result.new, result.entries) == (1, 4)
