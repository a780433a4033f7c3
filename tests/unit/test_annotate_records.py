"""reader.corpus.records and work: the directly written record line, and the three steps of
a batch (prepare, recognise in a worker, finish) giving what one process gives."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from reader.analysis.model import Analysis, Entity, Mention
from reader.article import Article, Paragraph
from reader.config import Config
from reader.corpus.documents import Bad, Done, Task
from reader.corpus.engines import LocalEngine
from reader.corpus.journal import encode
from reader.corpus.records import record_line, record_of
from reader.corpus.work import annotate_batch
from reader.corrections import Corrections

#: Strings JSON must escape or keep as they are: quotes, backslashes, control characters,
#: a tab, non-ASCII letters, a character outside the BMP, bidi and line separators.
AWKWARD = 'Zitat "Ä" \\ neue\nZeile\t\x01\x7f ß 🙂 \u2028\u202e'


def _article(text: str, *, date: dt.date | None = None, source: str = "a.jsonl:1") -> Article:
    return Article(text=text, title=text[:12], paragraphs=(Paragraph(0, len(text) // 2),
                                                           Paragraph(len(text) // 2, len(text),
                                                                     "heading")),
                   date=date, source=source, format="text")


def _analysis() -> Analysis:
    return Analysis(recogniser="embedded 9.9", entities=[
        Entity(key="PER:Ä \"B\"", name='Ä "B"', label="PER", aliases=["B\\", AWKWARD],
               mentions=[Mention(0, 3, AWKWARD), Mention(10, 12, "ß")]),
        Entity(key="LOC:Köln", name="Köln", label="LOC", aliases=[], mentions=[]),
    ])


@pytest.mark.parametrize(("task", "article", "analysis", "spans"), [
    (Task(AWKWARD, "doc", "f:1", {"text": AWKWARD, "url": "https://x.example/ä"}),
     _article(AWKWARD, date=dt.date(2024, 2, 29)), _analysis(),
     [(0, 3, "PER"), (10, 12, "PER")]),
    (Task("u", "url", "https://x.example/\"q\""), _article("kurz", source=AWKWARD),
     Analysis(entities=[], recogniser="r"), []),
    (Task("f", "file", "dir/a.txt"), _article("Text\ud800 mit Surrogat"), _analysis(),
     [(1, 2, "MISC")]),  # not UTF-8: the escaped (ASCII) form
])
def test_record_line_is_the_encoded_record(task: Task, article: Article, analysis: Analysis,
                                           spans: list[tuple[int, int, str]]) -> None:
    assert record_line(task, article, analysis, spans, article.sha256) == \
        encode(record_of(task, article, analysis, spans))


TEXTS = [
    "Angela Merkel besuchte am Montag Paris. Dort sprach Merkel mit Emmanuel Macron.",
    "Kremlsprecher Dmitri Peskow sagte in Moskau, Peskows Team sei bereit.\n\nIn Kiew nicht.",
    "Ein Text ganz ohne Namen.",
]


def test_the_pool_gives_what_one_process_gives() -> None:
    config = Config()
    corrections = Corrections(added={"Oberst Reisner": "PER"}, hidden={"moskau": "Moskau"})
    batch: list[Task | Bad] = [Task(f"d{i}", "doc", f"in.jsonl:{i}", {"text": text})
                               for i, text in enumerate(TEXTS)]
    batch.insert(1, Bad("x", "invalid JSON line"))
    batch.append(Task("missing", "file", "/nicht/da.txt"))
    alone = annotate_batch(batch, config, corrections).outcomes
    engine = LocalEngine(1, config, corrections)
    try:
        [pooled] = list(engine.map([batch]))
    finally:
        engine.close()
    assert pooled.outcomes == alone
    assert [type(o) for o in alone] == [Done, Bad, Done, Done, Bad]
    names = [e["name"] for o in alone if isinstance(o, Done)
             for e in json.loads(o.line)["entities"]]
    assert "Dmitri Peskow" in names and "Moskau" not in names  # corrections applied
