"""What the benchmarks share: paths, and the local test servers of ``tests/``.

A benchmark runs as a script, so this directory is on ``sys.path`` and ``import support``
works; the test servers are loaded from their files (``sys.path`` is left as it is).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_11cfe1e1f379c513.txt"


def test_module(name: str, needs: tuple[str, ...] = ()) -> ModuleType:
    """The module ``tests/<name>.py`` (e.g. ``wiki_server``), loaded once; ``needs`` are
    the test modules it imports (``news_server`` imports ``news_pages``...), loaded first."""
    for need in needs:
        test_module(need)
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module
