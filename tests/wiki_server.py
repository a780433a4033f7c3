"""A local MediaWiki action API server for tests and benchmarks (real HTTP on 127.0.0.1).

It implements the subset of ``api.php?action=query`` that the glossary client uses, with
``formatversion=2`` JSON answers, over pages we wrote ourselves (``tests/fixtures/wiki/*.json``):

- ``titles=A|B|C`` (batched), title normalisation (``nato`` -> ``Nato``, underscores,
  spaces), ``redirects`` with chains (and loops, which stop where they come back),
  missing and invalid titles;
- ``prop=extracts`` (``exintro``, ``explaintext``, ``exsentences``, at most 20 extracts per
  request with ``continue``/``excontinue`` as TextExtracts does), ``pageprops``
  (``ppprop``: ``disambiguation``, ``wikibase_item``), ``description``, ``info``
  (``inprop=url``), ``langlinks`` (``lllang``), ``links`` (``plnamespace``);
- ``list=search`` and ``generator=search`` (all words must occur; ``gsrlimit``/``srlimit``).

Use from tests (the ``wiki_server`` fixture of ``tests/conftest.py`` gives a started server,
reset before each test)::

    server.api_url                      # "http://127.0.0.1:PORT/{lang}/w/api.php"
    server.set_latency(0.1)             # seconds added to every request
    server.set_fault("429", retry_after=1, times=2)   # next 2 requests answer 429
    server.set_fault("500")             # every request answers 500 until cleared
    server.set_fault("drop", times=1, after=2)        # the 3rd request is dropped
    server.clear_faults()               # faults and latency off
    server.request_count                # requests answered (including faulty ones)
    server.max_concurrency              # most requests in flight at once
    server.requests                     # [RequestRecord(lang, params, headers, fault)]
    server.reset()                      # faults, latency, request log, add_page() undone
    server.add_page("de", "Titel", description="...", extract="...")  # more pages

Fault kinds (:data:`FAULTS`): ``"429"`` (Too Many Requests, ``Retry-After`` header if
``retry_after`` is given), ``"maxlag"`` (HTTP 200 with a ``maxlag`` error object and
``Retry-After``), ``"500"``, ``"malformed"`` (HTTP 200 with a truncated JSON body),
``"drop"`` (the connection is closed without an answer), ``"hang"`` (the answer comes after
``delay`` seconds, default 5: for client timeouts). ``times=None`` keeps a fault on until
:meth:`WikiServer.clear_faults`; ``times=N`` applies it to the next N requests only.

Fixture content that exercises the client: a disambiguation page ``Koalition der Willigen``
(2003 Iraq war vs. 2025 Ukraine support), redirects ``Peskow``, ``NATO``, a chain
``Nato-Bündnis`` -> ``NATO`` -> ``Nato``, a loop ``Schleife A`` <-> ``Schleife B``, a
redirect to a section (``Nato-Gipfel`` -> ``Nato#Gipfeltreffen``), intros with ordinals,
dates, abbreviations and parentheses where a naive ``exsentences`` cuts (``Donald Trump``,
``Wladimir Putin``), a
self-linking disambiguation page ``Spiegel (Begriffsklärung)``, English-only pages.

Run it by hand: ``python tests/wiki_server.py --port 8765 --latency 0.1``, then e.g.
``READER_API_URL='http://127.0.0.1:8765/{lang}/w/api.php' reader lookup Nato``.
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from quiet_http import LocalServer  # tests/ is on sys.path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "wiki"

#: The fault kinds of :meth:`WikiServer.set_fault`.
FAULTS = ("429", "maxlag", "500", "malformed", "drop", "hang")

#: TextExtracts returns at most this many extracts per request.
EXTRACT_LIMIT = 20

_INVALID = re.compile(r"[#<>\[\]{}|]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9„\"])")
_WORD = re.compile(r"\w+")


@dataclass
class RequestRecord:
    """One request the server answered."""

    lang: str
    params: dict[str, str]
    headers: dict[str, str]
    fault: str = ""


@dataclass
class _Fault:
    kind: str
    retry_after: int | None = None
    times: int | None = None
    delay: float = 5.0
    after: int = 0


@dataclass
class _Wiki:
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)


def normalise_title(title: str) -> str:
    """MediaWiki-style normalisation: underscores and runs of spaces, first letter upper."""
    text = unicodedata.normalize("NFC", title).replace("_", " ")
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]


def _sentences(text: str, count: int) -> str:
    parts = _SENTENCE_END.split(text.strip())
    return " ".join(parts[:count]) if count > 0 else text.strip()


class WikiServer(LocalServer):
    """A threaded HTTP server speaking a MediaWiki action API subset (see the module doc)."""

    def __init__(self, fixtures: Path = FIXTURES, host: str = "127.0.0.1", port: int = 0) -> None:
        self._fixtures = fixtures
        self._wikis: dict[str, _Wiki] = {}
        self._load_fixtures()
        self._lock = threading.Lock()
        self._faults: list[_Fault] = []
        self._latency = 0.0
        self.requests: list[RequestRecord] = []
        #: Most requests ever handled at the same time (1 for a polite, serial client).
        self.max_concurrency = 0
        self._in_flight = 0
        self._serve(host, port, _handler_for(self))

    # -- lifecycle ---------------------------------------------------------------------

    @property
    def api_url(self) -> str:
        """The API URL template with ``{lang}``."""
        return self.base_url + "/{lang}/w/api.php"

    # -- control -----------------------------------------------------------------------

    def set_latency(self, seconds: float) -> None:
        """Add ``seconds`` to every request."""
        self._latency = max(0.0, seconds)

    def set_fault(self, kind: str, *, retry_after: int | None = None, times: int | None = None,
                  delay: float = 5.0, after: int = 0) -> None:
        """Make requests fail (see :data:`FAULTS`); replaces any current fault.

        ``after=N`` lets the next N requests pass before the fault starts.
        """
        if kind not in FAULTS:
            raise ValueError(f"unknown fault {kind!r}; one of {', '.join(FAULTS)}")
        with self._lock:
            self._faults = [_Fault(kind, retry_after, times, delay, after)]

    def clear_faults(self) -> None:
        """No more faults, no latency."""
        with self._lock:
            self._faults = []
        self._latency = 0.0

    def _load_fixtures(self) -> None:
        wikis: dict[str, _Wiki] = {}
        for path in sorted(self._fixtures.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            wikis[path.stem] = _Wiki(dict(data.get("pages", {})),
                                     dict(data.get("redirects", {})))
        self._wikis = wikis

    def reset(self) -> None:
        """Faults, latency and the request log cleared; pages back to the fixture files."""
        self.clear_faults()
        self._load_fixtures()
        with self._lock:
            self.requests = []
            self.max_concurrency = 0

    @property
    def request_count(self) -> int:
        """Requests answered so far."""
        with self._lock:
            return len(self.requests)

    def add_page(self, lang: str, title: str, **fields: Any) -> None:
        """Add or replace a page (fields as in the fixture files); ``redirect=T`` for a redirect."""
        wiki = self._wikis.setdefault(lang, _Wiki())
        if "redirect" in fields:
            wiki.redirects[title] = str(fields["redirect"])
        else:
            wiki.pages[title] = dict(fields)

    def _take_fault(self) -> _Fault | None:
        with self._lock:
            if not self._faults:
                return None
            fault = self._faults[0]
            if fault.after > 0:
                fault.after -= 1
                return None
            if fault.times is not None:
                fault.times -= 1
                if fault.times <= 0:
                    self._faults.pop(0)
            return fault

    def _record(self, record: RequestRecord) -> None:
        with self._lock:
            self.requests.append(record)

    def _enter(self, delta: int) -> None:
        with self._lock:
            self._in_flight += delta
            self.max_concurrency = max(self.max_concurrency, self._in_flight)

    # -- the API -----------------------------------------------------------------------

    def answer(self, lang: str, params: dict[str, str]) -> dict[str, Any]:
        """The JSON answer to an API request (no faults)."""
        wiki = self._wikis.get(lang)
        if wiki is None:
            return {"error": {"code": "nosuchwiki", "info": f"no wiki for {lang!r}"}}
        if params.get("action") != "query":
            return {"error": {"code": "badvalue", "info": "only action=query is served"}}
        query: dict[str, Any] = {}
        answer: dict[str, Any] = {"batchcomplete": True, "query": query}
        titles: list[str] = []
        index: dict[str, int] = {}
        if params.get("generator") == "search":
            found = self._search(wiki, params.get("gsrsearch", ""),
                                 _limit(params.get("gsrlimit"), 10))
            titles = found
            index = {t: i + 1 for i, t in enumerate(found)}
        elif "titles" in params:
            titles = params["titles"].split("|")
        if params.get("list") == "search":
            found = self._search(wiki, params.get("srsearch", ""),
                                 _limit(params.get("srlimit"), 10))
            query["searchinfo"] = {"totalhits": len(found)}
            query["search"] = [{"ns": 0, "title": t, "pageid": self._pageid(lang, t)}
                               for t in found]
        if titles:
            query["pages"] = self._pages(lang, wiki, titles, params, query, answer, index)
        if not query:
            answer.pop("query")
        return answer

    def _pageid(self, lang: str, title: str) -> int:
        names = sorted(self._wikis[lang].pages)
        return names.index(title) + 1 if title in names else 0

    def _pages(self, lang: str, wiki: _Wiki, titles: list[str], params: dict[str, str],
               query: dict[str, Any], answer: dict[str, Any],
               index: dict[str, int]) -> list[dict[str, Any]]:
        normalized: list[dict[str, Any]] = []
        redirects: list[dict[str, str]] = []
        seen_hops: set[tuple[str, str]] = set()
        targets: list[tuple[str, bool]] = []  # (title, is an unresolved redirect)
        for raw in titles:
            title = normalise_title(raw)
            if not title or _INVALID.search(title):
                targets.append((raw, False))
                continue
            if title != raw:
                normalized.append({"fromencoded": False, "from": raw, "to": title})
            unresolved = False
            if "redirects" in params:
                visited = [title]
                while title in wiki.redirects:
                    target, _, fragment = wiki.redirects[title].partition("#")
                    if (title, target) not in seen_hops:
                        seen_hops.add((title, target))
                        hop = {"from": title, "to": target}
                        if fragment:  # a redirect to a section ("Page#Section")
                            hop["tofragment"] = fragment
                        redirects.append(hop)
                    if target in visited:  # a loop: stop on a redirect page
                        unresolved = True
                        break
                    visited.append(target)
                    title = target
            else:
                unresolved = title in wiki.redirects
            targets.append((title, unresolved))
        if normalized:
            query["normalized"] = normalized
        if redirects:
            query["redirects"] = redirects
        props = set(params.get("prop", "").split("|")) - {""}
        out: list[dict[str, Any]] = []
        unique = list(dict.fromkeys(targets))
        start = int(params.get("excontinue", "0") or 0)
        with_extract = 0
        for position, (title, unresolved) in enumerate(unique):
            if not title or _INVALID.search(title):
                out.append({"title": title, "invalid": True,
                            "invalidreason": "The requested page title is invalid."})
                continue
            page = wiki.pages.get(title)
            is_redirect = title in wiki.redirects
            if page is None and not is_redirect:
                out.append({"ns": 0, "title": title, "missing": True})
                continue
            page = page or {}
            item: dict[str, Any] = {"pageid": self._pageid(lang, title), "ns": 0, "title": title}
            if title in index:
                item["index"] = index[title]
            if "extracts" in props and position >= start and not unresolved:
                if with_extract < EXTRACT_LIMIT:
                    text = str(page.get("extract", ""))
                    count = _limit(params.get("exsentences"), 0)
                    item["extract"] = _sentences(text, count)
                    with_extract += 1
                elif "continue" not in answer:
                    answer["continue"] = {"excontinue": position, "continue": "||"}
                    answer.pop("batchcomplete", None)
            if "pageprops" in props:
                wanted = set(params.get("ppprop", "disambiguation|wikibase_item").split("|"))
                pageprops: dict[str, str] = {}
                if page.get("disambiguation") and "disambiguation" in wanted:
                    pageprops["disambiguation"] = ""
                if page.get("wikidata") and "wikibase_item" in wanted:
                    pageprops["wikibase_item"] = str(page["wikidata"])
                if pageprops:
                    item["pageprops"] = pageprops
            if "description" in props and page.get("description"):
                item["description"] = page["description"]
                item["descriptionsource"] = "local"
            if "info" in props:
                item.update({"contentmodel": "wikitext", "pagelanguage": lang,
                             "length": len(str(page.get("extract", "")))})
                if unresolved or (is_redirect and "redirects" not in params):
                    item["redirect"] = True
                if "url" in params.get("inprop", ""):
                    url = f"{self.base_url}/{lang}/wiki/{quote(title.replace(' ', '_'))}"
                    item.update({"fullurl": url, "canonicalurl": url,
                                 "editurl": url + "?action=edit"})
            if "langlinks" in props:
                links = page.get("langlinks", {})
                only = params.get("lllang")
                item["langlinks"] = [{"lang": code, "title": t} for code, t in links.items()
                                     if not only or code == only]
            if "links" in props:
                item["links"] = [{"ns": 0, "title": t} for t in page.get("links", [])]
            out.append(item)
        return out

    def _search(self, wiki: _Wiki, text: str, limit: int) -> list[str]:
        words = [w.lower() for w in _WORD.findall(text)]
        if not words:
            return []
        scored: list[tuple[int, str]] = []
        for title, page in wiki.pages.items():
            title_words = [w.lower() for w in _WORD.findall(title)]
            body = [w.lower() for w in _WORD.findall(
                f"{page.get('description', '')} {page.get('extract', '')}")]
            score = 0
            for word in words:
                in_title = any(t.startswith(word) for t in title_words)
                in_body = any(b.startswith(word) for b in body)
                if not (in_title or in_body):
                    break
                score += 3 if in_title else 1
            else:
                scored.append((-score, title))
        return [title for _, title in sorted(scored)[:limit]]


def _limit(value: str | None, default: int) -> int:
    if value is None:
        return default
    if value == "max":
        return 500
    try:
        return max(0, int(value))
    except ValueError:
        return default


def _handler_for(server: WikiServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            segments = parts.path.strip("/").split("/")
            lang = segments[0] if len(segments) >= 2 and segments[-1] == "api.php" else ""
            params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
            fault = server._take_fault()
            server._record(RequestRecord(lang, params, dict(self.headers.items()),
                                         fault.kind if fault else ""))
            server._enter(1)  # counted while "working", before any byte of the answer
            try:
                if server._latency:
                    time.sleep(server._latency)
            finally:
                server._enter(-1)
            if not lang:
                self._send(404, b"not an api.php path", "text/plain")
                return
            if fault is not None and self._fault(fault):
                return
            body = json.dumps(server.answer(lang, params), ensure_ascii=False).encode()
            self._send(200, body)

        def _fault(self, fault: _Fault) -> bool:
            """Answer with a fault; True if the request is done."""
            headers = {}
            if fault.retry_after is not None:
                headers["Retry-After"] = str(fault.retry_after)
            if fault.kind == "429":
                self._send(429, b"Too Many Requests", "text/plain", headers)
            elif fault.kind == "maxlag":
                headers.setdefault("Retry-After", "5")
                headers["X-Database-Lag"] = "7"
                body = {"error": {"code": "maxlag", "info": "Waiting for a database server: "
                                  "7 seconds lagged.", "lag": 7}}
                self._send(200, json.dumps(body).encode(), extra=headers)
            elif fault.kind == "500":
                self._send(500, b"Internal Server Error", "text/plain")
            elif fault.kind == "malformed":
                self._send(200, b'{"batchcomplete": true, "query": {"pages": [{"tit')
            elif fault.kind == "drop":
                self.close_connection = True
            elif fault.kind == "hang":
                time.sleep(fault.delay)
                return False
            return True

        def _send(self, status: int, body: bytes, ctype: str = "application/json",
                  extra: dict[str, str] | None = None) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", f"{ctype}; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                for key, value in (extra or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)
            except OSError:  # the client went away (e.g. it timed out)
                self.close_connection = True

    return Handler


def main() -> None:
    """Serve the fixture wiki until interrupted."""
    parser = argparse.ArgumentParser(description="Local MediaWiki action API test server")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds per request")
    args = parser.parse_args()
    server = WikiServer(port=args.port)
    server.set_latency(args.latency)
    print(f"serving {server.api_url} (Ctrl-C to stop)", flush=True)
    server.start()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
