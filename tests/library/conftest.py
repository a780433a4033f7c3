"""Fixtures of the library tests: the local feed server (tests/feed_server.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from feed_server import FeedServer

from reader.config import Config


@pytest.fixture(scope="session")
def _running_feed_server() -> Iterator[FeedServer]:
    with FeedServer() as server:
        yield server


@pytest.fixture
def feed_server(_running_feed_server: FeedServer) -> FeedServer:
    """The local feed server with its fixture content and an empty request log."""
    _running_feed_server.reset()
    return _running_feed_server


@pytest.fixture
def config() -> Config:
    """Settings with a short timeout and an unreachable glossary (tests never need it)."""
    return Config(timeout=5, api_url="http://127.0.0.1:9/{lang}/w/api.php")
