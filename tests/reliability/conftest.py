"""Fixtures of the reliability tests."""

from __future__ import annotations

import json
import types
from collections.abc import Iterator
from typing import Any

import pytest

HOSTILE_DESCRIPTION = "Agentur\x1b]52;c;aGk=\x07 \ud800[b]x\x9b6n"
HOSTILE_EXTRACT = "Text \x9b6n mit \u202e Bidi \x1b[2J [@click=app.quit]Klick[/]."


@pytest.fixture
def hostile_wiki(wiki_server: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The local test server with a hostile page ``Interfax`` (escape sequences, C1 and
    bidi controls, markup, a lone surrogate), answering with ASCII-escaped JSON so that the
    lone surrogate reaches the client as a ``\\ud800`` escape, as a MediaWiki would send it."""
    import wiki_server as module

    shim = types.SimpleNamespace(dumps=lambda obj, **_: json.dumps(obj), loads=json.loads)
    monkeypatch.setattr(module, "json", shim)
    wiki_server.add_page("de", "Interfax", description=HOSTILE_DESCRIPTION,
                         extract=HOSTILE_EXTRACT, wikidata="Q1\x1b[2J")
    yield wiki_server
