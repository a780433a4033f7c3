"""Layouts of small terminals: the article keeps most of the height, the status line keeps
the network state, the footer shows whole keys, the title is shown once; the help shows
whole section headings and the palette lists "Keys" once."""

from __future__ import annotations

import pytest
from app_support import SEED, hand_analysis, settle
from test_settings_app import screen_rows
from textual.widgets._footer import FooterKey

from reader.app.app import ReaderApp
from reader.app.footer import ReaderFooter
from reader.app.screens import HelpScreen
from reader.app.status_line import StatusLine
from reader.article import load
from reader.config import Config

OFFLINE = Config(offline=True, api_url="http://127.0.0.1:9/{lang}/api.php")


@pytest.mark.parametrize(("size", "share", "panel"), [
    ((80, 24), 0.5, True), ((50, 16), 0.6, False), ((30, 10), 0.5, False)])
async def test_small_layouts(size: tuple[int, int], share: float, panel: bool) -> None:
    app = ReaderApp(load(SEED), config=OFFLINE, analyser=hand_analysis)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        await pilot.pause()
        height = size[1]
        assert app.view.size.height >= share * height  # most of the height: the text
        assert app.main.panel.display == panel or not app.main.panel.region.height
        assert not app.query_one("#title").display  # the title opens the text: shown once
        rows = screen_rows(app)
        assert "Die Koalition der Willigen" in "".join(rows)
        status = app.query_one(StatusLine)
        shown = str(status.render())
        assert "offline" in shown and len(shown) <= status.content_region.width
        footer = app.query_one(ReaderFooter)
        keys = list(footer.query(FooterKey))
        assert any(key.action in ("help", "app.help") for key in keys)
        for key in keys:  # whole keys: none runs past the footer's right edge
            assert key.region.right <= footer.region.right, key.description


async def test_help_headings_are_whole_and_the_palette_lists_keys_once() -> None:
    app = ReaderApp(load(SEED), config=OFFLINE, analyser=hand_analysis)
    async with app.run_test(size=(90, 60)) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles.count("Keys") == 1
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(screen_rows(app))
        assert "Corrections (your fixes, kept for every article)" in text
