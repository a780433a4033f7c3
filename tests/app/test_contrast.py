"""Every label highlight and legend chip reaches WCAG AA (4.5:1) in every theme."""

from __future__ import annotations

from app_support import SEED, hand_analysis, settle
from rich.style import Style

from reader.analysis.model import LABELS
from reader.app.app import ReaderApp
from reader.app.contrast import AA, RGB, blend, luminance, ratio, readable
from reader.app.widgets import Legend
from reader.article import load
from reader.config import Config

OFFLINE = Config(offline=True, api_url="http://127.0.0.1:9/{lang}/api.php")


def test_wcag_figures() -> None:
    assert ratio((0, 0, 0), (255, 255, 255)) == 21
    assert round(ratio((0x76, 0x76, 0x76), (255, 255, 255)), 2) == 4.54
    assert luminance((255, 255, 255)) == 1
    assert blend((255, 255, 255), (0, 0, 0), 0.5) == (128, 128, 128)
    for colour, background in [((120, 120, 200), (40, 40, 40)), ((200, 200, 90), (240, 240, 230)),
                               ((128, 128, 128), (128, 128, 128))]:
        assert ratio(readable(colour, background), background) >= AA
    good = (255, 255, 255)
    assert readable(good, (0, 0, 0)) == good


def _rgb(style: Style, which: str) -> RGB:
    colour = style.color if which == "fg" else style.bgcolor
    assert colour is not None
    triplet = colour.get_truecolor()
    return triplet.red, triplet.green, triplet.blue


async def test_label_contrast_in_every_theme() -> None:
    app = ReaderApp(load(SEED), config=OFFLINE, analyser=hand_analysis)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        themes = sorted(app.available_themes)
        checked = []
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            if "ansi" in theme:  # the terminal decides those colours
                continue
            legend = app.query_one(Legend)
            for label in LABELS:
                for style in (app.view.label_style(label),
                              legend.get_component_rich_style(f"label--{label.lower()}")):
                    value = ratio(_rgb(style, "fg"), _rgb(style, "bg"))
                    assert value >= AA, (theme, label, round(value, 2))
            checked.append(theme)
        assert "textual-light" in checked and "textual-dark" in checked
        assert len(checked) >= 15
