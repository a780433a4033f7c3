"""Settings that stay: the theme (kept in config.toml, checked) and the ``[keymap]`` table."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from reader.app.settings import check_keymap, check_settings, check_theme, keys_in_force
from reader.cli import main
from reader.config import Config, load_config
from reader.errors import ReaderError
from reader.settings_file import save_setting, with_setting


def test_keymap_table_is_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\n[keymap]\n"reader.find" = "ctrl+s"\n'
                    'next = ["j", "ctrl+n"]\n', encoding="utf-8")
    config = load_config(path, environ={})
    assert config.keymap == {"reader.find": "ctrl+s", "next": "j,ctrl+n"}
    assert config.theme == "nord"


@pytest.mark.parametrize(("text", "message"), [
    ("keymap = 3\n", "keymap must be a table"),
    ('[keymap]\n"reader.find" = ""\n', "needs keys"),
    ('[keymap]\n"reader.find" = 5\n', "needs keys"),
])
def test_bad_keymap_tables(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReaderError, match=message):
        load_config(path, environ={})


def test_keymap_ids_and_keys_are_checked() -> None:
    assert check_keymap({"find": "ctrl+s", "reader.index": "I,z"}) == {
        "reader.find": "ctrl+s", "reader.index": "I,z"}
    with pytest.raises(ReaderError, match=r"unknown binding id 'reader\.nope'"):
        check_keymap({"reader.nope": "x"})
    with pytest.raises(ReaderError, match="not a key name"):
        check_keymap({"reader.find": "ctrl+ +"})
    with pytest.raises(ReaderError, match="'n' is given to both"):
        check_keymap({"reader.find": "n"})  # n is the next entity
    assert check_keymap({"mark_left": "y"}) == {"reader.mark_left": "y"}  # mark mode too
    assert keys_in_force({"reader.find": "ctrl+s"})["reader.find"] == "ctrl+s"
    assert keys_in_force({})["reader.find"] == "slash,ctrl+f"


def test_theme_is_checked() -> None:
    assert check_theme("textual-light") == "textual-light"
    with pytest.raises(ReaderError, match=r"unknown theme 'nonesuch'; one of: .*nord"):
        check_theme("nonesuch")
    checked = check_settings(Config(theme="nord", keymap={"find": "ctrl+s"}))
    assert checked.keymap == {"reader.find": "ctrl+s"}


def test_a_setting_is_changed_in_place(tmp_path: Path) -> None:
    text = '# mine\napi_url = "http://x/{lang}"\ntheme = "nord"\n\n[keymap]\nfind = "ctrl+s"\n'
    changed = with_setting(text, "theme", "dracula")
    assert changed == text.replace('"nord"', '"dracula"')
    added = with_setting('# mine\n[keymap]\nfind = "x"\n', "theme", "nord")
    assert tomllib.loads(added) == {"theme": "nord", "keymap": {"find": "x"}}
    assert added.startswith('# mine\ntheme = "nord"\n')
    path = tmp_path / "sub" / "config.toml"
    save_setting(path, "theme", "gruvbox")
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {"theme": "gruvbox"}


def test_a_damaged_config_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("theme = \n", encoding="utf-8")
    with pytest.raises(ReaderError, match="cannot update"):
        save_setting(path, "theme", "nord")
    assert path.read_text(encoding="utf-8") == "theme = \n"
    path.write_text('theme = """nord\n"""\n', encoding="utf-8")
    with pytest.raises(ReaderError, match="left as it is"):
        save_setting(path, "theme", "dracula")


@pytest.mark.parametrize(("text", "fragment"), [
    ('theme = "nonesuch"\n', "unknown theme 'nonesuch'"),
    ('[keymap]\n"reader.nope" = "x"\n', "unknown binding id"),
])
def test_the_command_refuses_bad_settings(tmp_path: Path, seed_path: Path, text: str,
                                          fragment: str, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("READER_CONFIG", str(path))
    assert main([str(seed_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and fragment in err[0], err


def test_config_set_keeps_the_keymap_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\n\n[keymap]\n"reader.find" = "ctrl+s"\n', encoding="utf-8")
    monkeypatch.setenv("READER_CONFIG", str(path))
    assert main(["config", "set", "timeout", "20"]) == 0
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data == {"theme": "nord", "timeout": 20.0, "keymap": {"reader.find": "ctrl+s"}}
    capsys.readouterr()
    assert main(["config", "show"]) == 0
    shown = capsys.readouterr().out
    assert '[keymap]\n"reader.find" = "ctrl+s"' in shown
    assert main(["config", "set", "keymap", "x"]) == 2
    assert "keymap is a table" in capsys.readouterr().err
