"""The HTTP server class of the local test servers (wiki, news site, feeds)."""

from __future__ import annotations

import sys
from http.server import ThreadingHTTPServer
from typing import Any


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
