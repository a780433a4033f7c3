"""Where reader keeps its files (platformdirs; ``XDG_*`` variables are respected)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "reader"


def config_dir() -> Path:
    """Directory of ``config.toml``."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    """The configuration file (may not exist)."""
    return config_dir() / "config.toml"


def cache_dir() -> Path:
    """Directory for caches (glossary SQLite, analysis results); safe to delete."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """Directory for what the user made (corrections, notes); never deleted by reader."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
