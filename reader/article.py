"""Articles: loading a file or stdin into one canonical text with paragraph offsets.

Every later offset (entities, search, export) refers to :attr:`Article.text`.
Paragraphs are joined by a blank line (``"\\n\\n"``) and never contain a newline.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from reader import formats
from reader.decoding import decode
from reader.errors import ArticleError
from reader.sanitize import is_clean, normalise_newlines, one_line, strip_escapes

if TYPE_CHECKING:
    from reader.config import Config

#: Largest input accepted, in bytes (16 MiB; a long novel is about 1-2 MB).
MAX_BYTES = 16 * 1024 * 1024
#: A title longer than this is cut at its first sentence end (or word boundary).
MAX_TITLE = 120

PARAGRAPH_SEPARATOR = "\n\n"

_WEB_URL = re.compile(r"\Ahttps?://[^/?#\s]+", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"\A\s*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+|[ \t]*(?=\n)|[ \t]*\Z)", re.IGNORECASE
)


#: The kinds of blocks: what the app styles and the Markdown export marks (``##``, ``-``, ``>``).
BLOCK_KINDS = ("paragraph", "heading", "list_item", "quote", "table_row")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of the article: ``text[start:end]`` is its text; ``kind`` is one of
    :data:`BLOCK_KINDS` (a table row's cells are joined by ``" | "``)."""

    start: int
    end: int
    kind: str = "paragraph"


