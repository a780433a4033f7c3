"""Property tests: hostile text through the recogniser, clustering and the analysis cache.

No exception escapes, every mention's text is ``text[start:end]``, labels are valid, and
what the cache gives back is what was stored.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hostile import TEXTS, settings_for
from hypothesis import example, given

from reader.analysis import analyse, get_recogniser
from reader.analysis import cache as analysis_cache
from reader.analysis.cache import to_json
from reader.analysis.cluster import cluster
from reader.analysis.model import LABELS, Analysis, Entity, Mention
from reader.app.marks import MentionIndex
from reader.article import from_text
from reader.errors import ArticleError


def check(text: str, analysis: Analysis) -> None:
    """Offsets and labels of an analysis of ``text`` are consistent."""
    keys = set()
    for entity in analysis.entities:
        assert entity.label in LABELS
        assert entity.name and entity.name == entity.name.strip()
        assert entity.key == f"{entity.label}:{entity.name}" and entity.key not in keys
        keys.add(entity.key)
        assert entity.mentions
        for mention in entity.mentions:
            assert 0 <= mention.start < mention.end <= len(text)
            assert text[mention.start:mention.end] == mention.text
    index = MentionIndex(analysis, len(text))  # what the app builds: never raises
    assert len(index) <= len(analysis.mentions())


@settings_for(120)
@given(TEXTS)
@example("Kremlsprecher Dmitri Pes\udcc3kow sagte in Mos\ud800kau\udfff.")
def test_recogniser_and_clustering_on_raw_text(text: str) -> None:
    recogniser = get_recogniser("embedded")
    spans = recogniser.spans([text])[0]
    for span in spans:
        assert 0 <= span.start < span.end <= len(text) and span.label in LABELS
    check(text, Analysis(cluster(text, spans), recogniser.name))


@settings_for(80)
@given(TEXTS)
def test_analyse_of_a_loaded_article_round_trips_through_the_cache(text: str) -> None:
    try:
        article = from_text(text, "hostile")
    except ArticleError:
        return
    with tempfile.TemporaryDirectory() as cache_dir:
        first = analyse(article.text, model="embedded", cache_dir=Path(cache_dir))
        check(article.text, first)
        again = analyse(article.text, model="embedded", cache_dir=Path(cache_dir))
        assert to_json(again) == to_json(first)


@settings_for(60)
@given(TEXTS)
def test_analyse_of_any_string_never_raises(text: str) -> None:
    """The API takes any ``str``, even one with lone surrogates (which cannot be UTF-8)."""
    with tempfile.TemporaryDirectory() as cache_dir:
        analysis = analyse(text, model="embedded", cache_dir=Path(cache_dir))
        check(text, analysis)
        assert not [p for p in Path(cache_dir).iterdir() if p.name.startswith(".tmp-")]


def test_an_analysis_that_utf8_cannot_encode_is_not_cached(tmp_path: Path) -> None:
    text = "Pes\udcc3kow"
    analysis = Analysis([Entity("PER:Pes\udcc3kow", "Pes\udcc3kow", "PER",
                                mentions=[Mention(0, len(text), text)])], "test 1")
    path = analysis_cache.cache_file(tmp_path / "analysis", text, "test")
    analysis_cache.write(path, analysis, "test")  # skipped, not raised
    assert list((tmp_path / "analysis").iterdir()) == []
    assert analysis_cache.read(path, "test") is None
