"""The character encoding of a fetched page, in the order browsers use.

1. a byte order mark (UTF-8, UTF-16, UTF-32);
2. ``charset=`` of the HTTP ``Content-Type`` header;
3. ``<meta charset>`` or ``<meta http-equiv="Content-Type" content="...; charset=...">``
   in the first 8 KiB, or the ``encoding`` of an XML prolog;
4. UTF-8 if the bytes are valid UTF-8;
5. charset-normalizer's best guess (imported only then); Windows-1252 whenever it is one of
   the encodings that decode the bytes to the same text (German pages first).

Labels are mapped as the WHATWG Encoding Standard does where Python differs (ISO-8859-1
and US-ASCII are read as Windows-1252); unknown labels are skipped.
"""

from __future__ import annotations

import codecs
import re

from reader.decoding import detect_encoding

#: How far into the document ``<meta charset>`` and the XML prolog are looked for.
PRESCAN_BYTES = 8192

_META = re.compile(
    rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
_XML_PROLOG = re.compile(rb"\A\s*<\?xml\b[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_HEADER = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
#: WHATWG label mapping where it differs from Python's codecs.
_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
            "l1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "iso8859-1": "cp1252",
            "x-user-defined": "cp1252", "windows-874": "cp874"}


def _codec(label: str) -> str | None:
    """The Python codec for an encoding label, or ``None`` if it is unknown or unusable."""
    name = label.strip().lower()
    name = _ALIASES.get(name, name)
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if info.name in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"):
        return "utf-8"  # a 16/32-bit label in an ASCII-compatible header: browsers use UTF-8
    if info.name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return info.name


def from_header(content_type: str) -> str | None:
    """The codec named by ``charset=`` in a ``Content-Type`` header value."""
    match = _HEADER.search(content_type or "")
    return _codec(match.group(1)) if match else None


def from_document(data: bytes) -> str | None:
    """The codec named by the XML prolog or a ``<meta>`` tag near the start of ``data``."""
    head = data[:PRESCAN_BYTES]
    match = _XML_PROLOG.match(head) or _META.search(head)
    if not match:
        return None
    return _codec(match.group(1).decode("ascii", "replace"))


def _guess(data: bytes) -> str:
    """charset-normalizer's best guess for undeclared, non-UTF-8 bytes (else Windows-1252)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency of httpx and of reader
        return "cp1252"
    best = from_bytes(data[:65536]).best()
    if best is None or "cp1252" in best.could_be_from_charset:
        return "cp1252"  # the same text in Windows-1252 too: the likeliest for German pages
    return _codec(best.encoding) or "cp1252"


def detect(data: bytes, content_type: str = "") -> tuple[str, str]:
    """``(codec, how)`` for ``data``; ``how`` is ``bom``, ``header``, ``meta``, ``utf-8``
    or ``guess``."""
    bom = detect_encoding(data[:4])
    if bom in ("utf-8-sig", "utf-16", "utf-32"):
        return bom, "bom"
    header = from_header(content_type)
    if header:
        return header, "header"
    meta = from_document(data)
    if meta:
        return meta, "meta"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return _guess(data), "guess"
    return "utf-8", "utf-8"


def decode(data: bytes, content_type: str = "") -> tuple[str, str]:
    """Decode a page: ``(text, codec)``; undecodable bytes become U+FFFD."""
    codec, _how = detect(data, content_type)
    return data.decode(codec, errors="replace"), codec
