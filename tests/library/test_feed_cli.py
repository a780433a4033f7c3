"""``reader feed ...`` on good and bad input, against the local feed server."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from feed_server import FeedServer

from reader.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["feed", *args, "--api-url", "http://127.0.0.1:9/{lang}/w/api.php"])
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_remove(feed_server: FeedServer, capsys: pytest.CaptureFixture[str]) -> None:
    url = feed_server.url("/rss.xml")
    code, out, _ = run(capsys, "add", url)
    assert code == 0 and "Stadtbote Neustadt: 3 entries" in out
    assert feed_server.count("/rss.xml") == 1  # added with one request
    code, out, _ = run(capsys, "list", "--format", "json")
    (feed,) = json.loads(out)["feeds"]
    assert (feed["url"], feed["entries"], feed["unread"]) == (url, 3, 3)
    code, out, _ = run(capsys, "list", url, "--format", "json")
    entries = json.loads(out)["entries"]
    assert [e["title"] for e in entries][:2] == [
        "Rathaus & Bürger: Haushalt für 2027 beschlossen",
        "Bahn & Bus: Fahrplanwechsel im Dezember"]
    assert entries[1]["link"] == feed_server.url("/artikel/fahrplan")
    assert entries[0]["date"] == "2026-12-01T08:30:00Z"
    code, out, _ = run(capsys, "list", url, "--format", "jsonl")
    assert [json.loads(line) for line in out.splitlines()] == entries
    code, out, _ = run(capsys, "list", url)
    assert "● " in out and "Bahn & Bus" in out
    assert run(capsys, "remove", url)[0] == 0
    code, _, err = run(capsys, "remove", url)
    assert code == 2 and err.count("\n") == 1 and "not subscribed" in err


def test_add_a_web_page_subscribes_to_the_feed_it_announces(
        feed_server: FeedServer, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "add", feed_server.url("/artikel/haushalt"))
    assert code == 0
    assert "the page announces 2 feed(s); subscribing to " + feed_server.url("/rss.xml") in out
    assert "subscribed to Stadtbote Neustadt: 3 entries" in out
    code, out, _ = run(capsys, "add", feed_server.url("/blog/wahl"))
    assert out.startswith("already subscribed to " + feed_server.url("/rss.xml"))


def test_list_an_unsubscribed_feed_fetches_it(feed_server: FeedServer,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "list", feed_server.url("/truncated.xml"), "--format", "json")
    assert code == 0
    assert [e["title"] for e in json.loads(out)["entries"]] == [
        "Erste Meldung bleibt", "Zweite Meldung bleibt auch"]
    assert "malformed feed" in err and err.count("\n") == 1


def test_import_opml_refresh_reports_the_404_and_goes_on(
        feed_server: FeedServer, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    opml = tmp_path / "abos.opml"
    opml.write_bytes(httpx.get(feed_server.url("/feeds.opml")).content)
    code, out, _ = run(capsys, "import", str(opml))
    assert code == 0 and out.startswith("3 feeds added")
    code, out, _ = run(capsys, "refresh")
    assert code == 1
    assert "Stadtbote Neustadt: 3 new of 3" in out
    assert "Landblick <Region>: 3 new of 3" in out
    assert "Eingestellt (http://127.0.0.1:" in out
    assert "/eingestellt.xml): error: HTTP 404 Not Found" in out
    assert "3 feeds refreshed in" in out and "6 new entries, 1 failed" in out
    code, out, _ = run(capsys, "refresh", feed_server.url("/rss.xml"))
    assert "Stadtbote Neustadt: not modified" in out
    code, out, _ = run(capsys, "import", str(opml))
    assert out.startswith("0 feeds added, 3 already subscribed")
    code, out, _ = run(capsys, "export")
    assert out.count("<outline") == 3 and 'text="Landblick &lt;Region&gt;"' in out
    exported = tmp_path / "out.opml"
    assert run(capsys, "export", "-o", str(exported))[0] == 0
    code, _, err = run(capsys, "export", "-o", str(exported))
    assert code == 2 and "--force" in err


@pytest.mark.parametrize(("args", "message"), [
    (("add", "ftp://example/feed"), "is not an http(s) URL"),
    (("add", "http://127.0.0.1:9/feed.xml"), "not subscribed"),
    (("import", "/nonexistent/abos.opml"), "No such file"),
    (("refresh", "http://127.0.0.1:9/x"), "not subscribed"),
])
def test_bad_input_is_one_line(capsys: pytest.CaptureFixture[str], args: tuple[str, ...],
                               message: str) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2 and message in err and err.count("\n") == 1


def test_import_of_a_file_that_is_not_opml(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    bad = tmp_path / "x.opml"
    bad.write_text("<html><body>nope</body></html>")
    code, _, err = run(capsys, "import", str(bad))
    assert code == 2 and "not an OPML file" in err


def test_add_offline_subscribes_without_fetching(feed_server: FeedServer,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "add", feed_server.url("/atom.xml"), "--offline")
    assert code == 0 and "offline" in out and feed_server.requests == []


def test_plain_reader_opens_the_library(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2  # the library needs a terminal: one line, no help text
    err = capsys.readouterr().err
    assert err == "reader: error: standard output is not a terminal; use 'reader export' " \
                  "to write text\n"


def test_a_damaged_library_is_kept_aside_with_one_warning(
        capsys: pytest.CaptureFixture[str]) -> None:
    from reader.config import Config
    from reader.library.store import library_path

    path = library_path(Config())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)
    code, out, err = run(capsys, "list")
    assert code == 0 and out.startswith("no feeds yet")
    assert err.count("\n") == 1 and err.startswith("reader: warning: library ")
    (kept,) = path.parent.glob("library.sqlite3.bad-*")
    assert kept.read_bytes() == b"SQLite format 3\x00" + b"\xff" * 2000
