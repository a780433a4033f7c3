"""Plain records of the library: feeds, parsed feed items, stored entries, positions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry as parsed from a feed (text fields are plain text, links absolute)."""

    guid: str
    link: str
    title: str
    published: float | None  # POSIX time, None when the feed gives no date
    summary: str = ""
    #: The full text as HTML (``content:encoded`` / Atom ``content``), if the feed has it.
    content: str = ""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A parsed feed: its title, site link, items, and what went wrong (if anything).

    ``error`` is set for a malformed feed; the items before the fault are still there.
    """

    title: str
    site: str
    items: list[FeedItem] = field(default_factory=list)
    error: str = ""


@dataclass(frozen=True, slots=True)
class Feed:
    """A subscribed feed as stored."""

    id: int
    url: str
    title: str
    site: str
    etag: str
    modified: str
    checked_at: float | None
    error: str
    total: int = 0
    unread: int = 0

    @property
    def name(self) -> str:
        """The title, else the URL."""
        return self.title or self.url


@dataclass(frozen=True, slots=True)
class Entry:
    """A stored entry of a feed."""

    id: int
    feed_id: int
    feed_title: str
    feed_url: str
    guid: str
    link: str
    title: str
    published: float | None
    summary: str
    content: str
    seen_at: float
    read_at: float | None

    @property
    def read(self) -> bool:
        """Whether the entry was opened."""
        return self.read_at is not None

    @property
    def date(self) -> dt.datetime | None:
        """The publication time (UTC), if the feed gave one."""
        if self.published is None:
            return None
        return dt.datetime.fromtimestamp(self.published, dt.UTC)

    @property
    def article_key(self) -> str:
        """The key of the entry's article in positions and recent (its link)."""
        return self.link or f"entry:{self.feed_url}#{self.guid}"


class Position(NamedTuple):
    """Where an article was left: a text offset at the top of the view, the entity key."""

    offset: int
    entity: str = ""


class RecentItem(NamedTuple):
    """A recently read article (its key, title, and when it was opened)."""

    article: str
    title: str
    opened_at: float
