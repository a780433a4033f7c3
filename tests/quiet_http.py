"""The HTTP server class of the local test servers (wiki, news site, feeds)."""

from __future__ import annotations

import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self


class QuietHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server whose handler threads never keep the process alive, and which
    stays quiet when a client hangs up early (a timeout, a size limit, a quit): that is what
    the tests provoke, not a server error, and a traceback on stderr would fail tests that
    check the product's stderr. Any other error is still printed."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)


class LocalServer:
    """A test server on 127.0.0.1, served in a daemon thread: ``with Server() as server``.

    A subclass calls :meth:`_serve` with its request handler in ``__init__``."""

    def _serve(self, host: str, port: int, handler: type[BaseHTTPRequestHandler]) -> None:
        self._httpd = QuietHTTPServer((host, port), handler)
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The port listened on."""
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        """The absolute URL of ``path``."""
        return self.base_url + path

    def start(self) -> Self:
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        name=type(self).__name__, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
