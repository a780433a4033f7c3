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
