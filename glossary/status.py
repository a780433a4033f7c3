"""The outcome of a lookup (kept apart from :mod:`glossary.models`, so that a program can
compare outcomes without building the model classes first)."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """Outcome of a lookup."""

    FOUND = "found"
    AMBIGUOUS = "ambiguous"
    NOT_FOUND = "not_found"
    NOT_CACHED = "not_cached"  # offline and nothing in the cache
    ERROR = "error"
