"""The library imports no Textual, and its heavy libraries only when used."""

from __future__ import annotations

import subprocess
import sys

MODULES = ["reader.library.store", "reader.library.fetch", "reader.library.opml",
           "reader.library.entries", "reader.library.prefetch", "reader.library.history",
           "reader.commands.feed", "reader.commands.library"]


def test_no_textual_and_lazy_network_libraries() -> None:
    code = f"import {', '.join(MODULES)}, sys; print('\\n'.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    loaded = set(result.stdout.split())
    assert set(MODULES) <= loaded
    assert not loaded & {"textual", "feedparser", "httpx"}
