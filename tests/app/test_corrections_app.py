"""Pilot tests of the reader's corrections in the app: add an entity, hide one, choose and
type a glossary page, write a note; then restart the app, and open a second article.

The story tests use the real (embedded) recogniser through reader.pipeline, the real
corrections store in the isolated data directory and the local wiki server (real HTTP), so
what is checked is what a reader gets. Each check looks at the state (the store, the
analysis) and at the screen (the drawn article lines, the exported screen text).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from app_support import SEED, MakeApp, settle
from textual.events import MouseMove
from textual.pilot import Pilot
from textual.widgets import Input

from reader.analysis.model import LABELS
from reader.app.app import ReaderApp
from reader.app.correction_screens import (
    HiddenScreen,
    HideScreen,
    LabelScreen,
    NoteScreen,
    PageScreen,
)
from reader.article import Article, from_text, load
from reader.config import Config
from reader.corrections import Corrections, store_for

SIZE = (140, 40)

#: A second article (our own words) with names the reader corrected in the first one.
SECOND = """\
date 2025-09-08 Nach dem Wirtschaftsforum in Wladiwostok wirbt Moskau um Partner in Asien.

Wladimir Putin sprach beim Wirtschaftsforum vor Gästen aus China und Indien. Der Kreml \
nannte das Treffen einen Erfolg. Quelle: dpa

