"""A MediaWiki action API client for the glossary, built on wikipedia-api's HTTP client.

Why not ``wikipediaapi.Wikipedia`` itself: its pages are fetched one title per request (and
one request per property), which is what the glossary must avoid; the action API answers
for up to 50 titles at once (20 with intros, TextExtracts' ``exlimit``). So this module
reuses wikipedia-api's lower layer instead: :class:`wikipediaapi.SyncHTTPClient` (its httpx
session, its User-Agent composition and validation, its response checks that raise the
typed errors :class:`~wikipediaapi.WikiRateLimitError`, :class:`~wikipediaapi.WikiHttpError`,
:class:`~wikipediaapi.WikiInvalidJsonError`, ...) with the endpoint taken from a URL
template, and builds batched ``action=query`` requests on top.

Intros are fetched whole (``exintro`` without ``exsentences``, whose sentence boundaries
cut after German ordinals and dates), capped at :data:`glossary.text.INTRO_CAP` characters;
:mod:`glossary.text` cuts them into sentences. A redirect to a section keeps the section
(:attr:`glossary.models.Resolution.fragment`).

The retry loop is ours rather than the library's tenacity loop because the glossary needs
what that loop cannot give: a cap on how long a ``Retry-After`` is slept through (a reader
should be told "rate-limited, retry in 120 s" rather than freeze), ``maxlag`` answers
(HTTP 200 with an error object and a ``Retry-After`` header) treated like 429, an
injectable sleep for fast tests, and a per-host "blocked until" time that the UI can show.

Etiquette: requests to one host are serial (a lock per host, shared by every client in the
process), batched, carry ``maxlag``, and the User-Agent names the tool and the user's contact.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import httpx
import wikipediaapi

from glossary import errors, text
from glossary.errors import (
    ApiError,
    ConnectionLost,
    WikipediaException,
    WikiRateLimitError,
    describe_error,
    host_of,
)
from glossary.models import Page, Resolution
from glossary.settings import GlossarySettings, user_agent

log = logging.getLogger(__name__)

#: The client and its page types; the errors (also importable from here) are in
#: :mod:`glossary.errors`.
__all__ = ["Page", "Resolution", "WikiClient", "open_client", "user_agent"]

#: Most titles the action API accepts in one request (for non-bots).
MAX_TITLES = 50
#: Most continuation rounds followed for one query (a guard against a looping server).
MAX_CONTINUATIONS = 20

_PAGE_PROPS = "extracts|pageprops|description|info"

#: A JSON escape of a surrogate (``\\ud800``): the parsed text may hold a lone one.
_ESCAPED_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

#: httpx errors after which the server was reached but the answer broke off.
_LOST = (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)


_HOST_LOCKS: dict[str, threading.Lock] = {}
_HOST_LOCKS_GUARD = threading.Lock()


def _host_lock(host: str) -> threading.Lock:
    with _HOST_LOCKS_GUARD:
        return _HOST_LOCKS.setdefault(host, threading.Lock())


class _Transport(wikipediaapi.SyncHTTPClient):
    """wikipedia-api's blocking httpx client, with the endpoint from a URL template.

    One attempt per call: :meth:`get_json` translates every httpx failure into the library's
    typed errors and also treats ``maxlag``/``ratelimited`` error answers as rate limits.
    """

    def __init__(self, api_url: str, agent: str, timeout: float) -> None:
        super().__init__(user_agent=agent, language="en", max_retries=0, timeout=timeout)
        self._api_url = api_url

    @property
    def headers(self) -> Mapping[str, str]:
        """The headers sent with every request."""
        return dict(self._client.headers)

    def _build_url(self, language: str) -> str:
        return self._api_url.replace("{lang}", language)

    def get_json(self, language: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """One GET; the parsed JSON object, or a typed error."""
        url = self._build_url(language)
        try:
            response = self._client.get(url, params=dict(params))
        except httpx.TimeoutException as err:
            raise errors.WikiHttpTimeoutError(url) from err
        except _LOST as err:  # a dropped connection: not a sign of being offline
            raise ConnectionLost(url) from err
        except httpx.HTTPError as err:  # connect errors, dropped connections, bad answers
            raise errors.WikiConnectionError(url) from err
        try:
            data = self._process_response(response, url)
        except RecursionError:  # JSON nested too deeply for the parser
            raise errors.WikiInvalidJsonError(url) from None
        if not isinstance(data, dict):
            raise errors.WikiInvalidJsonError(url)
        if _ESCAPED_SURROGATE.search(response.content):
            data = _without_lone_surrogates(data)  # UTF-8 (and so SQLite) cannot store them
        error = data.get("error")
        if isinstance(error, dict):
            code = str(error.get("code", "unknown"))
            if code in ("maxlag", "ratelimited"):
                raise WikiRateLimitError(url, _retry_after(response.headers.get("Retry-After"),
                                                           5))
            raise ApiError(code, str(error.get("info", "")), url)
        return data


def _without_lone_surrogates(value: Any) -> Any:
    """Parsed JSON with every lone surrogate replaced by U+FFFD."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_without_lone_surrogates(k): _without_lone_surrogates(v)
                for k, v in value.items()}
    return value


