"""Long documents: the first screen is wrapped first, the rest while idle or on demand.

Texts of ~150 kB with a small wrapping step, so the incremental states can be seen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import MakeApp, settle

from reader.app import article_base
from reader.article import Article, from_text
from reader.wrap import LineTable, wrap_blocks

SIZE = (100, 30)


def long_article(paragraphs: int = 900) -> Article:
    """Numbered paragraphs (each word findable), about 170 characters each."""
    body = "\n\n".join(
        f"Absatz {n}: Die Koalition der Willigen beriet in Kiew und Moskau über die Lage; "
        f"Dmitri Peskow sagte dazu nichts, berichtete Interfax am Tag Nummer {n}."
        for n in range(1, paragraphs + 1))
    return from_text("Ein langer Text\n\n" + body + "\n\nSchlusswort Zaunkönig.", "long.txt",
                     "text")


@pytest.fixture
def small_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wrap in small steps and slowly, so the text is wrapped in many ticks."""
    monkeypatch.setattr(article_base, "WRAP_STEP", 2_000)
    monkeypatch.setattr(article_base, "WRAP_INTERVAL", 0.5)


def screen_text(app: object) -> str:
    view = app.view  # type: ignore[attr-defined]
    return "\n".join(view.render_line(y).text for y in range(view.size.height))


def test_a_line_table_wrapped_in_steps_equals_wrapping_at_once() -> None:
    article = long_article(60)
    table = LineTable(article.text, article.paragraphs, 37, {"quote": 2})
    assert table.reach(5) and not table.complete
    assert table.line_of_offset(len(article.text) // 2) > 5
    while not table.step(500):
        assert len(table) < table.estimate() * 2
    assert list(table) == wrap_blocks(article.text, article.paragraphs, 37, {"quote": 2})
    assert table.estimate() == len(table)
    with pytest.raises(IndexError):
        table[len(table)]


async def test_the_end_of_a_long_text_is_reached_before_it_is_wrapped(
        make_app: MakeApp, small_steps: None) -> None:
    app = make_app(long_article())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = app.view.lines
        assert not lines.complete and "Absatz 1:" in screen_text(app)
        assert app.view.virtual_size.height > len(lines)  # the estimated scroll range
        await pilot.press("G")
        assert lines.complete
        assert app.view.virtual_size.height == len(lines)
        assert "Schlusswort Zaunkönig." in screen_text(app)
        await pilot.press("g")
        assert "Absatz 1:" in screen_text(app)


async def test_find_reaches_a_word_at_the_end_before_it_is_wrapped(
        make_app: MakeApp, small_steps: None) -> None:
    app = make_app(long_article())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.view.lines.complete
        await pilot.press("slash", *"Zaunkönig")
        await pilot.pause()
        assert len(app.view.matches) == 1
        assert "Schlusswort Zaunkönig" in screen_text(app)
        await pilot.press("escape")
        start, end = app.view.visible_range()
        assert start <= app.article.text.index("Zaunkönig") < end


async def test_resizing_while_wrapping_keeps_the_top_line_and_wraps_anew(
        make_app: MakeApp, small_steps: None) -> None:
    article = long_article()
    app = make_app(article)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.view.scroll_to_offset(article.text.index("Absatz 300:"))
        await pilot.pause()
        top, _ = app.view.visible_range()
        await pilot.resize_terminal(70, 30)
        await pilot.pause()
        lines = app.view.lines
        assert lines.width < 80 and not lines.complete
        after, _ = app.view.visible_range()
        assert article.paragraph_at(after) == article.paragraph_at(top)
        await pilot.press("G")
        assert list(lines) == wrap_blocks(article.text, article.paragraphs, lines.width,
                                          article_base.block_style.INDENTS)


async def test_the_first_screen_is_highlighted_before_the_whole_text_is_recognised(
        make_app: MakeApp, tmp_path: Path) -> None:
    """The real recogniser (in a child process): provisional highlights on screen while the
    status line shows the progress, then the final analysis, equal to the whole one."""
    from reader.analysis.cache import to_json
    from reader.config import Config
    from reader.session import Session

    article = long_article(1800)  # about 300 kB: three pieces
    config = Config(offline=True)
    app = make_app(article, config=config, analyser=None)
    seen_provisional = False
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3000):
            await pilot.pause(0.01)
            if app.main.status.busy.startswith("recognising"):
                assert app.main.session.analysis is None
                mentions = app.view.mentions
                start, end = app.view.visible_range()
                assert mentions is not None and len(mentions.ranges.between(start, end))
                seen_provisional = True
            if app.main.session.analysis is not None:
                break
        await settle(pilot)
        final = app.main.session.analysis
        assert seen_provisional and final is not None and not app.main.status.busy
    elsewhere = Config(offline=True, cache_dir=str(tmp_path))  # not the child's cache
    whole = Session(article, elsewhere).analyse().analysis
    assert to_json(final) == to_json(whole)


def test_lines_and_find_matches_take_a_few_bytes_each() -> None:
    """No object per display line or per match: integer arrays (the memory of a long text)."""
    import tracemalloc

    from reader.app.marks import find_all

    article = long_article()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        table = LineTable(article.text, article.paragraphs, 60)
        table.finish()
        lines = tracemalloc.get_traced_memory()[0] - before
        before = tracemalloc.get_traced_memory()[0]
        matches = find_all(article.text, "e")
        found = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(table) > 3_000 and lines / len(table) <= 16
    assert len(matches) > 10_000 and found / len(matches) <= 12


async def test_a_layout_of_the_screen_leaves_the_view_scrollbar_alone(
        make_app: MakeApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """The panel showing another entity lays the screen out again: the article view's
    scrollbar is repainted only when its range changed (one frame less per key)."""
    app = make_app(long_article())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.view
        bar = view.vertical_scrollbar
        repaints: list[int] = []
        original = type(bar).refresh

        def counted(self: object, *args: object, **kwargs: object) -> object:
            if self is bar:
                repaints.append(1)
            return original(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(type(bar), "refresh", counted)
        app.screen.refresh(layout=True)
        await pilot.pause()
        assert repaints == []
        view.wrap_all()  # the range changes: the scrollbar follows
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_offset.y == view.max_scroll_y > 0
        assert repaints


async def test_a_long_text_is_searched_by_a_worker_and_the_last_query_wins(
        make_app: MakeApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """Typing in find is answered at once; the matches of a long text come from a worker,
    and those of a query typed over are never shown."""
    from reader.app import finding

    monkeypatch.setattr(finding, "FIND_IN_WORKER_CHARS", 10_000)
    article = long_article()
    app = make_app(article)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        searched: list[str] = []
        real = finding.find_all

        def recorded(text: str, query: str, *args: object, **kwargs: object) -> object:
            searched.append(query)
            return real(text, query, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(finding, "find_all", recorded)
        for key in "nummer 12":
            await pilot.press("space" if key == " " else key)
        await settle(pilot)
        expected = article.text.lower().count("nummer 12")
        assert expected > 10
        assert app.main.find_bar.count_text.endswith(f"/{expected}")
        assert len(app.view.matches) == expected
        assert searched and searched[-1] == "nummer 12"
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace",
                          "backspace", "backspace", "backspace", "backspace")
        await settle(pilot)
        assert len(app.view.matches) == 0 and app.main.find_bar.count_text == ""
