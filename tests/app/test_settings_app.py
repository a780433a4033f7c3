"""Settings that stay, in the app: the theme chosen with t is kept; a keymap rebinds keys
and the help shows the keys in force."""

from __future__ import annotations

import html
import re

from app_support import SEED, hand_analysis, settle

from reader.app.app import ReaderApp
from reader.app.screens import HelpScreen
from reader.app.settings import check_settings
from reader.article import load
from reader.config import config_path, load_config

API = "http://127.0.0.1:9/{lang}/api.php"


def screen_rows(app: ReaderApp) -> list[str]:
    """The terminal's rows as text (from the screenshot)."""
    rows: dict[int, str] = {}
    for row, text in re.findall(r'clip-path="url\(#[^)]*-line-(\d+)\)">([^<]*)</text>',
                                app.export_screenshot()):
        rows[int(row)] = rows.get(int(row), "") + html.unescape(text).replace("\xa0", " ")
    return [rows[row] for row in sorted(rows)]


async def test_the_chosen_theme_is_kept() -> None:
    config = load_config().with_overrides(offline=True, api_url=API)
    app = ReaderApp(load(SEED), config=config, analyser=hand_analysis)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        assert not config_path().exists()  # starting saves nothing
        await pilot.press("t")
        await settle(pilot)
        chosen = app.theme
        assert chosen != "textual-dark"
    assert load_config().theme == chosen
    again = ReaderApp(load(SEED), config=load_config().with_overrides(offline=True,
                                                                      api_url=API),
                      analyser=hand_analysis)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert again.theme == chosen


async def test_a_keymap_rebinds_keys_and_the_help_shows_them() -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[keymap]\n"reader.find" = "ctrl+s"\nindex = "z"\n', encoding="utf-8")
    config = check_settings(load_config()).with_overrides(offline=True, api_url=API)
    app = ReaderApp(load(SEED), config=config, analyser=hand_analysis)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert not app.main.find_bar.has_class("-open")  # no longer find
        await pilot.press("ctrl+s")
        assert app.main.find_bar.has_class("-open")
        await pilot.press("escape", "z")
        await pilot.pause()
        assert type(app.screen).__name__ == "IndexScreen"
        await pilot.press("escape", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = screen_rows(app)
        assert any(re.search(r"Ctrl\+S +Find", row) for row in rows), rows
        assert any(re.search(r"\bz +Index", row) for row in rows), rows
