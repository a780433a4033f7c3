"""Fixtures of the web tests: the local news site (tests/news_server.py), started once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.config import Config


@pytest.fixture(scope="session")
def _news_server_session() -> Iterator[Any]:
    from news_server import NewsServer  # tests/ is on sys.path (rootdir conftest)

    with NewsServer(hang_seconds=2.0) as server:
        yield server


@pytest.fixture
def news_server(_news_server_session: Any) -> Iterator[Any]:
    """The local news site, with its request log cleared."""
    _news_server_session.reset()
    yield _news_server_session


@pytest.fixture
def web_config(tmp_path: Path) -> Config:
    """Settings with a private cache directory and a short timeout."""
    return Config(cache_dir=str(tmp_path / "cache"), data_dir=str(tmp_path / "data"),
                  timeout=0.5)
