"""The embedded German recogniser on short texts written for these tests."""

from __future__ import annotations

import pytest

from reader.analysis import get_recogniser, recognise_texts


def _found(text: str) -> dict[str, str]:
    spans = recognise_texts([text], model="embedded")[0]
    return {text[s.start:s.end]: s.label for s in spans}


def test_name_and_version_are_shown() -> None:
    recogniser = get_recogniser("embedded")
    assert recogniser.name.startswith("embedded ")
    assert recogniser.id.startswith("embedded:")
    assert get_recogniser("embedded") is recogniser  # loaded once per process


def test_person_with_first_name_and_later_surname_alone() -> None:
    found = _found("Gestern sprach Angela Merkel in Hamburg. Merkel lobte die Helfer.")
    assert found["Angela Merkel"] == "PER"
    assert found["Merkel"] == "PER"
    assert found["Hamburg"] == "LOC"
    assert "Helfer" not in found


def test_role_noun_before_unknown_name_is_not_part_of_it() -> None:
    found = _found("Am Abend sagte Regierungssprecherin Tobaldine Quarkenau, man warte ab.")
    assert found == {"Tobaldine Quarkenau": "PER"}
    found = _found("Laut Oberst Wrzonek ist die Lage ruhig. Wrzonek war selbst vor Ort.")
    assert found == {"Wrzonek": "PER"}


def test_unknown_surname_found_everywhere_after_first_name_evidence() -> None:
    text = "Kanzler Olaf Brümmelmann reiste ab. Später widersprach Brümmelmann."
    spans = recognise_texts([text], model="embedded")[0]
    assert [(text[s.start:s.end], s.label) for s in spans] == [
        ("Olaf Brümmelmann", "PER"), ("Brümmelmann", "PER")]


def test_genitive_of_places() -> None:
    found = _found("Die Grenzen Russlands und Frankreichs Präsident trafen auf Kiews Bürger.")
    assert found.get("Russlands") == "LOC"
    assert found.get("Frankreichs") == "LOC"
    assert found.get("Kiews") == "LOC"


def test_acronyms_legal_forms_and_institutions() -> None:
    found = _found("Die Firma Quendelbeck GmbH verklagte die EZB, berichtete die Agentur "
                   "Zoranex.")
    assert found["Quendelbeck GmbH"] == "ORG"
    assert found["EZB"] == "ORG"
    assert found["Zoranex"] == "ORG"


def test_multiword_group_found_by_its_form() -> None:
    found = _found("In Rom traf sich die Allianz der Entschlossenen zum ersten Mal.")
    assert found["Allianz der Entschlossenen"] == "ORG"
    assert found["Rom"] == "LOC"


def test_cities_and_countries() -> None:
    found = _found("Der Zug fährt von München über Wien nach Budapest in Ungarn.")
    assert found == {"München": "LOC", "Wien": "LOC", "Budapest": "LOC", "Ungarn": "LOC"}


@pytest.mark.parametrize("text", [
    "Sicherheitsgarantien sind wichtig. Waffenruhe bleibt unsicher.",
    "Trotzdem kam es anders. Gleich danach lief der Liveblog weiter.",
    "Fotos zeigen die Zerstörung. Auch Kinder und Lehrer halfen mit.",
    "Die Staats- und Regierungschefs berieten über Friedenstruppen.",
])
def test_common_nouns_and_sentence_starts_are_not_names(text: str) -> None:
    assert _found(text) == {}


def test_compounds_with_a_name_are_not_entities() -> None:
    found = _found("Die Nato-Staaten und der Kreml-Chef Wladimir Putin.")
    assert "Nato-Staaten" not in found
    assert "Kreml-Chef" not in found
    assert found["Wladimir Putin"] == "PER"


def test_extra_patterns_and_hidden_names() -> None:
    text = "Die Brummelwerke liefern nach Berlin."
    recogniser = get_recogniser("embedded", extra_patterns=[
        {"label": "ORG", "pattern": "Brummelwerke"}], hidden=["Berlin"])
    spans = recogniser.spans([text])[0]
    assert [(text[s.start:s.end], s.label) for s in spans] == [("Brummelwerke", "ORG")]
    assert recogniser.id != get_recogniser("embedded").id
