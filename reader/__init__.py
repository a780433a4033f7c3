"""reader: a terminal reader for news articles with named entities and background."""

from __future__ import annotations

#: The name reader is installed under ("reader" on PyPI is another project).
DISTRIBUTION = "reader-glossary"

__all__ = ["DISTRIBUTION", "__version__"]

__version__: str


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed metadata on first use (importing
    :mod:`importlib.metadata` costs start-up time that opening an article does not need)."""
    if name != "__version__":
        raise AttributeError(f"module 'reader' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version(DISTRIBUTION)
    except PackageNotFoundError:  # running from a source tree without installation
        found = "0.0.0"
    globals()["__version__"] = found
    return found
