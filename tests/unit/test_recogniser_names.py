"""Names the reader adds (inflected forms, both recognisers), canonical names, and the
component's shape. Every sentence is written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.analysis import analyse, get_recogniser
from reader.analysis.canonical import nominative
from reader.analysis.embedded import GermanNER, build_pipeline
from reader.analysis.user_patterns import RULER, UserNames, ruler_patterns, word_forms

ADDED = [{"label": "LOC", "pattern": "Großbritannien", "id": "user"},
         {"label": "ORG", "pattern": "Deutsche Bahn", "id": "user"},
         {"label": "PER", "pattern": "Quirin Blaschke", "id": "user"}]


def _entities(text: str, tmp_path: Path, **options: object) -> dict[str, tuple[str, list[str]]]:
    found = analyse(text, model=str(options.pop("model", "embedded")), cache_dir=tmp_path,
                    **options)  # type: ignore[arg-type]
    return {e.name: (e.label, [m.text for m in e.mentions]) for e in found.entities}


def test_word_forms_of_added_names() -> None:
    assert word_forms("Großbritannien", last=True) == ["Großbritannien", "Großbritanniens",
                                                       "Großbritannienes"]
    assert "Bundestages" in word_forms("Bundestag", last=True)
    assert word_forms("Paris", last=True) == ["Paris"]  # no "Pariss", never "Pari"
    assert "Deutschen" in word_forms("Deutsche", last=False)
    assert word_forms("von", last=False) == ["von"]


def test_ruler_patterns_add_one_token_pattern_per_inflected_phrase() -> None:
    patterns = ruler_patterns(ADDED[:2])
    assert patterns[0] == ADDED[0]
    assert patterns[1]["pattern"] == [{"ORTH": {"IN": word_forms("Großbritannien", True)}}]
    assert patterns[1]["id"] == "user" and patterns[1]["label"] == "LOC"


def test_added_names_match_their_inflected_forms_in_the_embedded_recogniser(
        tmp_path: Path) -> None:
    text = ("Die Flotte Großbritanniens lag vor Anker. Ein Sprecher der Deutschen Bahn sagte, "
            "Quirin Blaschkes Plan sei gut. Großbritannien wartet.")
    found = _entities(text, tmp_path, extra_patterns=ADDED)
    assert found["Großbritannien"] == ("LOC", ["Großbritanniens", "Großbritannien"])
    assert found["Deutsche Bahn"] == ("ORG", ["Deutschen Bahn"])
    assert found["Quirin Blaschke"][0] == "PER"


def test_user_patterns_go_through_spacys_entity_ruler() -> None:
    nlp = build_pipeline(ADDED)
    assert nlp.pipe_names == [RULER, "reader_german_ner"]
    assert nlp.get_pipe(RULER).__class__.__name__ == "EntityRuler"
    assert build_pipeline().pipe_names == ["reader_german_ner"]


def test_the_component_keeps_entities_already_set() -> None:
    nlp = build_pipeline()
    doc = nlp.make_doc("Gestern sprach Angela Merkel in Hamburg.")
    from spacy.tokens import Span

    doc.ents = [Span(doc, 2, 3, label="MISC")]  # "Angela", set by an earlier component
    component = nlp.get_pipe("reader_german_ner")
    assert isinstance(component, GermanNER)
    doc = component(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Angela", "MISC"), ("Merkel", "PER"), ("Hamburg", "LOC")]


def test_canonical_names_are_uninflected() -> None:
    assert nominative("Deutschen Bahn") == "Deutsche Bahn"
    assert nominative("Deutschen Bundestages") == "Deutscher Bundestag"
    assert nominative("Roten Kreuzes") == "Rotes Kreuz"
    assert nominative("Vereinten Nationen") == "Vereinte Nationen"
    assert nominative("Frankfurter Allgemeine Zeitung") == "Frankfurter Allgemeine Zeitung"
    assert nominative("Paris") == "Paris"
    assert nominative("Bremen") == "Bremen"


def test_declined_institution_and_genitive_place_get_their_canonical_names(
        tmp_path: Path) -> None:
    text = ("Der Zug der Deutschen Bahn fuhr ab. Die Küste Großbritanniens war nah. "
            "In Paris regnete es, die Straßen von Paris waren leer.")
    found = _entities(text, tmp_path)
    assert found["Deutsche Bahn"][0] == "ORG"
    assert found["Großbritannien"] == ("LOC", ["Großbritanniens"])
    assert found["Paris"] == ("LOC", ["Paris", "Paris"])
    assert "Pari" not in found


@pytest.mark.parametrize("sentence", [
    "Die Arbeiten dauern bis Ende Mai, sagte der Bauleiter.",
    "Von Ende 2025 an gilt die neue Regel.",
    "Bis Ende des Jahres soll alles fertig sein.",
])
def test_ende_before_a_date_is_no_place(sentence: str, tmp_path: Path) -> None:
    assert "Ende" not in _entities(sentence, tmp_path)


def test_user_names_map_forms_to_the_name_as_written() -> None:
    names = UserNames(ADDED)
    assert names.canonical("Großbritanniens") == "Großbritannien"
    assert names.canonical("Deutschen Bahn") == "Deutsche Bahn"
    assert names.canonical("Bahn") is None
    assert not UserNames()


def test_added_names_are_inflected_in_the_statistical_recogniser_too(tmp_path: Path) -> None:
    import spacy

    path = tmp_path / "blank_ner"
    nlp = spacy.blank("de")
    nlp.add_pipe("ner").add_label("PER")
    nlp.initialize()
    nlp.meta["name"] = "blank_ner"
    nlp.to_disk(path)
    recogniser = get_recogniser(str(path), extra_patterns=ADDED[:1])
    text = "Die Flotte Großbritanniens lag vor Anker."
    [spans] = recogniser.spans([text])
    assert [(text[s.start:s.end], s.label) for s in spans] == [("Großbritanniens", "LOC")]
