"""Fetching feeds with httpx: conditional GET (``ETag`` / ``Last-Modified``, answered
``304 Not Modified`` when nothing changed), redirects, a size limit, and refreshing many
feeds at once where one feed's failure is reported and the others go on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader import __version__
from reader.library.feeds import NotAFeed, parse_feed
from reader.library.models import Feed, ParsedFeed
from reader.library.store import LibraryStore

if TYPE_CHECKING:
    import httpx

    from reader.config import Config

#: Largest feed accepted, in bytes.
MAX_FEED_BYTES = 16 * 1024 * 1024
#: Feeds fetched at the same time.
PARALLEL = 4

Progress = Callable[[int, int], None]


class FetchError(Exception):
    """A feed could not be fetched or parsed (one line, naming the cause).

    ``feeds``: for a web page instead of a feed, the feeds it announces.
    """

    def __init__(self, message: str, feeds: list[str] | None = None) -> None:
        super().__init__(message)
        self.feeds = feeds or []


@dataclass(frozen=True)
class Fetched:
    """The answer to one feed request: ``feed`` is None when it was not modified (304)."""

    feed: ParsedFeed | None
    etag: str | None
    modified: str | None

    @property
    def not_modified(self) -> bool:
        """The server answered 304."""
        return self.feed is None


@dataclass(frozen=True)
class RefreshResult:
    """What refreshing one feed did."""

    url: str
    title: str
    new: int = 0
    entries: int = 0
    not_modified: bool = False
    error: str = ""


def http_client(config: Config) -> httpx.Client:
    """An httpx client for feeds: redirects (at most 5), the configured timeout, our name."""
    import httpx

    agent = f"reader/{__version__} (terminal news reader"
    agent += f"; {config.contact})" if config.contact else ")"
    return httpx.Client(follow_redirects=True, max_redirects=5, timeout=config.timeout,
                        headers={"User-Agent": agent})


def fetch_feed(client: httpx.Client, url: str, etag: str = "",
               modified: str = "") -> Fetched:
    """GET ``url`` (conditionally, with the stored validators) and parse it.

    Raises :class:`FetchError` for network faults, HTTP errors, oversized answers and
    documents that are no feed.
    """
    import httpx

    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    try:
        with client.stream("GET", url, headers=headers) as response:
            if response.status_code == 304:
                return Fetched(None, response.headers.get("etag"),
                               response.headers.get("last-modified"))
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > MAX_FEED_BYTES:
                    raise FetchError(f"larger than {MAX_FEED_BYTES // 1048576} MiB")
            content_type = response.headers.get("content-type", "")
            new_etag = response.headers.get("etag")
            new_modified = response.headers.get("last-modified")
            final_url = str(response.url)
    except httpx.TooManyRedirects:
        raise FetchError("too many redirects") from None
    except httpx.TimeoutException:
        raise FetchError("timed out") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}".rstrip(": ")) from None
    try:
        parsed = parse_feed(bytes(body), final_url, content_type)
    except NotAFeed as exc:
        raise FetchError(str(exc), exc.feeds) from None
    return Fetched(parsed, new_etag or "", new_modified or "")


def _fetch_one(client: httpx.Client, feed: Feed) -> Fetched | FetchError:
    try:
        return fetch_feed(client, feed.url, feed.etag, feed.modified)
    except FetchError as exc:
        return exc


def refresh(store: LibraryStore, config: Config, urls: Sequence[str] | None = None,
            progress: Progress | None = None) -> list[RefreshResult]:
    """Fetch the subscribed feeds (``urls`` only, if given) and store what changed.

    Fetches run in parallel; each feed's result is stored in its own transaction as it
    arrives, so one feed's failure never loses another's entries.
    """
    feeds = [feed for feed in store.feeds() if urls is None or feed.url in urls]
    results: list[RefreshResult] = []
    if progress:
        progress(0, len(feeds))
    with http_client(config) as client, ThreadPoolExecutor(PARALLEL) as pool:
        answers = pool.map(lambda feed: _fetch_one(client, feed), feeds)
        for feed, answer in zip(feeds, answers, strict=True):
            results.append(save_result(store, feed, answer))
            if progress:
                progress(len(results), len(feeds))
    return results


def save_result(store: LibraryStore, feed: Feed,
                answer: Fetched | FetchError) -> RefreshResult:
    """Store one fetch of ``feed`` (entries, validators, or the error) in one transaction."""
    if isinstance(answer, FetchError):
        store.save_fetch(feed, error=str(answer))
        return RefreshResult(feed.url, feed.name, error=str(answer))
    if answer.feed is None:
        store.save_fetch(feed, etag=answer.etag, modified=answer.modified)
        return RefreshResult(feed.url, feed.name, not_modified=True)
    parsed = answer.feed
    new = store.save_fetch(feed, items=parsed.items, title=parsed.title, site=parsed.site,
                           etag=answer.etag, modified=answer.modified, error=parsed.error)
    return RefreshResult(feed.url, parsed.title or feed.name, new=new,
                         entries=len(parsed.items), error=parsed.error)


def timed_refresh(store: LibraryStore, config: Config, urls: Sequence[str] | None = None,
                  progress: Progress | None = None) -> tuple[list[RefreshResult], float]:
    """:func:`refresh` and the seconds it took."""
    started = time.perf_counter()
    results = refresh(store, config, urls, progress)
    return results, time.perf_counter() - started
