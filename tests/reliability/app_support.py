"""The app tests' helpers for the reliability tests (imported as ``app_support``).

``settle`` comes from tests/app/app_helpers.py and ``hand_analysis`` (the seed article's
entities by whole-word matching, no recogniser) from tests/app/conftest.py.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

APP_TESTS = Path(__file__).resolve().parents[1] / "app"
if str(APP_TESTS) not in sys.path:
    sys.path.insert(0, str(APP_TESTS))

from app_helpers import settle  # noqa: E402

_spec = importlib.util.spec_from_file_location("app_test_fixtures", APP_TESTS / "conftest.py")
assert _spec is not None and _spec.loader is not None
_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fixtures)
hand_analysis = _fixtures.hand_analysis

__all__ = ["hand_analysis", "settle"]
