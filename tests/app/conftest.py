"""Fixtures of the app tests: the seed article and the hand-made analyser."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from app_support import SEED, hand_analysis

from reader.analysis.model import Analysis
from reader.article import Article, load


@pytest.fixture
def seed_article() -> Article:
    """The seed article, loaded."""
    return load(SEED)


@pytest.fixture
def analyser() -> Callable[[str], Analysis]:
    """The hand-made analyser (fast, deterministic)."""
    return hand_analysis
