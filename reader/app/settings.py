"""The app's settings checked before it starts (theme, ``[keymap]``), and the theme kept.

Bad settings are one-line errors (:class:`ReaderError`), never silently ignored: an
unknown theme, a keymap entry naming no binding, or keys that clash in one place.
"""

from __future__ import annotations

import re

from reader.app import keys
from reader.config import Config, config_path
from reader.errors import ReaderError

#: A key as Textual names it: modifiers, then a key name or one character.
_KEY = re.compile(r"^(?:(?:ctrl|shift|alt|meta|super|hyper)\+)*(?:[A-Za-z0-9_]+|[^\s,+])$")


def theme_names() -> list[str]:
    """The names of Textual's built-in themes."""
    from textual.theme import BUILTIN_THEMES

    return sorted(BUILTIN_THEMES)


def check_theme(name: str) -> str:
    """``name`` if it is a built-in theme; else :class:`ReaderError`."""
    names = theme_names()
    if name not in names:
        raise ReaderError(f"unknown theme {name!r}; one of: {', '.join(names)}")
    return name


def _bindable() -> dict[str, keys.Key]:
    return {f"reader.{key.id}": key for key in keys.KEYS if key.bind}


def check_keymap(keymap: dict[str, str]) -> dict[str, str]:
    """The keymap with full binding ids (``find`` may be written for ``reader.find``).

    Raises :class:`ReaderError` for an unknown id, a malformed key name, or two bindings
    of one place given the same key.
    """
    bindable = _bindable()
    result: dict[str, str] = {}
    for name, value in keymap.items():
        binding = name if name.startswith("reader.") else f"reader.{name}"
        if binding not in bindable:
            raise ReaderError(f"keymap: unknown binding id {name!r} (the help, F1, lists "
                              "them; e.g. reader.find)")
        names = [part.strip() for part in value.split(",")]
        for key in names:
            if not _KEY.match(key):
                raise ReaderError(f"keymap: {name}: {key!r} is not a key name (e.g. ctrl+f, "
                                  "f3, question_mark, G)")
        result[binding] = ",".join(names)
    _check_clashes(result, bindable)
    return result


#: Scopes whose keys act together (the article has the focus; the app's keys work too).
_TOGETHER = {"app": "main", "corrections": "main", "article": "main"}


def _check_clashes(keymap: dict[str, str], bindable: dict[str, keys.Key]) -> None:
    """Two bindings that act together with the same key (after the keymap): an error."""
    seen: dict[tuple[str, str], str] = {}
    for binding, key in bindable.items():
        place = _TOGETHER.get(key.scope, key.scope)
        for name in keymap.get(binding, key.keys).split(","):
            other = seen.setdefault((place, name), binding)
            if other != binding:
                raise ReaderError(f"keymap: {name!r} is given to both {other} and {binding}")


def check_settings(config: Config) -> Config:
    """``config`` with a checked theme and keymap (full ids); else :class:`ReaderError`."""
    check_theme(config.theme)
    return config.with_overrides(keymap=check_keymap(config.keymap))


def keys_in_force(keymap: dict[str, str]) -> dict[str, str]:
    """Binding id -> the keys it has now (the keymap's, else the default)."""
    return {binding: keymap.get(binding, key.keys) for binding, key in _bindable().items()}


def save_theme(name: str) -> None:
    """Keep ``name`` as the theme in ``config.toml`` (raises :class:`ReaderError`)."""
    from reader.settings_file import save_setting

    save_setting(config_path(), "theme", name)
