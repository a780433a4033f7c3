"""The start of a long file (reader.article_start): built as the whole is, and the whole
article's text begins with it; anything unusual is read whole instead (None)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from reader.article import MAX_BYTES, load
from reader.article_start import START_BYTES, STREAM_FROM, load_start


def paragraphs(count: int, start: int = 1) -> list[str]:
    """Numbered paragraphs of our own words (about 150 characters each)."""
    return [f"Absatz {n}: Der Gemeinderat von Waldhausen beriet über die neue Brücke; "
            f"Bürgermeisterin Lena Sommer versprach eine Antwort bis zum Tag {n}."
            for n in range(start, start + count)]


def long_text(count: int = 3000) -> str:
    return "Brücke über die Wiesach\n\n" + "\n\n".join(paragraphs(count)) + "\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def assert_start_of(path: Path, fmt: str | None = None) -> None:
    start = load_start(str(path), fmt)
    whole = load(path, fmt)
    assert start is not None
    assert whole.text.startswith(start.text)
    assert len(start.text) < len(whole.text)
    assert whole.paragraphs[:len(start.paragraphs)] == start.paragraphs
    assert (start.title, start.date, start.source, start.format) == \
        (whole.title, whole.date, whole.source, whole.format)


def test_a_long_text_starts_with_its_first_paragraphs(tmp_path: Path) -> None:
    data = long_text().encode("utf-8")
    assert len(data) > STREAM_FROM
    path = write(tmp_path, "lang.txt", data)
    assert_start_of(path)
    start = load_start(str(path))
    assert start is not None
    assert len(start.text.encode("utf-8")) <= START_BYTES
    assert start.text.endswith(".")  # whole paragraphs only


def test_a_date_line_crlf_and_a_byte_order_mark_are_read_as_in_the_whole(
        tmp_path: Path) -> None:
    text = "date 2026-11-30 Die Brücke bleibt gesperrt.\n\n" + long_text()
    data = codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8")
    path = write(tmp_path, "crlf.txt", data)
    assert_start_of(path)
    start = load_start(str(path))
    assert start is not None and start.date is not None and "\r" not in start.text


def test_markdown_is_read_as_markdown(tmp_path: Path) -> None:
    body = "\n\n".join(f"## Abschnitt {n}\n\n{p}" for n, p in enumerate(paragraphs(2000)))
    path = write(tmp_path, "lang.md", ("# Die Brücke\n\n" + body).encode("utf-8"))
    assert_start_of(path)
    start = load_start(str(path))
    assert start is not None and start.format == "markdown"
    assert {p.kind for p in start.paragraphs} == {"heading", "paragraph"}


def test_one_long_paragraph_of_lines_is_cut_at_a_line_end(tmp_path: Path) -> None:
    text = "Eine Zeile über die Brücke von Waldhausen und ihre Geschichte.\n" * 8000
    path = write(tmp_path, "zeilen.txt", text.encode("utf-8"))
    start = load_start(str(path))
    assert start is not None
    assert load(path).text.startswith(start.text)


@pytest.mark.parametrize("case", ["short", "html", "windows-1252", "utf-16", "nul", "png",
                                  "too-large", "no-breaks", "blank"])
def test_unusual_files_are_read_whole(tmp_path: Path, case: str) -> None:
    text = long_text()
    data = {
        "short": text[:STREAM_FROM // 2].encode("utf-8"),
        "html": ("<!doctype html><html><body><p>" + text + "</p></body></html>").encode(),
        "windows-1252": text.encode("cp1252"),
        "utf-16": text.encode("utf-16"),
        "nul": b"Bruecke\x00" * 60_000,
        "png": b"\x89PNG\r\n\x1a\n" + text.encode("utf-8"),
        "too-large": b"",
        "no-breaks": ("Brücke " * 60_000).encode("utf-8"),
        "blank": b" \n" * (STREAM_FROM + 10),
    }[case]
    path = write(tmp_path, f"{case}.txt", data)
    if case == "too-large":
        with path.open("wb") as out:
            out.truncate(MAX_BYTES + 1)
    assert load_start(str(path)) is None


def test_html_by_flag_urls_stdin_and_missing_files_are_read_whole(tmp_path: Path) -> None:
    path = write(tmp_path, "lang.txt", long_text().encode("utf-8"))
    assert load_start(str(path), "html") is None
    assert load_start("-") is None
    assert load_start("https://example.org/lang.txt") is None
    assert load_start(str(tmp_path / "fehlt.txt")) is None
    assert load_start(str(tmp_path)) is None


def test_a_bad_byte_further_on_leaves_the_start_but_the_whole_decides(tmp_path: Path) -> None:
    """The start is UTF-8; a Windows-1252 byte after it makes the whole file Windows-1252
    (the app then shows the whole from the top): both are read, neither fails."""
    data = long_text().encode("utf-8") + "Straße".encode("cp1252")
    path = write(tmp_path, "gemischt.txt", data)
    start = load_start(str(path))
    whole = load(path)
    assert start is not None and whole.encoding == "cp1252"
    assert not whole.text.startswith(start.text)  # "ü" was read as two characters