@dataclass(frozen=True, slots=True)
class Article:
    """A loaded article: canonical text, title, optional date and paragraph offsets."""

    text: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    date: dt.date | None = None
    source: str = "<stdin>"
    format: str = "text"
    encoding: str = "utf-8"
    #: Author(s), site name and canonical URL, when the page says (web pages, HTML files).
    author: str = ""
    site: str = ""
    url: str = ""
    #: The text's digest, computed on first use (see :attr:`sha256`).
    _digest: str = field(default="", init=False, repr=False, compare=False)

    def paragraph_text(self, paragraph: Paragraph) -> str:
        """The text of one paragraph."""
        return self.text[paragraph.start : paragraph.end]

    @property
    def sha256(self) -> str:
        """Hex digest of the canonical text (keys caches of analysis results); computed
        once (a 10 MB text takes some 25 ms)."""
        if not self._digest:
            digest = hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()
            object.__setattr__(self, "_digest", digest)  # frozen: a cache, not a change
        return self._digest

    def paragraph_at(self, offset: int) -> int:
        """Index of the paragraph containing ``offset`` (or the nearest one before it)."""
        lo, hi = 0, len(self.paragraphs) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.paragraphs[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo


def clean_text(text: str) -> str:
    """Normalise newlines, remove escape sequences and NFC-normalise (every loaded text)."""
    if not is_clean(text):  # one scan finds that most texts need neither
        text = strip_escapes(normalise_newlines(text))
    return unicodedata.normalize("NFC", text)


def _make_title(first: str) -> str:
    if len(first) <= MAX_TITLE:
        return first
    match = re.search(r"(?<=[.!?])\s", first[: MAX_TITLE + 1])
    if match and match.start() > 20:
        return first[: match.start()]
    cut = first.rfind(" ", 0, MAX_TITLE)
    return first[: cut if cut > 20 else MAX_TITLE].rstrip() + "…"


def title_in_text(article: Article) -> bool:
    """True if the title is the start of one of the first blocks (it was taken from
    there), so a reader showing the text need not show it again."""
    title = article.title.removesuffix("…").strip()
    return bool(title) and any(
        article.paragraph_text(paragraph).strip().startswith(title)
        for paragraph in article.paragraphs[:3]
    )


def parse_date(value: str) -> dt.date | None:
    """The date at the start of an ISO 8601 string, or ``None``."""
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def from_text(text: str, source: str = "<text>", fmt: str | None = None,
              encoding: str = "utf-8") -> Article:
    """Build an :class:`Article` from decoded text.

    ``fmt`` is ``"text"``, ``"markdown"`` or ``"html"``; ``None`` guesses from ``source``
    and the content. A first line ``date YYYY-MM-DD rest`` gives the date; ``rest`` is the
    lead paragraph. HTML is extracted with :mod:`reader.web.extract` (trafilatura, then the
    built-in parser). Raises :class:`ArticleError` if nothing readable remains.
    """
    text = clean_text(text)
    fmt = fmt or formats.sniff_format(text, source)
    if fmt == "html":
        from reader.web.extract import extract

        page = extract(text)
        return from_blocks(page.blocks, source=source, title=page.title,
                           date=parse_date(page.date), fmt=fmt, encoding=encoding,
                           author=page.author, site=page.site, url=page.url)
    date: dt.date | None = None
    meta_title = ""
    if fmt == "markdown":
        front, text = formats.split_front_matter(text)
        date = parse_date(front.get("date", ""))
        meta_title = front.get("title", "")
    match = _DATE_LINE.match(text)
    if match:
        date = parse_date(match[1])
        if date is not None:
            text = text[match.end() :]
    blocks = formats.markdown_blocks(text) if fmt == "markdown" else formats.plain_blocks(text)
    return from_blocks(blocks, source=source, title=meta_title, date=date, fmt=fmt,
                       encoding=encoding, clean=fmt == "text")


def from_blocks(blocks: Iterable[tuple[str, str]], *, source: str, title: str = "",
                date: dt.date | None = None, fmt: str = "text", encoding: str = "utf-8",
                author: str = "", site: str = "", url: str = "",
                clean: bool = False) -> Article:
    """Join ``(kind, text)`` blocks into an :class:`Article` with one canonical text.

    Escape sequences are removed from every block (unless ``clean``: the blocks were cut
    from a text :func:`clean_text` cleaned, and nothing decoded entities since); empty
    blocks are dropped; unknown kinds become paragraphs. ``title`` defaults to the first
    heading (else the first block). Raises :class:`ArticleError` if no block has text.
    """
    kept = [(kind if kind in BLOCK_KINDS else "paragraph", line if clean else strip_escapes(line))
            for kind, line in blocks]
    kept = [(kind, line) for kind, line in kept if line and not line.isspace()]
    if not kept:
        raise ArticleError(f"{source} has no readable text")
    paragraphs: list[Paragraph] = []
    offset = 0
    for kind, line in kept:
        end = offset + len(line)
        paragraphs.append(Paragraph(offset, end, kind))
        offset = end + len(PARAGRAPH_SEPARATOR)
    heading = next((line for kind, line in kept if kind == "heading"), None)
    clean_title = _make_title(" ".join(one_line(title).split()) or heading or kept[0][1])
    return Article(
        text=PARAGRAPH_SEPARATOR.join([line for _, line in kept]),
        title=clean_title,
        paragraphs=tuple(paragraphs),
        date=date,
        source=source,
        format=fmt,
        encoding=encoding,
        author=" ".join(strip_escapes(author).split()),
        site=" ".join(strip_escapes(site).split()),
        url=url if is_web_url(url) else "",
    )


def is_web_url(value: str) -> bool:
    """True if ``value`` is an http(s) URL (the only links reader opens, fetches or shows)."""
    return bool(_WEB_URL.match(value)) and not any(
        ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in value)


def from_bytes(data: bytes, source: str = "<stdin>", fmt: str | None = None) -> Article:
    """Decode ``data`` (see :func:`reader.decoding.decode`) and build an article."""
    if len(data) > MAX_BYTES:
        raise ArticleError(
            f"{source} is {len(data) / 1048576:.1f} MiB; the limit is {MAX_BYTES // 1048576} MiB"
        )
    if not data.strip():
        raise ArticleError(f"{source} is empty")
    declared = None
    if fmt == "html" or (fmt is None and (
            source.lower().endswith((".html", ".htm", ".xhtml")) or data.lstrip()[:1] == b"<")):
        from reader.web.charset import from_document

        declared = from_document(data)
    text, encoding = decode(data, source, declared)
    return from_text(text, source=source, fmt=fmt, encoding=encoding)


def read_limited(stream: BinaryIO, source: str) -> bytes:
    """Read at most :data:`MAX_BYTES` (+1 to detect overflow) from ``stream``."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ArticleError(f"{source} is larger than the limit of {MAX_BYTES // 1048576} MiB")
    return data


def load(path: str | os.PathLike[str], fmt: str | None = None, *,
         config: Config | None = None, refresh: bool = False) -> Article:
    """Load an article from an http(s) URL, a file path, or standard input (``"-"``).

    A URL is fetched (or read from its offline copy; ``refresh`` fetches again) by
    :func:`reader.web.load_url` with ``config`` (default: the user's configuration).
    Raises :class:`ArticleError` (or another :class:`ReaderError`) with a one-line message
    for every kind of bad input.
    """
    name = os.fspath(path)
    if name[:8].lower().startswith(("http://", "https://")):
        from reader.config import load_config
        from reader.web import load_url

        return load_url(name, config or load_config(), refresh=refresh)
    if name == "-":
        return from_bytes(read_limited(sys.stdin.buffer, "<stdin>"), "<stdin>", fmt)
    p = Path(name)
    try:
        info = p.stat()
    except OSError as exc:
        raise _file_error(name, exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise ArticleError(f"{name} is a directory, not a file")
    if stat.S_ISREG(info.st_mode) and info.st_size > MAX_BYTES:
        raise ArticleError(
            f"{name} is {info.st_size / 1048576:.1f} MiB; the limit is {MAX_BYTES // 1048576} MiB"
        )
    try:
        with p.open("rb") as stream:
            data = read_limited(stream, name)
    except OSError as exc:
        raise _file_error(name, exc, reading=True) from None
    return from_bytes(data, name, fmt)


def _file_error(name: str, exc: OSError, *, reading: bool = False) -> ArticleError:
    """The one-line error for a file that cannot be looked at (or read, with ``reading``)."""
    if isinstance(exc, FileNotFoundError):
        return ArticleError(f"{name}: no such file")
    if isinstance(exc, PermissionError):
        return ArticleError(f"{name}: permission denied")
    if isinstance(exc, IsADirectoryError):
        return ArticleError(f"{name} is a directory, not a file")
    reason = exc.strerror or exc
    return ArticleError(f"{name}: cannot read ({reason})" if reading else f"{name}: {reason}")
