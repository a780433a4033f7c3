"""A local news web site for tests and benchmarks (real HTTP on 127.0.0.1).

It serves the pages of tests/news_pages.py and tests/news_pages_extra.py (our own texts,
built like German news sites) with their content type and charset, gzip-compressed when
the client accepts it, and these faults:

- ``/status/404``, ``/status/500`` (any code): an error page with that status;
- ``/hang``: answers after ``hang_seconds`` (default 3 s), for client timeouts;
- ``/trickle``: a few bytes every 0.1 s for ``hang_seconds`` (no read ever times out);
- ``/loop``: redirects to ``/loop/1``, which redirects back (a redirect loop);
- ``/redirect/N``: a chain of N redirects ending at the broadcaster page;
- ``/big``: a gzip body that unpacks to 17 MiB (over the 16 MiB limit);
- ``/big-declared``: ``Content-Length`` of 20 MiB announced (the body never comes);
- ``/doc.pdf``: a PDF; ``/bild.png``: a PNG; ``/feed.xml``: an RSS feed as ``text/xml``;
- ``/notiz.txt``: a plain-text article; ``/notiz``: the same without a ``Content-Type``.

Use from tests (the ``news_server`` fixture of tests/web/conftest.py)::

    server.url("/land/haushalt-familien")  # "http://127.0.0.1:PORT/land/haushalt-familien"
    server.pages                           # {path: Page} with the gold standard
    server.requests                        # [(path, headers)] answered
    server.refused_url()                   # a URL on a port where nothing listens

Run it by hand: ``python tests/news_server.py --port 8766``.
"""

from __future__ import annotations

import argparse
import gzip
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import urlsplit

from news_pages import Page
from news_pages_extra import all_pages
from quiet_http import LocalServer  # tests/ is on sys.path

PLAIN_TEXT = ("Notiz der Redaktion\n\nDie Sitzung des Gemeinderats beginnt heute erst um "
              "neunzehn Uhr. Die Tagesordnung bleibt unverändert.\n\nFragen der Bürger "
              "werden wie immer zu Beginn der Sitzung beantwortet.\n")


class NewsServer(LocalServer):
    """The test news site on a free port of 127.0.0.1 (``with NewsServer() as server``)."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, hang_seconds: float = 3.0) -> None:
        self.pages: dict[str, Page] = {page.path: page for page in all_pages()}
        self.hang_seconds = hang_seconds
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._serve(host, port, self._handler())

    @staticmethod
    def refused_url() -> str:
        """A URL of a local port that nothing listens on (connection refused)."""
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        return f"http://127.0.0.1:{port}/artikel"

    def stop(self) -> None:
        """Stop serving and close the socket (hanging answers are released)."""
        self._stop.set()
        super().stop()

    def reset(self) -> None:
        """Forget the request log."""
        with self._lock:
            self.requests.clear()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                with server._lock:
                    server.requests.append((path, {k.lower(): v for k, v in self.headers.items()}))
                server._answer(self, path)

        return Handler

    def _send(self, handler: BaseHTTPRequestHandler, status: int, body: bytes,
              content_type: str, headers: dict[str, str] | None = None,
              compress: bool = True) -> None:
        accepts = "gzip" in handler.headers.get("Accept-Encoding", "")
        extra = dict(headers or {})
        if compress and accepts and body:
            body = gzip.compress(body, mtime=0)
            extra["Content-Encoding"] = "gzip"
        handler.send_response(status)
        if content_type:
            handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        for name, value in extra.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)

    def _trickle(self, handler: BaseHTTPRequestHandler) -> None:
        """A page that arrives a few bytes every 0.1 s, for ``hang_seconds``."""
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        deadline = time.monotonic() + self.hang_seconds
        try:
            while time.monotonic() < deadline and not self._stop.wait(0.1):
                handler.wfile.write(b"<p>weiter</p>\n")
                handler.wfile.flush()
        except OSError:  # the client gave up
            pass
        handler.close_connection = True

    def _redirect(self, handler: BaseHTTPRequestHandler, target: str) -> None:
        self._send(handler, 302, b"", "text/html", {"Location": target})

    def _answer(self, handler: BaseHTTPRequestHandler, path: str) -> None:
        page = self.pages.get(path)
        if page is not None:
            self._send(handler, 200, page.body(), page.content_type, page.headers)
        elif path.startswith("/status/") and path[8:].isdigit():
            self._send(handler, int(path[8:]), b"<html><body><h1>Fehler</h1></body></html>",
                       "text/html; charset=utf-8")
        elif path == "/hang":
            self._stop.wait(self.hang_seconds)
            self._send(handler, 200, b"<html><body><p>zu spaet</p></body></html>", "text/html")
        elif path == "/trickle":
            self._trickle(handler)
        elif path in ("/loop", "/loop/1"):
            self._redirect(handler, "/loop/1" if path == "/loop" else "/loop")
        elif path.startswith("/redirect/") and path[10:].isdigit():
            left = int(path[10:])
            self._redirect(handler, f"/redirect/{left - 1}" if left > 1
                           else next(iter(self.pages)))
        elif path == "/big":
            body = gzip.compress(b"<html><body><p>" + b" " * (17 * 1024 * 1024), mtime=0)
            self._send(handler, 200, body, "text/html", {"Content-Encoding": "gzip"},
                       compress=False)
        elif path == "/big-declared":
            handler.send_response(200)
            handler.send_header("Content-Type", "text/html")
            handler.send_header("Content-Length", str(20 * 1024 * 1024))
            handler.end_headers()
            handler.wfile.write(b"<html>")
        elif path == "/doc.pdf":
            self._send(handler, 200, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "application/pdf")
        elif path == "/bild.png":
            self._send(handler, 200, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png")
        elif path == "/notiz.txt":
            self._send(handler, 200, PLAIN_TEXT.encode(), "text/plain; charset=utf-8")
        elif path == "/notiz":  # no Content-Type at all
            self._send(handler, 200, PLAIN_TEXT.encode(), "")
        elif path == "/feed.xml":
            self._send(handler, 200, b'<?xml version="1.0"?><rss version="2.0"><channel>'
                       b"<title>Nachrichten</title></channel></rss>", "text/xml")
        else:
            self._send(handler, 404, b"<html><body>Nicht gefunden</body></html>", "text/html")


def main() -> None:
    """Serve the site until interrupted."""
    parser = argparse.ArgumentParser(description="local news test site")
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()
    with NewsServer(port=args.port) as server:
        print(f"serving on http://127.0.0.1:{server.port}/ ; pages:")
        for path in server.pages:
            print(f"  {server.url(path)}")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
