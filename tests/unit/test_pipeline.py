"""Corrections reach the analysis: added names are found in every article, hidden ones not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.article import from_text
from reader.config import Config
from reader.corrections import store_for
from reader.pipeline import analyse_article

FIRST = "Die Moderatorin Anna Zabelthau sprach mit dem Verein Blauwal Kollektiv in Hamburg."
SECOND = "Später traf das Blauwal Kollektiv erneut in Hamburg ein. Die Lage in Russlands Süden."


def names(article_text: str, config: Config) -> dict[str, str]:
    analysis = analyse_article(from_text(article_text), config)
    return {entity.name: entity.label for entity in analysis.entities}


def test_added_entity_is_found_in_later_articles() -> None:
    config = Config()
    before = names(SECOND, config)
    assert before.get("Blauwal Kollektiv") != "ORG"
    with store_for(config).editing() as corrections:
        corrections.add_entity("Blauwal Kollektiv", "ORG")
    assert names(FIRST, config)["Blauwal Kollektiv"] == "ORG"
    assert names(SECOND, config)["Blauwal Kollektiv"] == "ORG"


def test_hidden_everywhere_and_per_article() -> None:
    config = Config()
    assert "Hamburg" in names(FIRST, config)
    assert "Russland" in names(SECOND, config)
    with store_for(config).editing() as corrections:
        corrections.hide("Russland")  # hides the genitive alias "Russlands" too
        corrections.hide("Hamburg", from_text(FIRST).sha256)
    assert "Russland" not in names(SECOND, config)
    assert "Hamburg" not in names(FIRST, config)
    assert "Hamburg" in names(SECOND, config)


def test_entities_command_applies_corrections(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.cli import main

    article = tmp_path / "a.txt"
    article.write_text(FIRST + "\n\n" + SECOND)
    config = Config()
    with store_for(config).editing() as corrections:
        corrections.add_entity("Blauwal Kollektiv", "ORG")
        corrections.hide("Hamburg")
    assert main(["entities", str(article), "--format", "json"]) == 0
    found = {e["name"]: e["label"] for e in json.loads(capsys.readouterr().out)["entities"]}
    assert found["Blauwal Kollektiv"] == "ORG"
    assert "Hamburg" not in found


def test_added_name_keeps_its_role_noun() -> None:
    config = Config()
    text = "ZDFheute live analysiert mit Oberst Reisner die Lage. Oberst Reisner warnte."
    assert "Oberst Reisner" not in names(text, config)
    with store_for(config).editing() as corrections:
        corrections.add_entity("Oberst Reisner", "PER")
    assert names(text, config)["Oberst Reisner"] == "PER"
