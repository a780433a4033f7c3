"""Snapshots of the main screens (pytest-textual-snapshot; update with --snapshot-update).

Deterministic: fixed terminal sizes, the hand-made analysis, offline with an empty cache,
and a glossary entry set by the test (no server port in a URL, no spinner, no clock).
"""

from __future__ import annotations

from typing import Any

from app_support import MakeApp, settle

from glossary.models import Candidate, GlossaryEntry, Status

PESKOW = GlossaryEntry(
    query="Dmitri Peskow", lang="de", status=Status.FOUND, title="Dmitri Peskow",
    description="Sprecher des russischen Präsidenten (Testtext)",
    intro="Ein Testeintrag in eigenen Worten: Peskow spricht seit vielen Jahren für den "
          "Kreml und erklärt dessen Haltung gegenüber der Presse.",
    url="https://de.wikipedia.org/wiki/Dmitri_Peskow",
    candidates=(Candidate("Dmitri Peskow"), Candidate("Peskow (Familienname)",
                                                     "Familienname (Testtext)")),
)


async def select_peskow(pilot: Any) -> None:
    await settle(pilot)
    app = pilot.app
    app.session.entries["per:peskow"] = PESKOW
    app.main.jump_to_entity("per:peskow")
    await pilot.pause()


def test_main_screen_with_an_entity_selected(snap_compare: Any, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(140, 40), run_before=select_peskow)


def test_narrow_screen_with_find_matches(snap_compare: Any, make_app: MakeApp) -> None:
    async def find(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("slash", *"ukraine", "enter", "escape")
        await pilot.press("tab")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(90, 36), run_before=find)


def test_entity_index(snap_compare: Any, make_app: MakeApp) -> None:
    async def index(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("i", "r")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=index)


def test_jump_labels(snap_compare: Any, make_app: MakeApp) -> None:
    async def jump(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("f")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(140, 30), run_before=jump)
