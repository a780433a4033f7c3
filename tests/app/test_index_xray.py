"""The entity index as X-Ray readers expect it: descriptions, type filter and tabs, "on
screen", the distribution bar, excerpts and two orders."""

from __future__ import annotations

from app_support import SEED, hand_analysis, settle
from textual.widgets import OptionList

from glossary.models import GlossaryEntry, Status
from reader.app.app import ReaderApp
from reader.app.index_screen import IndexScreen
from reader.article import load
from reader.config import Config

OFFLINE = Config(offline=True, api_url="http://127.0.0.1:9/{lang}/api.php")
PLACES = {"Kreml", "Moskau", "Kiew", "Ukraine", "Russland"}


def listed(screen: IndexScreen) -> list[str]:
    return [entity.name for entity in screen.listed]


def prompts(screen: IndexScreen) -> list[str]:
    option_list = screen.query_one("#index-list", OptionList)
    return [str(option_list.get_option_at_index(n).prompt)
            for n in range(option_list.option_count)]


async def test_the_index_features() -> None:
    app = ReaderApp(load(SEED), config=OFFLINE, analyser=hand_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.main.session.entries["per:peskow"] = GlossaryEntry(
            query="Dmitri Peskow", lang="de", status=Status.FOUND, title="Dmitri Peskow",
            description="Sprecher [b]des[/b] Präsidenten (Testtext)")
        await pilot.press("G", "i")  # the end of the article on screen
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, IndexScreen)
        assert len(listed(screen)) == 9
        peskow = next(p for p in prompts(screen) if "Dmitri Peskow" in p)
        assert "Sprecher [b]des[/b] Präsidenten (Testtext)" in peskow  # as written
        ukraine = next(p for p in prompts(screen) if "Ukraine" in p)
        assert "22×" in ukraine and "█" in ukraine  # count and where the mentions fall
        detail = str(screen.query_one("#index-detail").render())
        assert detail.startswith("Dmitri Peskow · person · 10 mentions")
        assert detail.count("Peskow") >= 4  # the name and three excerpts
        await pilot.press(*"place")
        assert set(listed(screen)) == PLACES
        await pilot.press("space", *"kiew")  # "place kiew"
        assert listed(screen) == ["Kiew"]
        for _ in range(10):
            await pilot.press("backspace")
        await pilot.press("tab")  # People
        assert listed(screen) == ["Dmitri Peskow"]
        await pilot.press("tab", "tab")  # Places
        assert set(listed(screen)) == PLACES
        await pilot.press("ctrl+o")  # first appearance
        assert listed(screen) == ["Kiew", "Moskau", "Ukraine", "Russland", "Kreml"]
        await pilot.press("tab", "tab")  # On screen
        start, end = app.view.visible_range()
        on_screen = {e.name for e in app.main.session.analysis.entities  # type: ignore[union-attr]
                     if any(start <= m.start < end for m in e.mentions)}
        assert set(listed(screen)) == on_screen and 0 < len(on_screen) < 9
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, IndexScreen)
        assert app.mentions is not None and app.view.selected is not None
        assert app.mentions.entities[app.view.selected].name == listed(screen)[0]
