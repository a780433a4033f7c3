"""Settings of the glossary: endpoint, languages, cache, etiquette and retry policy.

:class:`GlossarySettings` mirrors the glossary fields of ``reader.config.Config`` (the
``reader`` package builds one with ``reader.lookup.glossary_for``); the glossary itself never
imports ``reader``.
"""

from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass
from pathlib import Path

import platformdirs

#: Wikipedia's action API; ``{lang}`` is replaced by the language code.
DEFAULT_API_URL = "https://{lang}.wikipedia.org/w/api.php"

#: Name of the application directory under the user's cache and data directories.
APP_NAME = "reader"
#: The distribution reader is installed as (named in the User-Agent with its version).
DISTRIBUTION = "reader-glossary"
#: The User-Agent's words when no contact is configured.
NO_CONTACT = "contact not configured"


def user_agent(contact: str = "") -> str:
    """Our part of the User-Agent (wikipedia-api appends its own name and version)."""
    try:
        version = importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        version = "0"
    return f"reader/{version} ({contact.strip() or NO_CONTACT}) glossary"


def default_cache_path() -> Path:
    """The glossary database in the user cache directory (``XDG_CACHE_HOME`` respected)."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "glossary.sqlite3"


def default_choices_path() -> Path:
    """The user's chosen pages (what the user made: data directory, never the cache)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "glossary-choices.json"


@dataclass(frozen=True)
class GlossarySettings:
    """Everything the glossary needs; defaults are those of the reader's configuration."""

    #: MediaWiki action API URL template with ``{lang}``.
    api_url: str = DEFAULT_API_URL
    #: Language of lookups (the article's language).
    lang: str = "de"
    #: Second language tried when a name has no page in ``lang`` ("" to disable).
    fallback_lang: str = "en"
    #: E-mail or URL for the User-Agent.
    contact: str = ""
    #: Cache only; never touch the network.
    offline: bool = False
    #: Sentences of the intro shown (cut by :mod:`glossary.text`).
    intro_sentences: int = 3
    #: Days before a cached entry is refreshed.
    cache_ttl_days: float = 30.0
    #: HTTP timeout per request, seconds.
    timeout: float = 10.0
    #: SQLite file of the cache (``None``: :func:`default_cache_path`).
    cache_path: Path | None = None
    #: JSON file of the user's chosen pages (``None``: :func:`default_choices_path`).
    choices_path: Path | None = None
    #: Retries of a failed request (timeouts, 5xx, dropped connections, 429).
    max_retries: int = 2
    #: Base of the exponential backoff between retries, seconds.
    retry_wait: float = 1.0
    #: Longest ``Retry-After`` we sleep through; longer waits are reported instead.
    max_retry_after: float = 10.0
    #: Titles per request (TextExtracts returns at most 20 intros per request).
    batch_size: int = 20
    #: Seconds the glossary stays offline after a connection failure before trying again.
    offline_backoff: float = 30.0
    #: ``maxlag`` parameter sent with every request (Wikimedia's etiquette), seconds.
    maxlag: int = 5

    @property
    def resolved_cache_path(self) -> Path:
        """The cache file in effect."""
        return self.cache_path or default_cache_path()

    @property
    def resolved_choices_path(self) -> Path:
        """The choices file in effect."""
        return self.choices_path or default_choices_path()
