"""A local feed server for tests and trials (real HTTP on 127.0.0.1).

It serves the feeds, pages and OPML file of ``tests/feed_fixtures.py`` (written for these
tests) and answers conditional GETs: every feed has an ``ETag`` and a ``Last-Modified``
header, and a request with a matching ``If-None-Match`` or an ``If-Modified-Since`` that is
not older gets ``304 Not Modified``. ``/viele.xml`` is a generated feed of 300 entries
(for long lists). Any other path answers 404.

Use from tests::

    with FeedServer() as server:
        server.url("/rss.xml")           # "http://127.0.0.1:PORT/rss.xml"
        server.set_feed("/rss.xml", body)  # replace a feed (new ETag and Last-Modified)
        server.set_status("/rss.xml", 500)  # answer this path with an error status
        server.set_latency(0.05)         # seconds added to every request
        server.requests                  # [Request(path, status, headers)]
        server.reset()

Run it by hand: ``python tests/feed_server.py --port 8766`` then
``reader feed add http://127.0.0.1:8766/rss.xml``.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler
from typing import Any

from feed_fixtures import FEEDS, OPML, PAGE, PAGES, big_feed
from quiet_http import LocalServer  # tests/ is on sys.path

#: The Last-Modified time of the fixture feeds.
FIXED_TIME = 1_796_112_000.0  # 2026-12-01T08:00:00Z


@dataclass(frozen=True)
class Request:
    """One request the server answered."""

    path: str
    status: int
    headers: dict[str, str]


@dataclass
class _Doc:
    body: bytes
    content_type: str
    modified: float

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


class FeedServer(LocalServer):
    """The server; start it with ``with`` or :meth:`start`."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self._lock = threading.Lock()
        self.requests: list[Request] = []
        self._docs: dict[str, _Doc] = {}
        self._status: dict[str, int] = {}
        self._latency = 0.0
        #: Print each request on standard output (when run by hand).
        self.verbose = False
        self._serve(host, port, self._handler())
        self.reset()

    # -- content ------------------------------------------------------------------------
    def reset(self) -> None:
        """The fixture content again; no latency, no forced status, an empty request log."""
        with self._lock:
            self.requests.clear()
            self._status.clear()
            self._latency = 0.0
            self._docs = {}
            for path, body in FEEDS.items():
                self._docs[path] = self._doc(body, "application/rss+xml" if "rss" in path
                                             else "application/xml")
            self._docs["/feeds.opml"] = self._doc(OPML, "text/x-opml")
            self._docs["/viele.xml"] = self._doc(big_feed(), "application/rss+xml")
            for path, (title, text) in PAGES.items():
                self._docs[path] = self._doc(PAGE.format(title=title, body=text),
                                             "text/html; charset=utf-8")

    def _doc(self, template: str, content_type: str, modified: float = FIXED_TIME) -> _Doc:
        body = template.replace("{base}", self.base_url).encode("utf-8")
        return _Doc(body, content_type, modified)

    def set_feed(self, path: str, template: str, content_type: str = "application/xml") -> None:
        """Serve ``template`` (``{base}`` replaced) at ``path``, modified now."""
        with self._lock:
            self._docs[path] = self._doc(template, content_type, time.time())

    def set_status(self, path: str, status: int) -> None:
        """Answer ``path`` with ``status`` (and no content) until :meth:`reset`."""
        with self._lock:
            self._status[path] = status

    def set_latency(self, seconds: float) -> None:
        """Delay every answer by ``seconds``."""
        self._latency = seconds

    def count(self, path: str, status: int | None = None) -> int:
        """Requests of ``path`` (answered with ``status``, if given)."""
        return sum(1 for r in self.requests
                   if r.path == path and (status is None or r.status == status))

    # -- HTTP -----------------------------------------------------------------------------
    def _answer(self, path: str, headers: dict[str, str]) -> tuple[int, _Doc | None]:
        with self._lock:
            status = self._status.get(path)
            doc = self._docs.get(path)
        if status is not None:
            return status, None
        if doc is None:
            return 404, None
        if headers.get("if-none-match") == doc.etag:
            return 304, doc
        since = headers.get("if-modified-since")
        if since and "if-none-match" not in headers:
            try:
                if parsedate_to_datetime(since).timestamp() >= int(doc.modified):
                    return 304, doc
            except (TypeError, ValueError):
                pass
        return 200, doc

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                if server._latency:
                    time.sleep(server._latency)
                path = self.path.split("?", 1)[0]
                headers = {k.lower(): v for k, v in self.headers.items()}
                status, doc = server._answer(path, headers)
                with server._lock:
                    server.requests.append(Request(path, status, headers))
                if server.verbose:
                    print(f"{time.strftime('%H:%M:%S')} GET {path} {status}", flush=True)
                body = doc.body if doc is not None and status == 200 else b""
                self.send_response(status)
                if doc is not None:
                    self.send_header("ETag", doc.etag)
                    self.send_header("Last-Modified", formatdate(doc.modified, usegmt=True))
                    if status == 200:
                        self.send_header("Content-Type", doc.content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler


def main() -> None:
    """Run the server in the foreground (for trying reader by hand)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--latency", type=float, default=0.0)
    args = parser.parse_args()
    server = FeedServer(port=args.port)
    server.set_latency(args.latency)
    server.verbose = True
    print(f"serving feeds at {server.base_url}/rss.xml, /atom.xml, /feeds.opml", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server._httpd.serve_forever()


if __name__ == "__main__":
    main()
