"""Turn the bytes of a file into text: BOMs, UTF-8, UTF-16/32 and legacy 8-bit files."""

from __future__ import annotations

import codecs

from reader.errors import ArticleError

#: Magic numbers of common binary formats, to name them in the error message.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"MZ", "an executable (Windows)"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # must precede UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def detect_encoding(data: bytes) -> str:
    """Return the name of the codec that :func:`decode` would use for ``data``."""
    return _detect(data)[0]


def _detect(data: bytes) -> tuple[str, str | None]:
    """The codec :func:`decode` uses for ``data``, and the text if it is UTF-8 without a
    BOM (decoded once: checking a 10 MB file and decoding it again would cost twice)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, None
    try:
        return "utf-8", data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252", None


def binary_kind(data: bytes) -> str | None:
    """What binary format ``data`` starts with ("a PDF document"...), or ``None``."""
    for signature, what in _SIGNATURES:
        weak = len(signature) < 4  # e.g. "MZ": may also begin a plain text
        if data.startswith(signature) and not (weak and _looks_textual(data)):
            return what
    return None


def decode(data: bytes, source: str = "input", declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``.

    A BOM decides the encoding (UTF-8, UTF-16, UTF-32). Without one, ``declared`` (a codec
    the document names, e.g. in HTML's ``<meta charset>``) is used if given; else the data must be
    UTF-8, else it is read as Windows-1252 (a superset of Latin-1 for printable text);
    the few bytes undefined in cp1252 fall back to Latin-1. Raises :class:`ArticleError`
    for binary data.
    """
    what = binary_kind(data)
    if what:
        raise ArticleError(f"{source} is {what}, not a text article")
    encoding, text = _detect(data)
    if declared and encoding in ("utf-8", "cp1252"):
        if b"\x00" in data:
            raise ArticleError(f"{source} contains NUL bytes: it looks like binary data, not text")
        return data.decode(declared, errors="replace"), declared
    if encoding in ("utf-8", "cp1252") and b"\x00" in data:
        raise ArticleError(f"{source} contains NUL bytes: it looks like binary data, not text")
    try:
        if text is None:  # UTF-8 was decoded while detecting it
            text = data.decode(encoding, errors="strict")
    except UnicodeDecodeError as exc:
        if encoding == "cp1252":
            text = data.decode("latin-1")
        else:
            raise ArticleError(
                f"{source} starts with a {encoding.upper()} byte order mark "
                f"but is not valid {encoding.upper()} (byte {exc.start})"
            ) from None
    if _control_ratio(text) > 0.05:
        raise ArticleError(f"{source} looks like binary data, not text")
    return text, encoding


def _looks_textual(data: bytes) -> bool:
    """True if ``data`` happens to start like a binary format but is plain text (e.g. 'MZ...')."""
    head = data[:512]
    return b"\x00" not in head and all(b >= 0x20 or b in b"\t\n\r\x0c" for b in head)


def _control_ratio(text: str) -> float:
    """Fraction of characters that are control characters other than whitespace."""
    sample = text[:65536]
    if not sample:
        return 0.0
    bad = sum(map(sample.count, _CONTROLS))  # one C-level scan a character: linear, fast
    return bad / len(sample)


#: The control characters that are not whitespace (nor ESC, which is stripped elsewhere).
_CONTROLS = tuple(chr(code) for code in (*range(0x20), 0x7F) if chr(code) not in "\t\n\r\x0c\x1b")
