"""Shared fixtures: every test runs with its own empty config, cache and data directories."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_11cfe1e1f379c513.txt"


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
