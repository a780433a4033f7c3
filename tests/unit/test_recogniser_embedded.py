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


def test_given_names_that_are_common_words_need_a_surname() -> None:
    found = _found("Gestern sprach Ernst Pfannhuber über die Lage. Ernst blieb die Stimmung.")
    assert found.get("Ernst Pfannhuber") == "PER"
    assert "Ernst" not in found


def test_noun_after_given_name_is_the_surname_only_right_after_it() -> None:
    found = _found("Am Montag reiste Peter Stein ab.")
    assert found == {"Peter Stein": "PER"}


def test_particles_join_a_persons_name() -> None:
    found = _found("Der Vertrag wurde von Franz von Quirlingen unterschrieben.")
    assert found == {"Franz von Quirlingen": "PER"}


def test_city_named_like_a_noun_is_a_place_only_after_a_preposition() -> None:
    assert _found("Die Fähre fährt morgen nach Kiel.") == {"Kiel": "LOC"}
    assert _found("Der Kiel des Bootes war beschädigt.") == {}


def test_unknown_word_alone_is_not_a_person_without_evidence() -> None:
    assert _found("Das Zwirbelgrok wurde gestern vorgestellt.") == {}
    assert _found("Die Lage sei ernst, sagte Wrummelsen am Abend.") == {"Wrummelsen": "PER"}


def test_sports_clubs_and_teams() -> None:
    found = _found("Der FC Bummelstadt 04 verlor gegen Borussia Dortmund und Manchester United.")
    assert found["FC Bummelstadt 04"] == "ORG"
    assert found["Borussia Dortmund"] == "ORG"
    assert found["Manchester United"] == "ORG"


def test_institutions_named_after_places_and_place_adjectives() -> None:
    found = _found("Sie studierte an der Universität Leipzig und las die Berliner Zeitung.")
    assert found == {"Universität Leipzig": "ORG", "Berliner Zeitung": "ORG"}
    found = _found("Die Polizei sperrte die Gubener Straße und den Quappenweg.")
    assert found.get("Gubener Straße") == "LOC"


def test_place_adjective_before_a_noun_is_not_an_entity() -> None:
    assert _found("Der Wülfrather Gemeinderat tagte lange.") == {}


def test_places_joined_by_a_slash_and_prefixed_places() -> None:
    found = _found("München/Hamburg (dpa) Die Kur in Bad Quellingen hilft.")
    assert found["München/Hamburg"] == "LOC"
    assert found["Bad Quellingen"] == "LOC"


def test_legal_form_ends_a_multiword_company_name() -> None:
    found = _found("Den Auftrag erhielt die Brumm Wendler Projektbau GmbH aus Ulm.")
    assert found["Brumm Wendler Projektbau GmbH"] == "ORG"
    assert found["Ulm"] == "LOC"


def test_adjective_and_institution_head() -> None:
    found = _found("Das meldete die Deutsche Presse-Agentur am Abend.")
    assert found == {"Deutsche Presse-Agentur": "ORG"}


def test_initials_alone_are_not_names() -> None:
    assert _found("Man sehe z. B. die Tabelle auf S. 12.") == {}
