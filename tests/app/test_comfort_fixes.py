"""Pilot tests of the "broken" items of issue 16: find previous with keys every terminal
delivers, a click in the panel's mention list, text that looks like markup in
notifications, and ``n`` after ``g``."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from app_support import SEED, hand_analysis, settle
from textual.widgets import Input, OptionList
from textual.widgets._toast import Toast

from reader.app.app import ReaderApp
from reader.article import load
from reader.config import Config

OFFLINE = Config(offline=True, api_url="http://127.0.0.1:9/{lang}/api.php")


def make_app(config: Config = OFFLINE) -> ReaderApp:
    return ReaderApp(load(SEED), config=config, analyser=hand_analysis)


async def test_find_next_and_previous_in_and_after_the_bar() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"ukraine")
        await pilot.pause()
        total = len(app.view.matches)
        assert total > 5 and app.view.current_match == 0
        await pilot.press("down", "down", "enter")
        assert app.view.current_match == 3
        await pilot.press("up")
        assert app.view.current_match == 2
        assert app.main.find_bar.count_text == f"3/{total}"
        await pilot.press("escape")  # closes the bar; the matches stay
        await pilot.pause()
        assert app.focused is app.view
        await pilot.press("plus")
        assert app.view.current_match == 3
        await pilot.press("minus", "minus")
        assert app.view.current_match == 1
        await pilot.press("ctrl+p")  # the palette, not "previous match"
        await pilot.pause()
        assert app.view.current_match == 1


async def test_a_click_in_the_mention_list_jumps_to_that_mention() -> None:
    app = make_app()
    async with app.run_test(size=(90, 36)) as pilot:  # narrow: panel below the article
        await settle(pilot)
        app.main.jump_to_entity("loc:ukraine")
        await pilot.pause()
        mentions = app.main.panel.query_one("#mentions", OptionList)
        for row in (3, 1, 4):
            await pilot.pause()
            x, y = mentions.region.x + 3, mentions.region.y + row
            shown = app.screen.get_style_at(x, y).meta["option"]
            expected = mentions.get_option_at_index(shown).id
            await pilot.click(offset=(x, y))
            await pilot.pause()
            assert f"m{app.view.selected}" == expected


def _screen(app: ReaderApp) -> str:
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


async def test_markup_in_a_correction_label_is_text(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    bundle = {"reader_corrections": 1, "patterns": [{"label": "x[/]y", "pattern": "Kiew"}]}
    (data / "corrections.json").write_text(json.dumps(bundle), encoding="utf-8")
    app = make_app(Config(offline=True, data_dir=str(data),
                          api_url="http://127.0.0.1:9/{lang}/api.php"))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await pilot.pause(0.2)
        toasts = [str(toast.render()) for toast in app.screen.query(Toast)]
        assert any("unknown label 'x[/]y'" in text for text in toasts), toasts  # as written


async def test_markup_in_a_file_name_is_text(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    target = Path("[@click=app.quit]boom.md")
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        app.main._export_chosen((str(target), False, "md", "links"))
        await settle(pilot)
        assert target.exists()
        await pilot.pause(0.2)
        assert "Wrote [@click=app.quit]boom.md" in _screen(app)  # drawn as written
        assert any(note.message == f"Wrote {target}" and not note.markup
                   for note in app._notifications)
        await pilot.click(offset=(97, 27))  # on the toast: nothing to click
        await pilot.pause()
        assert app.is_running


async def test_next_after_top_selects_the_first_entity_on_screen() -> None:
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        await pilot.press("G", "p")  # the last mention, at the end of the article
        assert app.mentions is not None
        last = len(app.mentions) - 1
        assert app.view.selected == last
        await pilot.press("g", "n")
        assert app.view.selected == 0
        await pilot.press("G", "p", "g", "p")  # previous from the top screen: on screen
        start, end = app.view.visible_range()
        assert app.view.selected is not None
        assert start <= app.mentions.ranges.starts[app.view.selected] < end


async def test_a_note_that_cannot_be_saved_stays_in_the_editor(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from reader.app.correction_screens import NoteScreen

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "a")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        monkeypatch.setattr(os, "fsync", disk_full)
        await pilot.press(*"Meine [b]Notiz[/b]", "ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NoteScreen)  # open again, with the text
        assert screen.text == "Meine [b]Notiz[/b]"
        question = str(screen.query_one("#note-question").render())
        assert "No space left on device" in question and "corrections.json" in question
        monkeypatch.undo()
        await pilot.press("ctrl+s")  # tries again: saved
        await settle(pilot)
        assert not isinstance(app.screen, NoteScreen)
        note = app.main.session.corrections.note_for("Koalition der Willigen")
        assert note == "Meine [b]Notiz[/b]"


async def test_the_export_dialog_offers_formats_and_styles(tmp_path: Path) -> None:
    from reader.app.screens import ExportScreen
    from reader.article import from_text

    article = from_text(load(SEED).text, str(tmp_path / "artikel.txt"), "text")
    app = ReaderApp(article, config=OFFLINE, analyser=hand_analysis)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("down")  # footnotes
        await pilot.press("enter")
        await settle(pilot)
        written = (tmp_path / "artikel.annotated.md").read_text(encoding="utf-8")
        assert 'style: "footnotes"' in written
        await pilot.press("e", "up")  # JSON: the extension follows
        await pilot.pause()
        assert app.screen.query_one("#export-path", Input).value.endswith(".annotated.json")
        await pilot.press("enter")
        await settle(pilot)
        data = json.loads((tmp_path / "artikel.annotated.json").read_text(encoding="utf-8"))
        assert data["schema"] == "reader-export"
