"""Terminal safety of untrusted text."""

from __future__ import annotations

import pytest

from reader.sanitize import is_safe, normalise_newlines, strip_escapes


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\x1b[1;31mrot\x1b[0m", "rot"),
        ("a\x1b]8;;https://x.example\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),
        ("\x1b]52;c;ZXZpbA==\x07kopiert", "kopiert"),  # OSC 52 clipboard write
        ("\x1bP1$tx\x1b\\dcs", "dcs"),
        ("x\x1b(0y", "xy"),
        ("\x9b31mC1\x9b0m", "C1"),
        ("tab\tund\nzeile", "tab\tund\nzeile"),
        ("bell\x07null\x00del\x7f", "bellnulldel"),
        ("\u202eevil\u202c ok", "evil ok"),
        ("unfinished \x1b[", "unfinished "),
        ("\ud800lone", "\ufffdlone"),
        ("Emoji 👍🏽 und 中文 bleiben", "Emoji 👍🏽 und 中文 bleiben"),
    ],
)
def test_strip_escapes(raw: str, clean: str) -> None:
    assert strip_escapes(raw) == clean
    assert is_safe(strip_escapes(raw))


def test_is_safe_detects_escapes() -> None:
    assert not is_safe("\x1b[2J")
    assert not is_safe("a\rb")
    assert is_safe("ganz normal\n\tText")


def test_normalise_newlines() -> None:
    assert normalise_newlines("a\r\nb\rc\u2028d\x85e") == "a\nb\nc\nd\ne"


def test_terminal_json_keeps_the_data_and_escapes_what_a_terminal_reads() -> None:
    import json

    from reader.sanitize import terminal_json

    data = {"n": "Köln \x1b[2J\x9b6n\u202e\u2066\ud800\x85 ok", "k\x9d": ["\ufeff"]}
    text = terminal_json(data)
    assert json.loads(text) == data
    assert is_safe(text) and "\ud800" not in text and "Köln" in text


def test_web_url_accepts_only_http() -> None:
    from reader.sanitize import web_url

    assert web_url(" https://de.wikipedia.org/wiki/X ") == "https://de.wikipedia.org/wiki/X"
    assert web_url("HTTP://x/y") == "HTTP://x/y"
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "//x/y", "http://x/\x1b[2J",
                "https://x y", "data:text/html,1", ""):
        assert web_url(bad) == ""


def test_one_line() -> None:
    from reader.sanitize import one_line

    assert one_line("a\r\nb\x1b[31mc\u202e\td") == "a bc d"
