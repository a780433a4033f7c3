"""Fetching a web page with httpx: redirects, compression, timeouts and a size limit.

Every failure is a :class:`~reader.web.errors.FetchError` (or a subclass) whose message is
one line naming the URL and the cause. Only ``http`` and ``https`` are fetched.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import httpx

from reader import __version__
from reader.web.errors import FetchError, HttpStatusError, TooLargeError

#: Largest page accepted, in bytes after decompression (16 MiB, as for files).
MAX_BYTES = 16 * 1024 * 1024
#: Most redirects followed.
MAX_REDIRECTS = 5
#: The whole download must finish within this many times the timeout (a page that trickles
#: in byte by byte would otherwise never time out).
TOTAL_TIMEOUT_FACTOR = 3
ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"


@dataclass(frozen=True)
class Fetched:
    """A fetched page: the URL asked for, the URL answered (after redirects), its status,
    headers (lower-case names) and body bytes (decompressed)."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes = b""
    fetched_at: float = 0.0

    @property
    def content_type(self) -> str:
        """The ``Content-Type`` header (empty if absent)."""
        return self.headers.get("content-type", "")


def user_agent(contact: str = "") -> str:
    """The User-Agent sent with page requests: the tool, its version and the contact."""
    extra = f"; {contact.strip()}" if contact.strip() else ""
    return f"reader/{__version__} (terminal news reader{extra})"


def _size(num: int) -> str:
    return f"{num / 1048576:.1f} MiB"


def _read_body(response: httpx.Response, url: str, deadline: float, timeout: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        raise TooLargeError(f"{url} is {_size(int(declared))}; the limit is "
                            f"{MAX_BYTES // 1048576} MiB")
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > MAX_BYTES:
            raise TooLargeError(f"{url} is larger than the limit of {MAX_BYTES // 1048576} MiB")
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: timed out after {timeout * TOTAL_TIMEOUT_FACTOR:g} s "
                             "(the page arrives too slowly)")
        chunks.append(chunk)
    return b"".join(chunks)


def _describe(exc: httpx.HTTPError, timeout: float) -> str:
    """The cause of a failed request in a few words."""
    if isinstance(exc, httpx.TooManyRedirects):
        return f"too many redirects (more than {MAX_REDIRECTS})"
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out after {timeout:g} s"
    if isinstance(exc, httpx.ConnectError):
        text = str(exc).lower()
        if "refused" in text:
            return "connection refused"
        if "name or service" in text or "nodename" in text or "resolution" in text:
            return "unknown host"
        return "cannot connect"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return "redirected to a URL that is not http(s)"
    if isinstance(exc, httpx.DecodingError):
        return "the server sent a damaged compressed body"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "the server closed the connection or answered malformed HTTP"
    return f"request failed ({type(exc).__name__})"


def fetch(url: str, *, timeout: float = 10.0, contact: str = "") -> Fetched:
    """GET ``url``; follow at most :data:`MAX_REDIRECTS` redirects; raise on HTTP errors."""
    headers = {"User-Agent": user_agent(contact), "Accept": ACCEPT,
               "Accept-Language": "de,en;q=0.7", "Accept-Encoding": "gzip, deflate"}
    deadline = time.monotonic() + timeout * TOTAL_TIMEOUT_FACTOR
    try:
        with httpx.Client(follow_redirects=True, max_redirects=MAX_REDIRECTS,
                          timeout=httpx.Timeout(timeout), headers=headers) as client, \
                client.stream("GET", url) as response:
            if response.status_code >= 400:
                reason = " ".join(response.reason_phrase.split())[:60]
                raise HttpStatusError(f"{url}: HTTP {response.status_code} {reason}".rstrip(),
                                      response.status_code)
            content = _read_body(response, url, deadline, timeout)
            return Fetched(
                url=url,
                final_url=str(response.url),
                status=response.status_code,
                headers={k.lower(): v for k, v in response.headers.items()},
                content=content,
                fetched_at=time.time(),
            )
    except httpx.InvalidURL:
        raise FetchError(f"{url}: not a valid URL") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {_describe(exc, timeout)}") from None
