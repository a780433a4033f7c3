"""The stored digest of the recogniser's data files names them as they are."""

from __future__ import annotations

import pytest

from reader.analysis import resources


def test_stored_digest_matches_the_data_files() -> None:
    stored = resources.data_bytes(resources.DIGEST_FILE).decode("ascii").strip()
    assert stored == resources.compute_digest(), (
        "reader/analysis/data changed: run `python -m reader.analysis.resources`")


def test_digest_is_computed_when_none_is_stored(monkeypatch: pytest.MonkeyPatch) -> None:
    real = resources.data_bytes

    def without_digest(name: str) -> bytes:
        if name == resources.DIGEST_FILE:
            raise FileNotFoundError(name)
        return real(name)

    monkeypatch.setattr(resources, "data_bytes", without_digest)
    resources.data_digest.cache_clear()
    try:
        assert resources.data_digest() == resources.compute_digest()
        assert len(resources.data_digest()) == 12
    finally:
        resources.data_digest.cache_clear()


def test_a_changed_file_changes_the_digest(monkeypatch: pytest.MonkeyPatch) -> None:
    before = resources.compute_digest()
    real = resources.data_bytes
    monkeypatch.setattr(resources, "data_bytes",
                        lambda name: real(name) + (b" " if name == "cues.json" else b""))
    assert resources.compute_digest() != before
