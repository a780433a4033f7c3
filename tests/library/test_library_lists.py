"""What the library screen lists: filtering, read marks, and hostile text kept as text."""

from __future__ import annotations

from reader.app.library_screen import entry_options, feed_options, recent_options
from reader.library.models import Entry, Feed, RecentItem


def entry(number: int, title: str, read: bool = False, feed: str = "Stadtbote") -> Entry:
    return Entry(id=number, feed_id=1, feed_title=feed, feed_url="http://h/feed",
                 guid=str(number), link=f"http://h/{number}", title=title,
                 published=1_796_000_000.0 + number, summary="", content="",
                 seen_at=1_796_000_000.0, read_at=1.0 if read else None)


def test_filter_matches_title_or_feed_in_any_case() -> None:
    entries = [entry(1, "Haushalt beschlossen"), entry(2, "Hafenfest", feed="Hafenblatt"),
               entry(3, "Fahrplan", read=True)]
    assert [o.id for o in entry_options(entries, "HAFEN")] == ["entry:2"]
    assert [o.id for o in entry_options(entries, "haus")] == ["entry:1"]
    marks = [str(o.prompt)[:2] for o in entry_options(entries, "")]
    assert marks == ["● ", "● ", "  "]


def test_hostile_titles_stay_text() -> None:
    hostile = "[b]fett[/b] [@click=app.quit]x[/] \x1b[2J\x07"
    (option,) = entry_options([entry(1, hostile, feed=hostile)], "")
    shown = str(option.prompt)
    assert "[b]fett[/b]" in shown and "[@click=app.quit]" in shown
    assert "\x1b" not in shown and "\x07" not in shown
    feed = Feed(1, "http://h/feed", hostile, "", "", "", None, "HTTP 404", 1, 1)
    feeds = feed_options([feed], recent=0)
    assert str(feeds[2].prompt).startswith("! [b]fett[/b]") and "\x1b" not in str(feeds[2].prompt)
    (recent,) = recent_options([RecentItem("/tmp/a.txt", hostile, 1.0)], "fett")
    assert "\x1b" not in str(recent.prompt) and "[b]fett[/b]" in str(recent.prompt)
