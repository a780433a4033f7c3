"""The rules of the embedded recogniser's second round, one test each, on sentences written
for these tests (invented names where a rule must work on names nobody has seen)."""

from __future__ import annotations

import pytest

from reader.analysis import recognise_texts
from reader.analysis.scanner import Scanner


def _found(text: str) -> dict[str, str]:
    spans = recognise_texts([text], model="embedded")[0]
    return {text[s.start:s.end]: s.label for s in spans}


@pytest.mark.parametrize(("text", "name", "label"), [
    ("Der Bericht des Norvan Refugee Council erschien gestern.", "Norvan Refugee Council",
     "ORG"),
    ("Die Royal Tarvian Force schickte zwei Maschinen.", "Royal Tarvian Force", "ORG"),
    ("Sie wohnte lange am Quillon River in Kanada.", "Quillon River", "LOC"),
    ("Der Urlaub am Lago di Varenna war kurz.", "Lago di Varenna", "LOC"),
    ("Er spielte für die Tarrow Hawks in der Liga.", "Tarrow Hawks", "ORG"),
])
def test_foreign_names_by_their_head_or_place_word(text: str, name: str, label: str) -> None:
    assert _found(text).get(name) == label


def test_a_german_article_is_never_part_of_a_foreign_name() -> None:
    found = _found("Das Quillon House steht leer.")
    assert "Das Quillon House" not in found
    assert found.get("Quillon House") == "LOC"


def test_unknown_acronyms_are_organisations() -> None:
    found = _found("Im Jahr kamen QX und die Firma ZRT hinzu, sagte die KWVB.")
    assert found == {"QX": "ORG", "ZRT": "ORG", "KWVB": "ORG"}


@pytest.mark.parametrize(("text", "name", "label"), [
    ("Er lehrte am Bruno-Quendel-Gymnasium in der Stadt.", "Bruno-Quendel-Gymnasium", "ORG"),
    ("Das Wirbold-Museum zeigt Bilder.", "Wirbold-Museum", "ORG"),
    ("Sie wohnt in der Karl-Brasch-Straße neben dem Bäcker.", "Karl-Brasch-Straße", "LOC"),
])
def test_hyphenated_person_and_head(text: str, name: str, label: str) -> None:
    assert _found(text).get(name) == label


def test_the_part_of_an_organisation_is_no_name() -> None:
    assert "SPD-Fraktion" not in _found("Die SPD-Fraktion stimmte dagegen.")


def test_an_institution_with_its_purpose() -> None:
    found = _found("Er arbeitete im Bayerischen Landesamt für Wasser und Boden bis 2001.")
    assert found.get("Bayerischen Landesamt für Wasser und Boden") == "ORG"
    found = _found("Ein Sprecher des Instituts für Angewandte Ökologie widersprach.")
    assert found.get("Instituts für Angewandte Ökologie") == "ORG"


def test_names_before_an_organisation_head() -> None:
    assert _found("Das Buch erschien beim Quarzel Verlag in Bonn.").get(
        "Quarzel Verlag") == "ORG"


def test_adjectives_known_by_their_suffix() -> None:
    assert _found("Nach dem Vierjährigen Krieg war das Land arm.").get(
        "Vierjährigen Krieg") == "MISC"


def test_university_and_a_city_named_like_a_noun() -> None:
    assert _found("Sie studierte an der Universität Essen Chemie.").get(
        "Universität Essen") == "ORG"


def test_quoted_title_after_a_noun_for_a_work() -> None:
    found = _found("Der Song „ Walking on the quiet side “ lief im Radio.")
    assert found.get("Walking on the quiet side") == "MISC"
    found = _found("Er sagte „ Das ist gut “ und ging.")
    assert "Das ist gut" not in found


def test_short_quoted_titles_may_have_words_in_lower_case() -> None:
    assert _found("Sein Bild „ Tabula nova “ hängt in Bonn.").get("Tabula nova") == "MISC"
    assert "Er sagte ja und ging" not in _found("„ Er sagte ja und ging “, schrieb sie.")


def test_number_words_are_no_names() -> None:
    assert _found("Der Umsatz stieg auf 7,5 Mio Euro und 2 Mrd Dollar.") == {
        "Euro": "MISC", "Dollar": "MISC"}


@pytest.mark.parametrize(("text", "name"), [
    ("Am Samstag gewann der TVK Halle deutlich.", "TVK Halle"),
    ("Er wechselte zu Germania Halle.", "Germania Halle"),
    ("Sie begann beim SV 07 Quarzbach mit dem Fußball.", "SV 07 Quarzbach"),
])
def test_clubs_with_a_city_named_like_a_noun_or_a_founding_year(text: str, name: str) -> None:
    assert _found(text).get(name) == "ORG"


def test_language_names_are_other_names() -> None:
    assert _found("Der Text liegt auf Englisch und Portugiesisch vor.") == {
        "Englisch": "MISC", "Portugiesisch": "MISC"}


def test_person_surnames_that_are_also_words() -> None:
    found = _found("Gestern gewann Mareike Graf, und Holger Jung sah zu.")
    assert found.get("Mareike Graf") == "PER"
    assert found.get("Holger Jung") == "PER"


def test_particles_in_person_names() -> None:
    found = _found("Das Bild malte Giacomo della Quarta, später auch Fernando Pell de Amaro.")
    assert found.get("Giacomo della Quarta") == "PER"
    assert found.get("Fernando Pell de Amaro") == "PER"
    found = _found("Nun hält Lothar Brenk den Plan für nötig.")
    assert found.get("Lothar Brenk") == "PER"


