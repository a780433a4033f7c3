"""The start of a long article file, shown at once while the whole file is read.

``reader open`` on a 10 MB text would otherwise read, decode and split all of it before the
first screen (about 0.2 s). :func:`load_start` reads the first :data:`START_BYTES` of a
long plain-text or Markdown file, cut after its last whole paragraph, and builds the article
of that part the same way :func:`reader.article.load` builds the whole: the whole article's
text starts with this one's (except when the rest of the file changes how its start is
read, e.g. a byte further on that is not UTF-8; the app then shows the whole from the top).

Anything unusual gives ``None`` and the file is read whole first, as before: short files,
URLs and standard input, HTML, other encodings than UTF-8, binary data, files over the size
limit (whose one-line errors :func:`reader.article.load` gives).
"""

from __future__ import annotations

import codecs
import os
import stat

from reader import formats
from reader.article import MAX_BYTES, Article, from_text
from reader.decoding import binary_kind
from reader.errors import ArticleError

#: Files up to this size are read whole before the first screen (a few milliseconds).
STREAM_FROM = 256 * 1024
#: How much of a longer file the first screen is made from (many screens of text).
START_BYTES = 64 * 1024
#: Paragraph ends (LF and CRLF files), then line ends, where the start may be cut.
_CUTS = ((b"\n\n", b"\n\r\n"), (b"\n",))


def load_start(path: str, fmt: str | None = None) -> Article | None:
    """The article of the first paragraphs of the long text file ``path`` (see the module
    docstring), or ``None`` when the file is to be read whole first."""
    if path == "-" or path[:8].lower().startswith(("http://", "https://")):
        return None
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or not STREAM_FROM < info.st_size <= MAX_BYTES:
            return None
        with open(path, "rb") as stream:
            data = stream.read(START_BYTES)
    except OSError:
        return None  # reader.article.load says what is wrong
    if fmt == "html" or binary_kind(data) or b"\x00" in data:
        return None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # and UTF-32's
        return None
    cut = _cut(data)
    if cut <= 0:
        return None
    try:
        text = data[:cut].decode("utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8")
    except UnicodeDecodeError:
        return None  # Windows-1252 or broken: the whole file decides
    fmt = fmt or formats.sniff_format(text, path)
    if fmt == "html":
        return None
    try:
        return from_text(text, source=path, fmt=fmt)
    except ArticleError:
        return None


def _cut(data: bytes) -> int:
    """Where to cut ``data``: after its last paragraph end, else its last line end
    (a paragraph longer than the start is cut there, and shown whole later)."""
    for ends in _CUTS:
        found = [(data.rfind(end), len(end)) for end in ends]
        cut = max((at + size for at, size in found if at >= 0), default=-1)
        if cut > len(data) // 4:
            return cut
    return -1
