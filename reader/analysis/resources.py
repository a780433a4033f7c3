"""The recogniser's shipped data files (``reader/analysis/data/``), read as bytes or, for
``cues.json``, as parsed once."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).with_name("data")


def data_bytes(name: str) -> bytes:
    """The bytes of the data file ``name``."""
    path = DATA_DIR / name
    if path.is_file():  # importlib.resources costs start-up time (it imports zipfile)
        return path.read_bytes()
    from importlib.resources import files  # an installation without files (a zip)

    return files("reader.analysis").joinpath("data", name).read_bytes()


@cache
def cues() -> dict[str, Any]:
    """The cue lists of ``cues.json`` (read once; callers must not change them)."""
    loaded: dict[str, Any] = json.loads(data_bytes("cues.json").decode("utf-8"))
    return loaded
