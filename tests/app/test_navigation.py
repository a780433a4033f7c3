"""Pilot tests of the reader app without the network: highlights, keys, find, index."""

from __future__ import annotations

import threading
from collections.abc import Callable

from app_support import MakeApp, settle

from reader.analysis.model import Analysis
from reader.app.app import ReaderApp
from reader.app.article_view import ArticleView
from reader.app.index_screen import IndexScreen
from reader.app.screens import HelpScreen
from reader.article import Article, from_text

SIZE = (140, 40)



def selected_name(app: ReaderApp) -> str:
    assert app.mentions is not None and app.view.selected is not None
    return app.mentions.entities[app.view.selected].name


def screen_line_with(view: ArticleView, word: str) -> int:
    for y in range(view.scrollable_content_region.height):
        if word in view.render_line(y).text:
            return y
    raise AssertionError(f"{word!r} not on screen")


async def test_entities_are_highlighted_with_label_colours(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.mentions is not None and len(app.mentions) > 20
        view = app.view
        y = screen_line_with(view, "Peskow")
        styles = {seg.text: seg.style for seg in view.render_line(y) if seg.text.strip()}
        peskow = next(style for text, style in styles.items() if "Peskow" in text)
        assert peskow is not None and peskow.bgcolor == view.label_style("PER").bgcolor
        plain = next(style for text, style in styles.items() if "Kremlsprecher" in text)
        assert plain is not None and plain.bgcolor != peskow.bgcolor
        assert view.label_style("PER") != view.label_style("LOC")
        assert "hand 1.0" in app.main.status.text and "9" in app.main.status.text


async def test_tab_moves_the_selection_and_shows_the_panel(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        assert app.view.selected == 0 and selected_name(app) == "Koalition der Willigen"
        await pilot.press("tab", "tab")
        assert app.view.selected == 2 and selected_name(app) == "Moskau"
        await pilot.press("shift+tab")
        assert app.view.selected == 1 and selected_name(app) == "Kiew"
        await pilot.press("n", "n", "p")
        assert app.view.selected == 2
        assert app.main.panel.entity is not None and app.main.panel.entity.name == "Moskau"
        # ] / . go to the next mention of the same entity, [ / , back.
        await pilot.press("full_stop")
        assert selected_name(app) == "Moskau"
        assert app.mentions is not None and app.view.selected is not None
        second = app.mentions.by_entity["loc:moskau"][1]
        assert app.view.selected == second
        await pilot.press("comma")
        assert app.view.selected == 2
        await pilot.press("left_square_bracket")
        assert app.view.selected == app.mentions.by_entity["loc:moskau"][-1]
        # The selection scrolled into view.
        mention = app.mentions.mentions[app.view.selected]
        line = app.view.line_of_offset(mention.start)
        top = int(app.view.scroll_offset.y)
        assert top <= line < top + app.view.scrollable_content_region.height


async def test_enter_focuses_the_panel_and_a_mention_there_jumps(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "tab", "enter")
        assert app.focused is not None and app.focused.id == "mentions"
        await pilot.press("down", "down", "enter")
        assert app.mentions is not None
        assert app.view.selected == app.mentions.by_entity["loc:moskau"][2]
        assert isinstance(app.focused, ArticleView)


async def test_text_shows_before_the_analysis_finishes(
        analyser: Callable[[str], Analysis], make_app: MakeApp) -> None:
    release = threading.Event()

    def slow(text: str) -> Analysis:
        release.wait(10)
        return analyser(text)

    app = make_app(analyser=slow)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Koalition der Willigen" in app.view.render_line(0).text
        assert app.mentions is None and "analysing" in app.main.status.text
        await pilot.press("tab", "j", "k")  # keys work meanwhile
        release.set()
        await settle(pilot)
        assert app.mentions is not None


async def test_a_failing_recogniser_is_a_status_not_a_crash(make_app: MakeApp) -> None:
    def broken(text: str) -> Analysis:
        raise RuntimeError("model is broken")

    app = make_app(analyser=broken)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "analysis failed" in app.main.status.text
        await pilot.press("tab", "slash", "x", "escape", "j")
        assert app.is_running


async def test_find_highlights_and_counts_matches(seed_article: Article, make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        expected = seed_article.text.lower().count("sicher")
        await pilot.press("slash", *"sicher")
        assert len(app.view.matches) == expected > 3
        assert app.main.find_bar.count_text == f"1/{expected}"
        y = screen_line_with(app.view, "Sicherheitsgarantien")
        match_bg = app.view._style("article-view--match-current").bgcolor
        assert any(seg.style is not None and seg.style.bgcolor == match_bg
                   for seg in app.view.render_line(y))
        await pilot.press("enter", "enter")
        assert app.main.find_bar.count_text == f"3/{expected}"
        await pilot.press("shift+enter")
        assert app.main.find_bar.count_text == f"2/{expected}"
        await pilot.press("escape")  # closes the bar, matches stay
        assert isinstance(app.focused, ArticleView) and len(app.view.matches) == expected
        await pilot.press("f3")
        assert app.view.current_match == 2
        await pilot.press("escape")  # in the article: clears the matches
        assert len(app.view.matches) == 0
        await pilot.press("slash", *"zzzqqq")
        assert app.main.find_bar.count_text == "no matches"


async def test_index_filters_and_jumps(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        assert isinstance(app.screen, IndexScreen)
        await pilot.press(*"inter", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, IndexScreen)
        assert selected_name(app) == "Interfax"
        assert app.main.panel.entity is not None and app.main.panel.entity.name == "Interfax"
        await pilot.press("i", "escape")
        assert not isinstance(app.screen, IndexScreen)


async def test_jump_mode_and_mouse_click_select_entities(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        assert app.view.jumping
        first_line = app.view.render_line(0).text
        assert "aalition" in first_line  # two-letter labels (many mentions): "aa" over "Ko"
        await pilot.press("a", "s")
        assert not app.view.jumping and selected_name(app) == "Kiew"
        await pilot.press("f", "escape")
        assert not app.view.jumping and selected_name(app) == "Kiew"
        # Click on "Interfax".
        view = app.view
        y = screen_line_with(view, "Interfax")
        x = view.render_line(y).text.index("Interfax") + 2
        await pilot.click(ArticleView, offset=(x + view.styles.padding.left, y))
        assert selected_name(app) == "Interfax"


async def test_scroll_keys_and_help(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        assert app.view.scroll_offset.y == 2
        await pilot.press("k")
        assert app.view.scroll_offset.y == 1
        await pilot.press("G")
        assert app.view.scroll_offset.y == app.view.max_scroll_y > 0
        await pilot.press("g")
        assert app.view.scroll_offset.y == 0
        await pilot.press("pagedown")
        assert app.view.scroll_offset.y > 3
        for key in ("f1", "question_mark"):
            await pilot.press(key)
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            assert not isinstance(app.screen, HelpScreen)


async def test_narrow_terminals_put_the_panel_below(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(90, 40)) as pilot:
        await settle(pilot)
        assert app.main.panel.region.y > app.view.region.y
        assert app.main.panel.region.width >= 80
        await pilot.press("b")
        assert not app.main.panel.display
        await pilot.press("b")
        assert app.main.panel.display
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert app.main.panel.region.x > app.view.region.x
        assert app.view.lines and max(
            line.end - line.start for line in app.view.lines) <= 81


async def test_article_text_is_never_markup(make_app: MakeApp) -> None:
    article = from_text("Titel [b]fett[/b]\n\n[@click=app.quit]x[/] und [red]rot", "t.txt",
                        "text")
    app = make_app(article)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = "\n".join(app.view.render_line(y).text for y in range(3))
        assert "[b]fett[/b]" in shown and "[@click=app.quit]x[/] und [red]rot" in shown
        assert app.is_running


async def test_command_palette_has_the_main_actions(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Entity index", "Find in article", "Toggle glossary panel",
                "Next theme", "Keys"} <= titles
        before = app.theme
        await pilot.press("t")
        assert app.theme != before
