"""Shared fixtures: every test runs with its own empty config, cache and data directories."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from app_support import OFFLINE, SEED, MakeApp, hand_analysis  # tests/ is on sys.path

from reader.analysis.model import Analysis
from reader.article import Article, load
from reader.config import Config


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point XDG directories at a temporary home and clear ``READER_*`` settings."""
    import os

    for name in list(os.environ):
        if name.startswith("READER_"):
            monkeypatch.delenv(name)
    home = tmp_path / "home"
    for var, sub in (("XDG_CACHE_HOME", "cache"), ("XDG_DATA_HOME", "data"),
                     ("XDG_CONFIG_HOME", "config")):
        (home / sub).mkdir(parents=True)
        monkeypatch.setenv(var, str(home / sub))
    yield home


@pytest.fixture
def seed_path() -> Path:
    """Path of the seed article."""
    return SEED


@pytest.fixture
def seed_article() -> Article:
    """The seed article, loaded."""
    return load(SEED)


@pytest.fixture
def offline_config() -> Config:
    """Offline settings with a closed port as the glossary's API."""
    return OFFLINE


@pytest.fixture
def analyser() -> Callable[[str], Analysis]:
    """The hand-made analyser of the seed article (fast, deterministic; no recogniser)."""
    return hand_analysis


@pytest.fixture
def make_app(seed_article: Article) -> MakeApp:
    """Builds the reader app: by default on the seed article, offline, with the hand-made
    analyser (``analyser=None``: the real recogniser)."""
    from reader.app.app import ReaderApp

    def make(article: Article | None = None, *, config: Config = OFFLINE,
             analyser: Callable[[str], Analysis] | None = hand_analysis,
             glossary: Any = None) -> ReaderApp:
        return ReaderApp(article or seed_article, config=config, analyser=analyser,
                         glossary=glossary)

    return make


@pytest.fixture(scope="session")
def _wiki_server_session() -> Iterator[Any]:
    """One local MediaWiki test server for the whole session (see tests/wiki_server.py)."""
    from wiki_server import WikiServer  # tests/ is on sys.path (rootdir conftest)

    with WikiServer() as server:
        yield server


@pytest.fixture
def wiki_server(_wiki_server_session: Any) -> Iterator[Any]:
    """The local MediaWiki test server, with faults, latency and its request log reset."""
    _wiki_server_session.reset()
    yield _wiki_server_session
    _wiki_server_session.reset()