def _retry_after(value: str | None, default: int | None = None) -> int | None:
    if value and value.strip().isdigit():
        return int(value.strip())
    return default


def _retryable(exc: WikipediaException) -> bool:
    if isinstance(exc, WikiRateLimitError):
        return True
    if isinstance(exc, errors.WikiHttpError):
        return exc.status_code >= 500
    return isinstance(exc, (errors.WikiHttpTimeoutError, errors.WikiConnectionError,
                            errors.WikiInvalidJsonError,
                            ConnectionLost))


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class WikiClient:
    """Batched ``action=query`` calls against one MediaWiki (any language).

    ``sleep`` is called for backoff waits (tests pass a fake one). ``requests`` counts the
    HTTP requests made (attempts, including retries).
    """

    def __init__(self, settings: GlossarySettings, *,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings
        self._transport = _Transport(settings.api_url, user_agent(settings.contact),
                                     settings.timeout)
        self._sleep = sleep
        self.requests = 0
        self._count_lock = threading.Lock()
        #: Host -> monotonic time before which we must not ask it (after a long rate limit).
        self._blocked_until: dict[str, float] = {}

    @property
    def user_agent(self) -> str:
        """The full User-Agent header sent."""
        return self._transport.headers.get("user-agent", "")

    def close(self) -> None:
        """Close the HTTP session."""
        self._transport._client.close()

    def endpoint(self, lang: str) -> str:
        """The API URL for a language."""
        return self.settings.api_url.replace("{lang}", lang)

    def blocked_for(self, lang: str) -> float:
        """Seconds until the host of ``lang`` may be asked again after a rate limit (0: now)."""
        until = self._blocked_until.get(host_of(self.endpoint(lang)), 0.0)
        return max(0.0, until - time.monotonic())

    # -- requests ----------------------------------------------------------------------

    def query(self, lang: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """One ``action=query`` request with retries; raises the typed errors."""
        full = {"action": "query", "format": "json", "formatversion": "2",
                "maxlag": str(self.settings.maxlag), **params}
        host = host_of(self.endpoint(lang))
        with _host_lock(host):
            attempt = 0
            while True:
                blocked = self._blocked_until.get(host, 0.0) - time.monotonic()
                if blocked > 0:
                    raise WikiRateLimitError(self.endpoint(lang), max(1, round(blocked)))
                with self._count_lock:
                    self.requests += 1
                try:
                    return self._transport.get_json(lang, full)
                except WikipediaException as exc:
                    wait = self._wait_before_retry(exc, attempt, host)
                    if wait is None:
                        log.warning("glossary request failed: %s", describe_error(exc))
                        raise
                    log.info("glossary request failed (%s); retrying in %.2f s",
                             describe_error(exc), wait)
                    self._sleep(wait)
                    attempt += 1

    def _wait_before_retry(self, exc: WikipediaException, attempt: int,
                           host: str) -> float | None:
        """Seconds to wait before retrying, or None to give up (re-raise)."""
        if not _retryable(exc):
            return None
        if isinstance(exc, WikiRateLimitError):
            wait = (float(exc.retry_after) if exc.retry_after is not None
                    else self.settings.retry_wait * 2 ** attempt)
            if attempt >= self.settings.max_retries or wait > self.settings.max_retry_after:
                self._blocked_until[host] = time.monotonic() + wait
                return None
            return wait
        if attempt >= self.settings.max_retries:
            return None
        return float(self.settings.retry_wait * 2 ** attempt)

    def _query_all(self, lang: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """A query with its continuations merged: pages by title, normalised, redirects."""
        pages: dict[str, dict[str, Any]] = {}
        normalized: list[dict[str, Any]] = []
        redirects: list[dict[str, Any]] = []
        cont: dict[str, Any] = {}
        for _ in range(MAX_CONTINUATIONS):
            data = self.query(lang, {**params, **cont})
            q = data.get("query", {}) or {}
            normalized.extend(q.get("normalized", []) or [])
            redirects.extend(q.get("redirects", []) or [])
            for raw in q.get("pages", []) or []:
                title = str(raw.get("title", ""))
                into = pages.setdefault(title, {})
                for key, value in raw.items():
                    if isinstance(value, list) and isinstance(into.get(key), list):
                        into[key].extend(value)
                    elif isinstance(value, dict) and isinstance(into.get(key), dict):
                        into[key].update(value)
                    elif key not in into or not into[key]:
                        into[key] = value
            raw_cont = data.get("continue")
            if not isinstance(raw_cont, dict):
                break
            cont = {str(k): v for k, v in raw_cont.items()}
        else:
            log.warning("glossary: gave up following continuations of %s", params)
        return {"pages": pages, "normalized": normalized, "redirects": redirects}

    def _page_params(self, lang: str, langlinks: str) -> dict[str, Any]:
        params: dict[str, Any] = {
            "prop": _PAGE_PROPS + ("|langlinks" if langlinks else ""),
            "exintro": "1", "explaintext": "1",
            "exlimit": "max", "ppprop": "disambiguation|wikibase_item", "inprop": "url",
            "redirects": "1",
        }
        if langlinks:
            params.update({"lllang": langlinks, "lllimit": "max"})
        return params

    def _page(self, lang: str, raw: Mapping[str, Any]) -> Page:
        props = raw.get("pageprops") or {}
        links = {str(item.get("lang")): str(item.get("title"))
                 for item in raw.get("langlinks", []) or [] if item.get("title")}
        missing = bool(raw.get("missing") or raw.get("invalid"))
        return Page(
            title=str(raw.get("title", "")), lang=lang, exists=not missing,
            description=str(raw.get("description", "") or ""),
            extract=text.cap(str(raw.get("extract", "") or "")),
            url=str(raw.get("canonicalurl") or raw.get("fullurl") or ""),
            wikidata_id=str(props.get("wikibase_item", "") or ""),
            disambiguation="disambiguation" in props, langlinks=links,
        )

    def fetch_pages(self, lang: str, titles: Iterable[str], *,
                    langlinks: str = "") -> dict[str, Resolution]:
        """Resolve titles (normalisation, redirect chains) and fetch their pages, batched.

        Returns a :class:`Resolution` for every requested title; missing pages have
        ``page.exists == False``. ``langlinks`` asks for the titles in that language too.
        """
        wanted = list(dict.fromkeys(t for t in titles if t.strip()))
        result: dict[str, Resolution] = {}
        size = max(1, min(self.settings.batch_size, MAX_TITLES))
        for batch in _chunks([t for t in wanted if "|" not in t], size):
            merged = self._query_all(lang, {**self._page_params(lang, langlinks),
                                            "titles": "|".join(batch)})
            result.update(self._resolve_batch(lang, batch, merged))
        for title in wanted:
            if title not in result:  # contains "|": not a valid title
                result[title] = Resolution(title, Page(title, lang, exists=False), (title,))
        return result

    def _resolve_batch(self, lang: str, batch: Sequence[str],
                       merged: Mapping[str, Any]) -> dict[str, Resolution]:
        norm = {str(n.get("from")): str(n.get("to")) for n in merged["normalized"]}
        redirects = {str(r.get("from")): str(r.get("to")) for r in merged["redirects"]}
        fragments = {str(r.get("from")): str(r.get("tofragment") or "")
                     for r in merged["redirects"]}
        pages = merged["pages"]
        out: dict[str, Resolution] = {}
        for title in batch:
            path = [title]
            current = norm.get(title, title)
            if current != title:
                path.append(current)
            loop = False
            fragment = ""
            while current in redirects:
                nxt = redirects[current]
                if nxt in path:
                    loop = True
                    break
                fragment = fragments.get(current) or fragment
                path.append(nxt)
                current = nxt
            raw = pages.get(current)
            if loop or raw is None:
                page = Page(current, lang, exists=False)
            else:
                page = self._page(lang, raw)
            out[title] = Resolution(title, page, tuple(path), loop,
                                    norm.get(title) if title in norm else None, fragment)
        return out

    def links(self, lang: str, titles: Iterable[str]) -> dict[str, list[str]]:
        """Article links (namespace 0) of pages, e.g. the entries of disambiguation pages."""
        wanted = list(dict.fromkeys(titles))
        out: dict[str, list[str]] = {t: [] for t in wanted}
        for batch in _chunks(wanted, MAX_TITLES):
            merged = self._query_all(lang, {"prop": "links", "plnamespace": "0",
                                            "pllimit": "max", "titles": "|".join(batch)})
            for title, raw in merged["pages"].items():
                linked = [str(item.get("title")) for item in raw.get("links", []) or []]
                out[title] = list(dict.fromkeys(t for t in linked if t and t != title))
        return out

    def search(self, lang: str, text: str, limit: int = 5) -> list[Page]:
        """Full-text search (``generator=search``): the best pages for ``text``, in rank order."""
        params = {**self._page_params(lang, ""), "generator": "search", "gsrsearch": text,
                  "gsrnamespace": "0", "gsrlimit": str(limit)}
        merged = self._query_all(lang, params)
        ranked = sorted(merged["pages"].values(), key=lambda raw: int(raw.get("index", 0)))
        return [self._page(lang, raw) for raw in ranked]


@contextlib.contextmanager
def open_client(settings: GlossarySettings) -> Iterator[WikiClient]:
    """A client closed on exit."""
    client = WikiClient(settings)
    try:
        yield client
    finally:
        client.close()
