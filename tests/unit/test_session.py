"""The headless session: analysis with corrections, entries and notes by entity key,
the export bundle, and corrections as change objects (the same code for app and CLI)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from glossary.models import GlossaryEntry, Status
from reader.analysis.model import Analysis, Entity, Mention
from reader.article import from_text
from reader.config import Config
from reader.corrections import store_for
from reader.errors import ReaderError
from reader.session import (
    AddEntity,
    ChoosePage,
    HideEntity,
    RemoveEntity,
    Session,
    SetNote,
    UnhideEntity,
    apply_change,
)

TEXT = "Paris kam nach Paris. Später sprach Paris mit der Presse in Lyon."
WHEN = dt.datetime(2025, 9, 1, 12, 0, tzinfo=dt.UTC)


def two_parises(text: str) -> Analysis:
    """Two entities with the same name and different labels (the person, the city)."""
    person = Entity("PER:Paris", "Paris", "PER", mentions=[Mention(0, 5, "Paris")])
    city = Entity("LOC:Paris", "Paris", "LOC", mentions=[Mention(15, 20, "Paris")])
    lyon = Entity("LOC:Lyon", "Lyon", "LOC", mentions=[Mention(60, 64, "Lyon")])
    assert text[15:20] == "Paris" and text[60:64] == "Lyon"
    return Analysis([person, city, lyon], "hand 1.0")


def found(name: str, title: str, description: str) -> GlossaryEntry:
    return GlossaryEntry(name, "de", Status.FOUND, title=title, description=description,
                         url=f"https://de.wikipedia.org/wiki/{title.replace(' ', '_')}")


def test_entries_and_notes_of_entities_with_the_same_name_stay_apart() -> None:
    session = Session(from_text(TEXT), Config(offline=True), analyser=two_parises)
    session.run_analysis()
    session.entries = {"PER:Paris": found("Paris", "Paris (Sagengestalt)", "Figur"),
                       "LOC:Paris": found("Paris", "Paris", "Hauptstadt")}
    data = json.loads(session.bundle().render("json", exported_at=WHEN))
    glossary = {e["key"]: e["glossary"] for e in data["entities"]}
    assert glossary["PER:Paris"]["title"] == "Paris (Sagengestalt)"
    assert glossary["LOC:Paris"]["title"] == "Paris"
    assert glossary["LOC:Lyon"] is None
    markdown = session.bundle().render("md", exported_at=WHEN)
    assert "Paris_(Sagengestalt)" in markdown and "Hauptstadt" in markdown


def test_offline_session_lists_every_entity_as_not_cached() -> None:
    session = Session(from_text(TEXT), Config(offline=True), analyser=two_parises)
    session.run_analysis()
    entries = session.gather_entries()
    assert set(entries) == {"PER:Paris", "LOC:Paris", "LOC:Lyon"}
    assert {entry.status for entry in entries.values()} == {Status.NOT_CACHED}
    assert set(session.queries) == set(entries)
    session.close()


def test_lookup_gives_every_entity_its_entry_by_key(wiki_server: Any) -> None:
    config = Config(api_url=wiki_server.api_url, fallback_lang="")
    with Session(from_text(TEXT), config, analyser=two_parises) as session:
        session.run_analysis()
        entries = session.gather_entries()
    assert set(entries) == {"PER:Paris", "LOC:Paris", "LOC:Lyon"}
    assert wiki_server.request_count > 0


def test_notes_are_keyed_by_entity_and_reach_the_bundle() -> None:
    config = Config(offline=True)
    session = Session(from_text(TEXT), config, analyser=two_parises)
    session.apply(SetNote("Lyon", "Am Zusammenfluss zweier Flüsse"))
    session.run_analysis()
    assert session.notes() == {"LOC:Lyon": "Am Zusammenfluss zweier Flüsse"}
    data = json.loads(session.bundle().render("json", exported_at=WHEN))
    assert {e["key"]: e["note"] for e in data["entities"]}["LOC:Lyon"] == (
        "Am Zusammenfluss zweier Flüsse")


def test_hidden_names_leave_the_analysis_and_come_back() -> None:
    article = from_text(TEXT)
    session = Session(article, Config(offline=True), analyser=two_parises)
    session.apply(HideEntity("Lyon", article.sha256))
    assert [e.key for e in session.run_analysis().entities] == ["PER:Paris", "LOC:Paris"]
    elsewhere = Session(from_text(TEXT + " Ende."), Config(offline=True), analyser=two_parises)
    assert "LOC:Lyon" in {e.key for e in elsewhere.run_analysis().entities}
    assert UnhideEntity("Lyon").reanalyse
    session.apply(UnhideEntity("Lyon"))
    assert "LOC:Lyon" in {e.key for e in session.run_analysis().entities}


def test_changes_apply_to_the_store_and_say_whether_to_reanalyse() -> None:
    store = store_for(Config())
    corrections = apply_change(store, AddEntity("Blauwal Kollektiv", "org"))
    assert corrections.added == {"Blauwal Kollektiv": "ORG"}
    apply_change(store, ChoosePage("Kreml", "de", "Moskauer Kreml"))
    apply_change(store, SetNote("Kreml", "Sitz der Regierung"))
    stored = store.load()
    assert stored.page_for("Kreml", "de") == "Moskauer Kreml"
    assert stored.note_for("Kreml") == "Sitz der Regierung"
    assert AddEntity("x", "PER").reanalyse and HideEntity("x").reanalyse
    assert not SetNote("x", "y").reanalyse and not ChoosePage("x", "de", "").reanalyse
    apply_change(store, RemoveEntity("Blauwal Kollektiv"))
    assert store.load().added == {}


@pytest.mark.parametrize(("change", "words"), [(UnhideEntity("Kreml"), "is not hidden"),
                                               (RemoveEntity("Kreml"), "not an entity")])
def test_a_change_without_effect_is_an_error_and_writes_nothing(change: Any,
                                                                words: str) -> None:
    store = store_for(Config())
    apply_change(store, SetNote("Kreml", "bleibt"))
    before = store.corrections_path.read_bytes()
    with pytest.raises(ReaderError, match=words):
        apply_change(store, change)
    assert store.corrections_path.read_bytes() == before


def test_a_damaged_corrections_file_is_an_error_or_a_warning() -> None:
    config = Config(offline=True)
    store = store_for(config)
    store.directory.mkdir(parents=True, exist_ok=True)
    store.corrections_path.write_text("{not json", encoding="utf-8")
    session = Session(from_text(TEXT), config, analyser=two_parises)
    with pytest.raises(ReaderError):
        session.run_analysis()
    analysed = session.analyse(strict=False)
    assert analysed.warning and len(analysed.analysis.entities) == 3
    assert store.corrections_path.read_text(encoding="utf-8") == "{not json"


def test_bundle_needs_an_analysis() -> None:
    with pytest.raises(ReaderError):
        Session(from_text(TEXT), Config(offline=True)).bundle()
