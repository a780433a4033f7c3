"""The status line keeps the network state and shortens the other parts first."""

from __future__ import annotations

from reader.app.status_line import Part, fit_status

PARTS = [Part("embedded 0.2.0", keep=1), Part("23 entities", "23", keep=2),
         Part("offline · run reader prefetch", "offline", keep=9),
         Part("background 12/23", "12/23", keep=0), Part("find 3/17", "3/17", keep=3)]


def test_everything_fits_when_there_is_room() -> None:
    assert fit_status(PARTS, 200) == ("embedded 0.2.0 · 23 entities · offline · run reader "
                                      "prefetch · background 12/23 · find 3/17")


def test_other_parts_shrink_before_the_network_state() -> None:
    for width in range(12, 120):
        line = fit_status(PARTS, width)
        assert len(line) <= width
        assert "offline" in line, (width, line)
    assert fit_status(PARTS, 70) == ("embedded 0.2.0 · 23 · offline · run reader prefetch · "
                                     "12/23 · 3/17")
    assert fit_status(PARTS, 45) == "23 · offline · run reader prefetch · 3/17"
    assert fit_status(PARTS, 35) == "offline · run reader prefetch · 3/17"[:29]
    assert fit_status(PARTS, 20) == "offline"
    assert fit_status(PARTS, 10) == "offline"


def test_the_network_state_is_cut_only_at_the_end() -> None:
    assert fit_status(PARTS, 5) == "offl…"
    assert fit_status([], 10) == ""
