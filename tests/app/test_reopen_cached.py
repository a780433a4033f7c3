"""Reopening an article draws its cached analysis at once, without loading a recogniser;
the cache is only used when the text and the reader's corrections still match."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from reader.analysis import cache
from reader.analysis.model import Analysis, Entity, Mention
from reader.article import load
from reader.config import Config
from reader.session import AddEntity, HideEntity, Session

# "Quellberg" is no name a recogniser finds here: only the cache can make it an entity.
TEXT = "Titel\n\nDie Quellberg lag still. Jorinde Vasstal kam aus Quellberg.\n"


def _cached(text: str) -> Analysis:
    """An analysis made by hand (what a cache file holds)."""
    def entity(name: str, label: str, word: str) -> Entity:
        mentions = []
        start = text.find(word)
        while start >= 0:
            mentions.append(Mention(start, start + len(word), word))
            start = text.find(word, start + 1)
        return Entity(key=f"{label}:{name}", name=name, label=label, aliases=[],
                      mentions=mentions)
    return Analysis(entities=[entity("Quellberg", "LOC", "Quellberg"),
                              entity("Jorinde Vasstal", "PER", "Jorinde Vasstal")],
                    recogniser="embedded test")


def _store_cached(config: Config, text: str) -> None:
    path, ident = cache.locate(text, config.cache_path / "analysis", model=config.model)
    cache.write(path, _cached(text), ident)


APP_SCRIPT = """
import asyncio, json, sys
from reader.app.reading import ContinuousReaderApp
from reader.article import load
from reader.config import load_config

async def main():
    app = ContinuousReaderApp(load(sys.argv[1]), config=load_config())
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(50):
            await pilot.pause(0.02)
            if app.mentions is not None:
                break
        names = sorted(e.name for e in app.main.session.analysis.entities)
        print(json.dumps({"names": names, "status": app.main.status.text,
                          "spacy": sorted(m for m in sys.modules if m.split(".")[0] in
                                          ("spacy", "thinc", "reader.analysis.embedded"))}))

asyncio.run(main())
"""


def test_reopen_draws_the_cache_without_importing_spacy(isolated_dirs: Path,
                                                        tmp_path: Path) -> None:
    article = tmp_path / "artikel.txt"
    article.write_text(TEXT, encoding="utf-8")
    config = Config()  # the isolated XDG directories
    _store_cached(config, load(article).text)
    env = {**os.environ, "READER_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", APP_SCRIPT, str(article)], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["names"] == ["Jorinde Vasstal", "Quellberg"]
    assert "2 entities" in result["status"]
    assert result["spacy"] == []


def test_cached_analysis_needs_the_same_text_and_added_names(isolated_dirs: Path,
                                                              tmp_path: Path) -> None:
    path = tmp_path / "artikel.txt"
    path.write_text(TEXT, encoding="utf-8")
    article = load(path)
    config = Config()
    session = Session(article, config)
    assert session.cached_analysis() is None  # nothing cached yet
    _store_cached(config, article.text)
    found = session.cached_analysis()
    assert found is not None
    assert {e.name for e in found.analysis.entities} == {"Quellberg", "Jorinde Vasstal"}
    assert session.cached_analysis(max_bytes=10) is None  # too large to read at once

    path.write_text(TEXT.replace("still", "leise"), encoding="utf-8")
    assert Session(load(path), config).cached_analysis() is None  # another text

    session.apply(AddEntity("Die Quellberg", "ORG"))  # an added name: recognise again
    assert session.cached_analysis() is None


def test_cached_analysis_leaves_out_hidden_names(isolated_dirs: Path, tmp_path: Path) -> None:
    path = tmp_path / "artikel.txt"
    path.write_text(TEXT, encoding="utf-8")
    article = load(path)
    config = Config()
    _store_cached(config, article.text)
    session = Session(article, config)
    session.apply(HideEntity("Quellberg", article.sha256))
    found = session.cached_analysis()
    assert found is not None
    assert [e.name for e in found.analysis.entities] == ["Jorinde Vasstal"]
    assert found.corrections.hidden_names(article.sha256) == {"quellberg"}
