"""``reader entities``: the table and the documented JSON schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main


def test_json_schema_on_the_seed(seed_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["entities", str(seed_path), "--format", "json", "--model", "embedded"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"recogniser", "entities"}
    assert data["recogniser"].startswith("embedded ")
    from reader.article import load

    text = load(seed_path).text
    for entity in data["entities"]:
        assert set(entity) == {"name", "label", "aliases", "mentions"}
        assert entity["label"] in {"PER", "ORG", "LOC", "MISC"}
        for mention in entity["mentions"]:
            assert set(mention) == {"start", "end", "text"}
            assert text[mention["start"]:mention["end"]] == mention["text"]
    names = {e["name"] for e in data["entities"]}
    for expected in ("Koalition der Willigen", "Dmitri Peskow", "Nato", "Wladimir Putin",
                     "Emmanuel Macron", "Donald Trump", "Kiew", "Moskau", "Ukraine",
                     "Interfax", "Russland", "Paris", "Wladiwostok", "Istanbul"):
        assert expected in names
    for common in ("Sicherheitsgarantien", "Waffenruhe", "Liveblog", "Foto", "Kreml-Chef"):
        assert common not in names


def test_table_shows_recogniser_and_text_literally(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Kanzler Olaf [b]Brümmelmann besuchte Wien.\n", encoding="utf-8")
    assert main(["entities", str(article), "--model", "embedded"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("recogniser: embedded ")
    assert "Wien" in out and "LOC" in out


def test_unknown_model_is_one_line_exit_2(seed_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["entities", str(seed_path), "--model", "de_no_such_model_xyz"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not installed" in err
