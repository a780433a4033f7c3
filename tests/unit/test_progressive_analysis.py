"""A long text is recognised piece by piece in a child process, the part on screen first;
the final analysis is exactly the whole-text analysis."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from app_support import SEED

from reader.analysis import analyse
from reader.analysis.api import MAX_CHUNK
from reader.analysis.cache import to_json
from reader.analysis.progressive import analyse_progressively, first_order, piece_bounds
from reader.article import Article, from_text, load
from reader.config import Config
from reader.errors import ReaderError
from reader.session import Session


def long_text(copies: int) -> Article:
    """The seed's paragraphs as numbered articles (~5 kB each)."""
    body = load(SEED).text
    return from_text("\n\n".join(f"Teil {n}\n\n{body}" for n in range(1, copies + 1)),
                     "long.txt", "text")


def test_pieces_on_screen_come_first_and_cover_the_text() -> None:
    text = "\n\n".join(f"Absatz {n} " + "Wort " * 30 for n in range(400))
    bounds = piece_bounds(text, 5_000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(bounds))
    assert all(text[end - 2:end] == "\n\n" for _, end in bounds[:-1])  # paragraph cuts
    middle = len(text) // 2
    order, first = first_order(bounds, middle, middle + 6_000)
    assert first == 2 and sorted(order) == list(range(len(bounds)))
    assert bounds[order[0]][0] <= middle < bounds[order[0]][1]


def test_the_screen_is_recognised_first_and_the_end_equals_the_whole(tmp_path: object) -> None:
    article = long_text(52)
    assert len(article.text) > 2 * MAX_CHUNK
    start = article.text.index("Teil 40\n")
    session = Session(article, Config(offline=True))
    session.prepare_analysis()  # the recogniser's child starts loading now
    steps = list(session.analyse_progressively((start, start + 3_000)))
    first, done, total = steps[0]
    assert 0 < done < total == steps[-1][1] == steps[-1][2]
    found = sorted(m.start for e in first.analysis.entities for m in e.mentions)
    assert any(start <= offset < start + 3_000 for offset in found)
    assert not any(offset < start - MAX_CHUNK for offset in found)  # only pieces near it
    whole = Session(article, Config(offline=True, cache_dir=str(tmp_path))).analyse()
    assert to_json(steps[-1][0].analysis) == to_json(whole.analysis)
    again = list(session.analyse_progressively((0, 0)))  # cached now: final at once
    assert len(again) == 1 and to_json(again[0][0].analysis) == to_json(whole.analysis)


def test_a_child_that_cannot_load_the_model_reports_why() -> None:
    session = Session(long_text(25), Config(offline=True, model="no_such_model_xx"))
    with pytest.raises(ReaderError, match="no_such_model_xx"):
        list(session.analyse_progressively())


def test_a_new_focus_is_recognised_next(monkeypatch: pytest.MonkeyPatch,
                                        tmp_path: Path) -> None:
    """The reader jumps to the end while the start is recognised: the end's piece comes
    next, with a provisional analysis right after it; the final one is unchanged."""
    from reader.analysis import api

    monkeypatch.setattr(api, "MAX_CHUNK", 20_000)
    text = long_text(20).text  # about 100 kB: five or six pieces
    end = len(text) - 10
    asked: list[int] = []

    def focus() -> tuple[int, int] | None:
        asked.append(1)
        return (end - 100, end) if len(asked) == 1 else None

    steps = list(analyse_progressively(text, model="embedded", cache_dir=tmp_path,
                                       focus=focus))
    assert len(asked) >= 2 and steps[0].done == 1 and steps[1].done == 2
    first_starts = [m.start for e in steps[0].analysis.entities for m in e.mentions]
    second_starts = [m.start for e in steps[1].analysis.entities for m in e.mentions]
    assert max(first_starts) < 20_000 < len(text) - 20_000 < max(second_starts)
    whole = analyse(text, model="embedded", cache_dir=tmp_path / "whole")
    assert to_json(steps[-1].analysis) == to_json(whole)


def test_a_cached_long_text_starts_no_recogniser(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A long text reopened (the whole of a long file, say): the cache answers before any
    recogniser child is started."""
    from reader.analysis import process

    article = long_text(25)
    assert len(article.text) > MAX_CHUNK
    config = Config(offline=True, cache_dir=str(tmp_path))
    whole = Session(article, config).analyse()  # fills the cache
    started: list[int] = []
    real = process.RecogniserProcess.__init__

    def counted(self: process.RecogniserProcess, **options: object) -> None:
        started.append(1)
        real(self, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(process.RecogniserProcess, "__init__", counted)
    steps = list(Session(article, config).analyse_progressively())
    assert len(steps) == 1 and started == []
    assert to_json(steps[0][0].analysis) == to_json(whole.analysis)
    (tmp_path / "analysis").rename(tmp_path / "gone")  # nothing cached: a child recognises
    steps = list(Session(article, config).analyse_progressively())
    assert started == [1] and to_json(steps[-1][0].analysis) == to_json(whole.analysis)
