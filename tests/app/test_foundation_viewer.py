"""The viewer shows article text literally: markup-like text and escapes are data."""

from __future__ import annotations

from app_support import MakeApp

from reader.app.app import ReaderApp
from reader.article import from_text
from reader.config import Config

TRICKY = (
    "Titel [b]nicht fett[/b]\n\n"
    "Absatz mit [link=https://example.org]Link[/link], [@click=app.quit]Klick[/] und [/].\n\n"
    "Escape \x1b[31mrot\x1b[0m und \x1b]0;Fenstertitel\x07 Ende."
)


def screen_text(app: ReaderApp) -> str:
    """Everything the screen shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_markup_is_shown_literally_and_click_actions_are_inert(make_app: MakeApp) -> None:
    app = make_app(from_text(TRICKY, "tricky.txt"), config=Config(), analyser=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "[b]nicht fett[/b]" in shown
        assert "[link=https://example.org]Link[/link]" in shown
        assert "[@click=app.quit]Klick[/]" in shown
        assert "Escape rot und Ende." in shown
        assert "\x1b" not in shown
        await pilot.click(offset=(10, 8))  # clicking the text must not run any action
        await pilot.pause()
        assert app.is_running


async def test_q_quits(make_app: MakeApp) -> None:
    app = make_app(config=Config(), analyser=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Kremlsprecher Dmitri Peskow" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