Beobachter in Kiew sehen darin vor allem ein Signal an Europa.
"""


def config_for(server: Any) -> Config:
    """The configuration pointed at the test server, with the embedded recogniser."""
    return Config(api_url=server.api_url, fallback_lang="", model="embedded")


def screen_text(app: ReaderApp) -> str:
    """Everything drawn on the terminal, line by line (from the app's screenshot)."""
    svg = app.export_screenshot()
    lines: dict[str, list[str]] = {}
    for line, text in re.findall(r'<text [^>]*clip-path="url\(#[^)]*-line-(\d+)\)">([^<]*)'
                                 r"</text>", svg):
        lines.setdefault(line, []).append(html.unescape(text).replace("\xa0", " "))
    return "\n".join("".join(parts) for _, parts in sorted(lines.items(),
                                                           key=lambda item: int(item[0])))


def drawn_labels(app: ReaderApp, start: int, end: int) -> set[str]:
    """Labels whose highlight the article view draws over text ``[start, end)``."""
    view = app.view
    line = view.line_of_offset(start)
    drawn = view.line_text(line)
    begin = start - view.lines[line].start
    stop = end - view.lines[line].start
    styles = {span.style for span in drawn.spans if span.start <= begin and span.end >= stop}
    return {label for label in LABELS if view.label_style(label) in styles}


def offsets(article: Article, word: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` whole-word occurrence of ``word`` in the article."""
    match = list(re.finditer(rf"\b{re.escape(word)}\b", article.text))[nth]
    return match.start(), match.end()


def first_mention(app: ReaderApp, name: str) -> tuple[int, int]:
    """Offsets of the first mention of entity ``name``."""
    assert app.session.analysis is not None
    entity = next(e for e in app.session.analysis.entities if e.name == name)
    return entity.mentions[0].start, entity.mentions[0].end


def names(app: ReaderApp) -> dict[str, str]:
    """Entity name -> label of the app's current analysis."""
    assert app.session.analysis is not None
    return {entity.name: entity.label for entity in app.session.analysis.entities}


async def select(pilot: Pilot[None], name: str) -> None:
    """Select the first mention of entity ``name``, as Enter in the entity index does
    (typing a filter there costs a second of key presses per call)."""
    app = pilot.app
    assert isinstance(app, ReaderApp) and app.session.analysis is not None
    app.main.jump_to_entity(next(e.key for e in app.session.analysis.entities if e.name == name))
    await settle(pilot)


async def test_corrections_made_in_the_app_last_and_help_the_next_article(
        wiki_server: Any, tmp_path: Path, make_app: MakeApp) -> None:
    config = config_for(wiki_server)
    seed = load(SEED)
    store = store_for(config)

    app = make_app(config=config, analyser=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Wirtschaftsforum" not in names(app) and "Kreml" in names(app)
        # The glossary server learns a page only now: the automatic lookup of "Kreml"
        # (the Moscow fortress) is cached; the reader knows better and types the title.
        wiki_server.add_page("de", "Kreml (Metonym)",
                             description="die russische Staatsführung (Testseite)",
                             extract="Mit Kreml ist oft die Regierung Russlands gemeint.")

        # 1. Add an entity: find the word, mark it (m), Enter, choose MISC, Enter.
        await pilot.press("slash", *"forum", "enter", "escape", "m")
        forum = offsets(seed, "Wirtschaftsforum")
        assert app.view.mark_span == forum
        assert "Mark “Wirtschaftsforum”" in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, LabelScreen)
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot)
        assert store.load().added == {"Wirtschaftsforum": "MISC"}
        assert names(app)["Wirtschaftsforum"] == "MISC"
        assert drawn_labels(app, *forum) == {"MISC"}
        assert app.view.mark is None and app.main.panel.entity is not None
        assert app.main.panel.entity.name == "Wirtschaftsforum"  # selected at once

        # 2. Choose another page among the candidates, then type a title.
        await pilot.press("i", *"kreml", "enter")  # the entity index, filtered
        await settle(pilot)
        assert "Moskauer Kreml" in app.main.panel.body_text
        await pilot.press("c")
        assert isinstance(app.screen, PageScreen)
        assert "Kreml (Nowgorod)" in screen_text(app)
        await pilot.press("down", "enter")  # the first other page
        await settle(pilot)
        assert store.load().page_for("Kreml", "de") == "Kreml (Nowgorod)"
        assert "Weliki Nowgorod" in app.main.panel.body_text
        await pilot.press("c", *"Kreml (Metonym)", "enter")
        await settle(pilot)
        assert store.load().page_for("Kreml", "de") == "Kreml (Metonym)"
        assert "die russische Staatsführung" in app.main.panel.body_text
        assert "Page chosen by you" in screen_text(app)

        # 3. A note on Putin, two lines, saved with Ctrl+S.
        await select(pilot, "Wladimir Putin")
        await pilot.press("a")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"Oft da.", "enter", *"Ja", "ctrl+s")
        await settle(pilot)
        note = "Oft da.\nJa"
        assert store.load().note_for("Wladimir Putin") == note
        assert app.main.panel.note_text == note
        assert "✎ Your note" in screen_text(app)
        assert "Oft da." in screen_text(app)

        # 4. Hide "Kreml" in this article, and the source tag "dpa" everywhere.
        kreml = first_mention(app, "Kreml")
        assert drawn_labels(app, *kreml) == {"ORG"}
        await select(pilot, "Kreml")
        await pilot.press("x")
        assert isinstance(app.screen, HideScreen)
        await pilot.press("enter")  # in this article only
        await settle(pilot)
        await select(pilot, "dpa")
        await pilot.press("x", "down", "enter")  # in every article
        await settle(pilot)
        saved = store.load()
        assert saved.is_hidden("Kreml", seed.sha256) and not saved.is_hidden("Kreml")
        assert saved.is_hidden("dpa")
        assert "Kreml" not in names(app) and "dpa" not in names(app)
        assert drawn_labels(app, *kreml) == set()
        assert drawn_labels(app, *offsets(seed, "dpa")) == set()
        assert app.main.panel.entity is None  # the hidden entity left the panel

        # 5. The export carries the note.
        await pilot.press("e")
        export = tmp_path / "seed.md"
        app.screen.query_one(Input).value = str(export)
        await pilot.press("enter")
        await settle(pilot)
        assert "Oft da." in export.read_text(encoding="utf-8")

    # Restart: a new app on the same article.
    app = make_app(config=config, analyser=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert names(app)["Wirtschaftsforum"] == "MISC"
        assert "Kreml" not in names(app) and "dpa" not in names(app)
        assert drawn_labels(app, *forum) == {"MISC"}
        assert drawn_labels(app, *kreml) == set()
        await select(pilot, "Wladimir Putin")
        assert app.main.panel.note_text == note
        assert "Oft da." in screen_text(app)
        await select(pilot, "Wirtschaftsforum")
        assert "jährliche Wirtschaftskonferenz" in app.main.panel.body_text

    # A second article: the added entity is recognised, "Kreml" (hidden only in the
    # first article) is back with the page the reader typed, "dpa" stays hidden.
    second = from_text(SECOND, "zweiter.txt")
    app = make_app(second, config=config, analyser=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert names(app)["Wirtschaftsforum"] == "MISC"
        assert drawn_labels(app, *offsets(second, "Wirtschaftsforum", 1)) == {"MISC"}
        assert "Kreml" in names(app) and "dpa" not in names(app)
        assert drawn_labels(app, *offsets(second, "dpa")) == set()
        await select(pilot, "Kreml")
        assert "die russische Staatsführung" in app.main.panel.body_text
        await select(pilot, "Wladimir Putin")
        assert app.main.panel.note_text == note
        assert "Oft da." in screen_text(app)


async def test_hidden_entities_can_be_shown_again(seed_article: Article, make_app: MakeApp) -> None:
    config = Config(offline=True)
    store = store_for(config)
    with store.editing() as corrections:
        corrections.hide("Nato")
        corrections.hide("Moskau", seed_article.sha256)
    app = make_app(config=config)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Nato" not in names(app) and "Moskau" not in names(app)
        await pilot.press("u")
        assert isinstance(app.screen, HiddenScreen)
        shown = screen_text(app)
        assert "Moskau  in this article" in shown and "Nato  in every article" in shown
        await pilot.press("down", "enter")  # Nato
        await settle(pilot)
        assert not store.load().is_hidden("Nato")
        assert names(app)["Nato"] == "ORG"
        assert drawn_labels(app, *offsets(seed_article, "Nato")) == {"ORG"}
        assert "Moskau" not in names(app)


async def test_mark_mode_moves_and_extends_word_by_word(
        seed_article: Article, make_app: MakeApp) -> None:
    app = make_app(config=Config(offline=True))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await select(pilot, "Dmitri Peskow")  # the first mention: "Kremlsprecher Dmitri Peskow"
        await pilot.press("m")
        text = seed_article.text

        def marked() -> str:
            span = app.view.mark_span
            assert span is not None
            return text[span[0]:span[1]]

        assert marked() == "Dmitri Peskow"
        await pilot.press("shift+left")
        assert marked() == "Dmitri"  # the cursor moved back over the anchor's word
        await pilot.press("H")
        assert marked() == "Kremlsprecher Dmitri"
        await pilot.press("l")
        assert marked() == "Dmitri"
        await pilot.press("L", "shift+right")
        assert marked() == "Dmitri Peskow hat"
        await pilot.press("down")
        assert app.view.mark is not None
        assert app.view.line_of_offset(app.view.words.starts[app.view.mark.cursor]) == \
            app.view.line_of_offset(text.index("Dmitri Peskow")) + 1
        await pilot.press("escape")
        assert app.view.mark is None
        assert "Mark" not in screen_text(app).splitlines()[-2]  # the hint left the status
        await pilot.press("m", "escape", "m", "enter", "escape")  # cancelled: nothing saved
        await settle(pilot)
        assert store_for(app.config).load() == Corrections()


async def test_dragging_the_mouse_marks_words(seed_article: Article, make_app: MakeApp) -> None:
    app = make_app(config=Config(offline=True))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.view
        start = seed_article.text.index("Oberst Reisner")
        view.scroll_to_offset(start)
        await pilot.pause()
        row = view.line_of_offset(start) - int(view.scroll_offset.y)
        column = view._pad + start - view.lines[view.line_of_offset(start)].start + \
            view.styles.padding.left
        await pilot.mouse_down(view, (column + 1, row))
        await pilot._post_mouse_events([MouseMove], view, (column + 12, row), button=1)
        await pilot.mouse_up(view, (column + 12, row))
        assert view.mark_span == (start, start + len("Oberst Reisner"))
        await pilot.press("enter")
        assert isinstance(app.screen, LabelScreen)
        await pilot.press("enter")  # PER, proposed
        await settle(pilot)
        assert store_for(app.config).load().added == {"Oberst Reisner": "PER"}


async def test_a_changed_note_is_not_lost_to_a_stray_escape(make_app: MakeApp) -> None:
    app = make_app(config=Config(offline=True))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await select(pilot, "Interfax")
        await pilot.press("a", *"Ok", "escape")
        assert isinstance(app.screen, NoteScreen)
        assert "Esc again discards" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert store_for(app.config).load().note_for("Interfax") == "Ok"
        await pilot.press("a", "backspace", "backspace", "ctrl+s")  # emptied: deleted
        await settle(pilot)
        assert store_for(app.config).load().notes == {}
        assert app.main.panel.note_text == ""


async def test_a_damaged_corrections_file_is_reported_and_kept(make_app: MakeApp) -> None:
    config = Config(offline=True)
    path = store_for(config).corrections_path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    app = make_app(config=config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.pause(0.1)  # toasts are drawn a moment later
        assert "Kreml" in names(app)  # the article reads normally
        assert "Not applied: cannot read corrections" in screen_text(app)
        await select(pilot, "Kreml")
        await pilot.press("x", "enter")
        await settle(pilot)
        await pilot.pause(0.1)
        assert "Not saved: cannot read corrections" in screen_text(app)
        assert "Kreml" in names(app)
    assert path.read_text(encoding="utf-8") == "{not json"  # nothing overwritten


async def test_correction_keys_are_in_the_help_and_the_palette(make_app: MakeApp) -> None:
    app = make_app(config=Config(offline=True))
    async with app.run_test(size=(140, 60)) as pilot:
        await settle(pilot)
        commands = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Add an entity…", "Hide the selected entity…", "Show hidden entity…",
                "Choose the glossary page…", "Write a note…"} <= commands
        ids = {binding.id for binding in app.BINDINGS if hasattr(binding, "id")}
        assert {"reader.hide", "reader.unhide", "reader.page", "reader.note"} <= ids
        await pilot.press("f1")
        shown = screen_text(app)
        for text in ("Corrections (your fixes", "Hide the selected entity",
                     "Mark mode (m, or drag", "Shift+←  H  B"):
            assert text in shown
