"""The recogniser's shipped data files (``reader/analysis/data/``), read as bytes or, for
``cues.json``, as parsed once; and their digest, part of the recogniser's id (and so of
every cached analysis's key).

The digest is stored in ``data/digest.txt`` (hashing 1.4 MB at every start would delay the
first screen); ``scripts/build_ner_data.py`` rewrites it with the data, a unit test checks
it, and ``python -m reader.analysis.resources`` rewrites it after a hand edit of
``cues.json``."""

from __future__ import annotations

import hashlib
import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).with_name("data")
#: The files the recogniser reads (their digest names the data's version).
DATA_FILES = ("lexicon.txt.gz", "patterns.txt.gz", "cues.json")
DIGEST_FILE = "digest.txt"


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


def compute_digest() -> str:
    """A short hash of the data files (12 hex digits)."""
    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update(data_bytes(name))
    return digest.hexdigest()[:12]


@cache
def data_digest() -> str:
    """The data files' digest as stored with them (:func:`compute_digest` if it is not)."""
    try:
        stored = data_bytes(DIGEST_FILE).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        stored = ""
    return stored if len(stored) == 12 else compute_digest()


def write_digest() -> str:
    """Store the digest of the data files as they are now; return it."""
    from reader.atomic import write_text

    digest = compute_digest()
    write_text(DATA_DIR / DIGEST_FILE, digest + "\n")
    return digest


if __name__ == "__main__":
    sys.stdout.write(f"{DIGEST_FILE}: {write_digest()}\n")
