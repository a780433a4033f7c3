"""Configuration: defaults, file, environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import DEFAULT_API_URL, Config, load_config
from reader.errors import ReaderError


def test_defaults_without_file(tmp_path: Path) -> None:
    config = load_config(tmp_path / "missing.toml", environ={})
    assert config == Config()
    assert config.api_url == DEFAULT_API_URL


def test_file_then_environment(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('api_url = "http://127.0.0.1:9/{lang}/api.php"\noffline = true\n'
                    'intro_sentences = 2\n')
    config = load_config(path, environ={"READER_INTRO_SENTENCES": "4", "READER_OFFLINE": "no"})
    assert config.api_url == "http://127.0.0.1:9/{lang}/api.php"
    assert config.intro_sentences == 4
    assert config.offline is False


def test_overrides_ignore_none() -> None:
    config = Config().with_overrides(model=None, lang="en")
    assert config.lang == "en" and config.model == ""


@pytest.mark.parametrize(
    ("text", "environ", "fragment"),
    [
        ("nonsense = 1\n", {}, "unknown setting"),
        ("offline = [\n", {}, "cannot read configuration"),
        ("", {"READER_TIMEOUT": "soon"}, "invalid value"),
        ("", {"READER_OFFLINE": "maybe"}, "invalid value"),
    ],
)
def test_bad_configuration_is_a_reader_error(
    tmp_path: Path, text: str, environ: dict[str, str], fragment: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ReaderError, match=fragment):
        load_config(path, environ=environ)


def test_xdg_directories_are_respected(isolated_dirs: Path) -> None:
    config = Config()
    assert str(config.cache_path).startswith(str(isolated_dirs))
    assert str(config.data_path).startswith(str(isolated_dirs))


@pytest.mark.parametrize(
    ("values", "fragment"),
    [
        ({"api_url": "ftp://x/{lang}"}, "invalid API URL"),
        ({"api_url": "http://exa\x1bmple.org/{lang}/api.php"}, "invalid API URL"),
        ({"api_url": "not a url"}, "invalid API URL"),
        ({"timeout": 0.0}, "timeout"),
        ({"intro_sentences": 0}, "intro_sentences"),
    ],
)
def test_unusable_settings_are_refused(values: dict[str, object], fragment: str) -> None:
    with pytest.raises(ReaderError, match=fragment):
        Config().with_overrides(**values).validated()


def test_cli_refuses_a_bad_api_url(capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import main

    assert main(["lookup", "Nato", "--api-url", "http://bad\x07host/{lang}"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "invalid API URL" in err
