"""Articles from URLs: the one function a corpus run calls for an ``http(s)://`` input.

:func:`fetch_article` downloads a page (at most :data:`reader.article.MAX_BYTES`) and reads
it like a file (HTML keeps its readable text). Every failure is an
:class:`~reader.errors.ArticleError` with one line, so the document is skipped and reported.
"""

from __future__ import annotations

from reader.article import MAX_BYTES, Article, from_bytes
from reader.errors import ArticleError

#: Sent as User-Agent.
USER_AGENT = "reader (corpus annotation; reader annotate)"


def fetch_article(url: str, *, timeout: float = 10.0) -> Article:
    """The article at ``url``; raises :class:`ArticleError` when it cannot be fetched."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            ctype = response.headers.get_content_type()
            data = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise ArticleError(f"fetch failed: HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ArticleError(f"fetch failed: {reason}") from None
    if len(data) > MAX_BYTES:
        raise ArticleError(f"page is larger than the limit of {MAX_BYTES // 1048576} MiB")
    fmt = "html" if ctype in ("text/html", "application/xhtml+xml") else None
    return from_bytes(data, url, fmt)
