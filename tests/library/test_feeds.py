"""Parsing and fetching feeds from the local feed server (RSS 2.0, 1.0, 0.91, Atom)."""

from __future__ import annotations

import datetime as dt

import pytest
from feed_server import FeedServer

from reader.config import Config
from reader.library.feeds import html_to_text, parse_feed
from reader.library.fetch import FetchError, fetch_feed, http_client
from reader.library.models import ParsedFeed


def fetch(server: FeedServer, path: str, config: Config) -> ParsedFeed:
    with http_client(config) as client:
        fetched = fetch_feed(client, server.url(path))
    assert fetched.feed is not None
    return fetched.feed


def test_rss2_cdata_and_amp_titles_relative_link_and_content(feed_server: FeedServer,
                                                             config: Config) -> None:
    feed = fetch(feed_server, "/rss.xml", config)
    assert feed.title == "Stadtbote Neustadt"
    assert feed.error == ""
    titles = [item.title for item in feed.items]
    assert titles[0] == "Rathaus & Bürger: Haushalt für 2027 beschlossen"  # CDATA
    assert titles[1] == "Bahn & Bus: Fahrplanwechsel im Dezember"  # &amp; decoded once
    assert feed.items[1].link == feed_server.url("/artikel/fahrplan")  # relative resolved
    assert "Bürgermeisterin Carla" in feed.items[0].content
    assert "<p>" in feed.items[0].content  # the full text stays HTML for the loader
    assert feed.items[1].summary == "Ab Mitte Dezember fahren die Busse häufiger."
    assert feed.items[0].published == dt.datetime(2026, 12, 1, 8, 30, tzinfo=dt.UTC).timestamp()


def test_atom_html_and_xhtml_titles_alternate_link_and_undated_entry(
        feed_server: FeedServer, config: Config) -> None:
    feed = fetch(feed_server, "/atom.xml", config)
    assert feed.title == "Landblick <Region>"  # an HTML title whose text has brackets
    by_guid = {item.guid: item for item in feed.items}
    wahl = by_guid["urn:landblick:wahl"]
    assert wahl.title == "Wahl in Kleinstadt entschieden"
    assert wahl.link == feed_server.url("/blog/wahl")  # alternate, not the related link
    bruecke = by_guid["urn:landblick:bruecke"]
    assert bruecke.title == "Neue Brücke über die Lahn eröffnet"  # xhtml title as text
    assert bruecke.link == feed_server.url("/blog/bruecke")  # xml:base applied
    assert bruecke.summary == "Nach zwei Jahren Bauzeit endlich frei."
    assert by_guid["urn:landblick:leserbriefe"].published is None


@pytest.mark.parametrize(("path", "title", "entry"), [
    ("/rdf.xml", "Kreisblatt", "Schule bekommt neue Turnhalle"),
    ("/rss091.xml", "Dorfnachrichten", "Backhaus wieder in Betrieb"),
])
def test_rss_1_0_and_0_91(feed_server: FeedServer, config: Config, path: str, title: str,
                          entry: str) -> None:
    feed = fetch(feed_server, path, config)
    assert feed.title == title
    assert [item.title for item in feed.items] == [entry]


def test_truncated_feed_keeps_entries_before_the_break(feed_server: FeedServer,
                                                       config: Config) -> None:
    feed = fetch(feed_server, "/truncated.xml", config)
    assert [item.title for item in feed.items] == ["Erste Meldung bleibt",
                                                   "Zweite Meldung bleibt auch"]
    assert feed.error.startswith("malformed feed:")


def test_conditional_get_answered_304(feed_server: FeedServer, config: Config) -> None:
    url = feed_server.url("/rss.xml")
    with http_client(config) as client:
        first = fetch_feed(client, url)
        assert first.etag and first.modified
        again = fetch_feed(client, url, first.etag, first.modified)
        by_date = fetch_feed(client, url, "", first.modified)
    assert again.not_modified and by_date.not_modified
    assert [r.status for r in feed_server.requests] == [200, 304, 304]
    assert feed_server.requests[1].headers["if-none-match"] == first.etag
    assert "reader/" in feed_server.requests[0].headers["user-agent"]


@pytest.mark.parametrize(("path", "message"), [
    ("/eingestellt.xml", "HTTP 404"),
    ("/artikel/haushalt", "not a feed"),
])
def test_fetch_errors_are_one_line(feed_server: FeedServer, config: Config, path: str,
                                   message: str) -> None:
    with http_client(config) as client, pytest.raises(FetchError, match=message) as info:
        fetch_feed(client, feed_server.url(path))
    assert "\n" not in str(info.value)


def test_a_web_page_is_no_feed_but_names_its_feeds(feed_server: FeedServer,
                                                    config: Config) -> None:
    with http_client(config) as client, pytest.raises(FetchError) as info:
        fetch_feed(client, feed_server.url("/artikel/fahrplan"))
    assert info.value.feeds == [feed_server.url("/rss.xml"), feed_server.url("/atom.xml")]


def test_connection_refused_is_a_fetch_error(config: Config) -> None:
    with http_client(config) as client, pytest.raises(FetchError):
        fetch_feed(client, "http://127.0.0.1:9/feed.xml")


def test_escape_sequences_in_titles_are_removed() -> None:
    data = (b"<rss version='2.0'><channel><title>A\x1b[31mB</title><item><title>"
            b"X&#27;[2JY</title><link>http://h/x</link></item></channel></rss>")
    feed = parse_feed(data, "http://h/feed")
    assert "\x1b" not in feed.title and feed.title.startswith("A")
    assert "\x1b" not in feed.items[0].title


def test_html_to_text() -> None:
    assert html_to_text("<p>a <b>b</b></p><script>x()</script><p>c &amp; d</p>") == "a b c & d"


def test_not_a_feed_raises_value_error() -> None:
    with pytest.raises(ValueError, match="not a feed"):
        parse_feed(b"just some words", "http://h/feed")


def test_discover_feeds_resolves_and_filters() -> None:
    from reader.library.feeds import discover_feeds

    page = (b'<html><head><link rel="alternate" type="application/rss+xml" href="feed.xml">'
            b'<link rel="alternate" type="application/atom+xml" href="javascript:alert(1)">'
            b'<link rel="stylesheet" type="text/css" href="style.css">'
            b'<link rel="Alternate" type="application/RSS+xml" href="/news/feed.xml">'
            b'<link rel="alternate" type="application/rss+xml" href="feed.xml"></head></html>')
    assert discover_feeds(page, "https://h/news/") == ["https://h/news/feed.xml"]
