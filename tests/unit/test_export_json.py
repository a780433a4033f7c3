"""The JSON export: a documented, stable schema for scripts."""

from __future__ import annotations

import datetime as dt
import json

from test_export_helpers import analysis_of, entity, found, make_article

from glossary.models import Candidate, GlossaryEntry, Status
from reader.export import to_json

WHEN = dt.datetime(2025, 9, 6, 8, 30, tzinfo=dt.UTC)


def test_schema_with_found_missing_and_ambiguous_entries() -> None:
    article = make_article(["Überschrift", "Peskow traf Reisner in Paris. Peskow *lachte*."],
                           ["heading", "paragraph"], title="Überschrift",
                           date=dt.date(2025, 9, 5))
    peskow = entity(article.text, "Peskow", "PER")
    reisner = entity(article.text, "Reisner", "PER")
    paris = entity(article.text, "Paris", "LOC")
    entries = {
        "Peskow": found("Peskow", "Dmitri Peskow", "Sprecher", "Intro.", wikidata="Q1"),
        "Reisner": GlossaryEntry("Reisner", "de", Status.AMBIGUOUS, candidates=(
            Candidate("Markus Reisner", "Offizier", "https://de.wikipedia.org/wiki/M"),)),
    }
    data = json.loads(to_json(article, analysis_of(paris, reisner, peskow), entries,
                              exported_at=WHEN, notes={"Paris": "war schön"}))
    assert data["schema"] == "reader-export" and data["version"] == 1
    assert data["exported_at"] == "2025-09-06T08:30:00+00:00"
    assert data["recogniser"] == "hand-made 1.0"
    assert data["article"] == {
        "title": "Überschrift", "date": "2025-09-05", "source": "artikel.txt",
        "format": "text", "sha256": article.sha256, "text": article.text,
        "paragraphs": [{"start": 0, "end": 11, "kind": "heading"},
                       {"start": 13, "end": len(article.text), "kind": "paragraph"}]}
    assert [e["name"] for e in data["entities"]] == ["Peskow", "Reisner", "Paris"]
    peskow_json, reisner_json, paris_json = data["entities"]
    assert peskow_json["count"] == 2 and peskow_json["key"] == "PER:Peskow"
    for mention in peskow_json["mentions"]:
        assert article.text[mention["start"] : mention["end"]] == mention["text"] == "Peskow"
    assert peskow_json["glossary"] == {
        "status": "found", "query": "Peskow", "lang": "de", "title": "Dmitri Peskow",
        "description": "Sprecher", "intro": "Intro.",
        "url": "https://de.wikipedia.org/wiki/Dmitri_Peskow", "wikidata": "Q1",
        "source": "Wikipedia", "licence": "CC BY-SA 4.0",
        "fetched_at": "2025-09-04T15:33:20+00:00", "error": "", "candidates": []}
    assert reisner_json["glossary"]["status"] == "ambiguous"
    assert reisner_json["glossary"]["fetched_at"] is None
    assert reisner_json["glossary"]["candidates"] == [
        {"title": "Markus Reisner", "description": "Offizier",
         "url": "https://de.wikipedia.org/wiki/M"}]
    assert paris_json["glossary"] is None
    assert paris_json["note"] == "war schön" and peskow_json["note"] is None


def test_json_is_utf8_text_ending_in_newline() -> None:
    article = make_article(["Ä „Zitat“ \u2028 Ende"])
    text = to_json(article, analysis_of(), {}, exported_at=WHEN)
    assert text.endswith("}\n") and "„Zitat“" in text
    assert json.loads(text)["entities"] == []
