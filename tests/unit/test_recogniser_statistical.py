"""The statistical path: a tiny spaCy NER pipeline trained here, saved, loaded by path."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reader.analysis import analyse, get_recogniser

TRAIN = [
    ("Heute sprach Zorbald in Quantel.", [(13, 20, "PER"), (24, 31, "LOC")]),
    ("Zorbald reiste nach Quantel.", [(0, 7, "PER"), (20, 27, "LOC")]),
    ("In Quantel wartete Zorbald.", [(3, 10, "LOC"), (19, 26, "PER")]),
    ("Die Firma Mekron lobte Zorbald.", [(10, 16, "ORG"), (23, 30, "PER")]),
]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import spacy
    from spacy.training import Example

    nlp = spacy.blank("de")
    ner = nlp.add_pipe("ner")
    for label in ("PER", "LOC", "ORG"):
        ner.add_label(label)
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": e}) for t, e in TRAIN]
    random.seed(0)
    spacy.util.fix_random_seed(0)
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(12):
        random.shuffle(examples)
        nlp.update(examples, sgd=optimizer, drop=0.0)
    nlp.meta["name"] = "tiny_test"
    nlp.meta["version"] = "0.0.1"
    path = tmp_path_factory.mktemp("model") / "tiny"
    nlp.to_disk(path)
    return path


def test_loaded_by_path_and_named(tiny_model: Path) -> None:
    recogniser = get_recogniser(str(tiny_model))
    assert recogniser.name == "de_tiny_test 0.0.1"
    assert recogniser.id.startswith("spacy:de_tiny_test:0.0.1:")
    assert get_recogniser(str(tiny_model)) is recogniser
    [spans] = recogniser.spans(["Heute sprach Zorbald in Quantel."])
    found = {("Heute sprach Zorbald in Quantel."[s.start:s.end], s.label) for s in spans}
    assert ("Zorbald", "PER") in found
    assert ("Quantel", "LOC") in found


def test_analyse_with_model_path_and_cli(tiny_model: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    result = analyse("Zorbald reiste nach Quantel.", model=str(tiny_model), cache_dir=tmp_path)
    assert result.recogniser == "de_tiny_test 0.0.1"
    assert {e.label for e in result.entities} <= {"PER", "LOC", "ORG"}
    assert "PER:Zorbald" in result.by_key()
    from reader.cli import main

    article = tmp_path / "a.txt"
    article.write_text("Zorbald reiste nach Quantel.\n", encoding="utf-8")
    assert main(["entities", str(article), "--model", str(tiny_model)]) == 0
    assert "de_tiny_test 0.0.1" in capsys.readouterr().out.splitlines()[0]


def test_user_patterns_on_top_of_a_statistical_model(tiny_model: Path) -> None:
    recogniser = get_recogniser(str(tiny_model),
                                extra_patterns=[{"label": "MISC", "pattern": "Quantel"}])
    [spans] = recogniser.spans(["Zorbald reiste nach Quantel."])
    assert ("Quantel", "MISC") in {("Zorbald reiste nach Quantel."[s.start:s.end], s.label)
                                   for s in spans}