def test_a_noun_after_a_surname_is_not_part_of_the_name() -> None:
    found = _found("Laut Anna Quastel Grund genug zur Sorge.")
    assert "Anna Quastel Grund" not in found


def test_unknown_name_after_von_is_no_place() -> None:
    found = _found("Er stand in den Diensten von Tobrecht und kehrte heim.")
    assert found.get("Tobrecht") != "LOC"


def test_brands_of_the_company_word_cluster() -> None:
    assert _found("Den Vertrag schloss er mit Vodafone ab.").get("Vodafone") == "ORG"


def test_web_and_mail_addresses_are_other_names() -> None:
    found = _found("Mehr steht auf www.quarzelbau.de oder unter info@quarzelbau.com bereit.")
    assert found == {"www.quarzelbau.de": "MISC", "info@quarzelbau.com": "MISC"}
    assert _found("Die Zahl stieg auf 3.5 und dann auf 4.0 Prozent.") == {}


def test_shipped_places_of_two_words_win_over_given_names() -> None:
    found = _found("Sie flog nach Santa Monica, Santo Domingo und Buenos Aires.")
    assert found == {"Santa Monica": "LOC", "Santo Domingo": "LOC", "Buenos Aires": "LOC"}


def test_numbered_roads_are_places() -> None:
    found = _found("Auf der A 9 und der B27 staute es sich, die Autobahn A 3 war frei.")
    assert found == {"A 9": "LOC", "B27": "LOC", "A 3": "LOC"}
    assert _found("Die Lok der B 3/4 fuhr, dann kam Teil A 2.") == {}


@pytest.mark.parametrize(("text", "name"), [
    ("Die Rockband Velmor Zarnip spielte zuerst.", "Velmor Zarnip"),
    ("Das Bankhaus Lemberti Zoccoli zahlte.", "Lemberti Zoccoli"),
    ("Er blieb beim Team Quarvex bis zum Ende.", "Quarvex"),
])
def test_names_after_a_noun_for_an_organisation(text: str, name: str) -> None:
    assert _found(text).get(name) == "ORG"


def test_products_with_a_model_number() -> None:
    found = _found("Die Boeing 747 und der Airbus A380 landeten.")
    assert found == {"Boeing 747": "MISC", "Airbus A380": "MISC"}
    assert _found("Das Spiel gegen Bochum 08 endete torlos.").get("Bochum 08") == "ORG"


def test_titles_cited_after_an_author_or_an_editor() -> None:
    found = _found("Literatur * Hanna Quell: Die Welt der Moose.")
    assert found == {"Hanna Quell": "PER", "Die Welt der Moose": "MISC"}
    found = _found("Lina Brack (Hg.): Moose und Farne.")
    assert found.get("Moose und Farne") == "MISC"
    assert "Wir machen weiter" not in _found("Hanna Quell: Wir machen weiter.")


def test_a_name_in_the_genitive_ends_a_persons_name() -> None:
    assert _found("Er liebte Goethes Weimar sehr.") == {"Goethes": "PER", "Weimar": "LOC"}


def test_articles_are_no_particles_between_unknown_names() -> None:
    assert "Zarbok der Velmar" not in _found("Dort traf Zarbok der Velmar nicht.")


def test_a_dateline_in_capitals_is_a_place() -> None:
    found = _found("QUELDORF - Der Rat tagte lange.")
    assert found == {"QUELDORF": "LOC"}


def test_regions_of_known_places() -> None:
    found = _found("Er fuhr durch Norditalien, Südostasien und das Emsland.")
    assert found == {"Norditalien": "LOC", "Südostasien": "LOC", "Emsland": "LOC"}


def test_a_quoted_title_wins_over_the_names_inside_it() -> None:
    assert _found("Sie las „ Abende in Berlin “ zweimal.") == {"Abende in Berlin": "MISC"}
    assert _found("Er sah „ Berlin “ und sagte „ Merkel kommt “.") == {
        "Berlin": "LOC", "Merkel": "PER"}


def test_bei_before_an_unknown_word_says_no_place() -> None:
    found = _found("Er arbeitete bei Quendel und wohnte bei Leipzig.")
    assert found == {"Leipzig": "LOC"}


def test_place_name_endings() -> None:
    assert _found("Velmerborn hat gewonnen.") == {"Velmerborn": "LOC"}


def test_latin_endings_make_no_place() -> None:
    assert _found("Die Quarzalien lagen dort, der Velmotor auch.") == {}


def test_zu_after_a_name_is_a_preposition() -> None:
    assert _found("Dann gratulierte Anna Velmor zu Quendel.").get("Anna Velmor") == "PER"


def test_a_verb_of_lying_says_place() -> None:
    assert _found("Velmor liegt an einem See, Quendrik grenzt an Polen.") == {
        "Velmor": "LOC", "Quendrik": "LOC", "Polen": "LOC"}
    assert _found("Die Karte von Anna Velmor liegt dort.").get("Anna Velmor") == "PER"


def test_named_rules_are_tried_in_order_and_documented() -> None:
    names = [rule.__name__ for rule in Scanner.RULES]
    assert names[0] == "rule_foreign_name" and names[-1] == "rule_name_run"
    assert all(name.startswith("rule_") and getattr(Scanner, name).__doc__ for name in names)
