"""Settings: defaults < ``config.toml`` < environment (``READER_*``) < command-line flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from reader import paths
from reader.errors import ReaderError

DEFAULT_API_URL = "https://{lang}.wikipedia.org/w/api.php"


@dataclass(frozen=True)
class Config:
    """All user settings. Field names are the keys of ``config.toml``.

    Environment variables are ``READER_`` + the upper-case field name, for example
    ``READER_API_URL`` or ``READER_OFFLINE=1``.
    """

    #: spaCy pipeline name or path; empty means: best installed German model, else embedded.
    model: str = ""
    #: MediaWiki action API URL template; ``{lang}`` is replaced by the language code.
    api_url: str = DEFAULT_API_URL
    #: Language of articles and of the glossary lookups.
    lang: str = "de"
    #: Second language for the glossary, via language links ("" to disable).
    fallback_lang: str = "en"
    #: Contact (e-mail or URL) sent in the User-Agent, as Wikimedia asks of API clients.
    contact: str = ""
    #: Never touch the network: the glossary answers from its cache only.
    offline: bool = False
    #: Sentences of the Wikipedia intro shown in the panel and exports (2-4 recommended).
    intro_sentences: int = 3
    #: Days before a cached glossary entry is refreshed.
    cache_ttl_days: float = 30.0
    #: HTTP timeout in seconds for each request.
    timeout: float = 10.0
    #: Textual theme name.
    theme: str = "textual-dark"
    #: Override of the cache directory ("" = platform default).
    cache_dir: str = ""
    #: Override of the data directory for corrections and notes ("" = platform default).
    data_dir: str = ""
    #: Keys by binding id (``[keymap]`` table: ``"reader.find" = "slash,ctrl+f"``); the app
    #: checks the ids and keys (reader.app.settings).
    keymap: dict[str, str] = field(default_factory=dict)

    @property
    def cache_path(self) -> Path:
        """The cache directory in effect."""
        return Path(self.cache_dir).expanduser() if self.cache_dir else paths.cache_dir()

    @property
    def data_path(self) -> Path:
        """The data directory in effect."""
        return Path(self.data_dir).expanduser() if self.data_dir else paths.data_dir()

    def validated(self) -> Config:
        """``self`` if every setting is usable; else raise :class:`ReaderError` (one line)."""
        probe = self.api_url.replace("{lang}", "de")
        parts = urlsplit(probe)
        if (parts.scheme not in ("http", "https") or not parts.netloc
                or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in probe)):
            raise ReaderError(
                f"invalid API URL {self.api_url!r}: use an http(s) URL with {{lang}}"
            )
        if not 0 < self.timeout <= 600:
            raise ReaderError(f"timeout must be between 0 and 600 seconds, got {self.timeout}")
        if not 1 <= self.intro_sentences <= 10:
            raise ReaderError(f"intro_sentences must be 1 to 10, got {self.intro_sentences}")
        return self

    def with_overrides(self, **values: Any) -> Config:
        """A copy with the given non-``None`` values set."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _coerce(name: str, kind: type, value: Any, origin: str) -> Any:
    try:
        if kind is bool:
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
            raise ValueError(value)
        if kind is int:
            return int(value)
        if kind is float:
            return float(value)
        return str(value)
    except (TypeError, ValueError):
        raise ReaderError(f"{origin}: invalid value {value!r} for {name}") from None


def _kinds() -> dict[str, type]:
    """The scalar settings and their types (the ``[keymap]`` table is read apart)."""
    return {f.name: {"bool": bool, "int": int, "float": float}.get(str(f.type), str)
            for f in fields(Config) if f.name != "keymap"}


def config_path(environ: dict[str, str] | None = None) -> Path:
    """The configuration file in effect: ``$READER_CONFIG``, else the platform default."""
    environ = dict(os.environ) if environ is None else environ
    return Path(environ.get("READER_CONFIG", "") or paths.config_file())


def _keymap(value: Any, origin: str) -> dict[str, str]:
    """The ``[keymap]`` table: binding id -> keys (a string, or a list of key names)."""
    if not isinstance(value, dict):
        raise ReaderError(f"{origin}: keymap must be a table of binding id = \"keys\"")
    keymap: dict[str, str] = {}
    for binding, keys in value.items():
        if isinstance(keys, list) and all(isinstance(key, str) for key in keys):
            keys = ",".join(keys)
        if not isinstance(keys, str) or not keys.strip():
            raise ReaderError(f"{origin}: keymap: {binding!r} needs keys such as \"ctrl+f\"")
        keymap[str(binding)] = keys
    return keymap


def settings_from_mapping(data: dict[str, Any], origin: str) -> dict[str, Any]:
    """The settings of a parsed ``config.toml`` (keys checked, values converted)."""
    kinds = _kinds()
    values: dict[str, Any] = {}
    for key, value in data.items():
        name = key.replace("-", "_")
        if name == "keymap":
            values[name] = _keymap(value, origin)
            continue
        if name not in kinds:
            raise ReaderError(f"{origin}: unknown setting {key!r}")
        values[name] = _coerce(name, kinds[name], value, origin)
    return values


#: Settings that name directories: file names, so any bytes are allowed.
_PATH_SETTINGS = frozenset({"cache_dir", "data_dir", "model"})


def _text_setting(name: str, value: str, origin: str) -> str:
    """``value`` from the environment, refused unless it is valid UTF-8 text (undecodable
    bytes arrive as lone surrogates); directories may be any bytes."""
    if name not in _PATH_SETTINGS:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ReaderError(f"{origin} is not valid UTF-8 text") from None
    return value


def load_config(path: Path | None = None, environ: dict[str, str] | None = None) -> Config:
    """Read the configuration file (if any) and ``READER_*`` environment variables."""
    environ = dict(os.environ) if environ is None else environ
    path = path or config_path(environ)
    values: dict[str, Any] = {}
    if path.is_file():
        import tomllib

        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ReaderError(f"cannot read configuration {path}: {exc}") from None
        except RecursionError:
            raise ReaderError(f"cannot read configuration {path}: nested too deeply") from None
        values.update(settings_from_mapping(data, str(path)))
    for name, kind in _kinds().items():
        env = f"READER_{name.upper()}"
        if env in environ:
            values[name] = _coerce(name, kind, _text_setting(name, environ[env], env), env)
    return Config(**values)
