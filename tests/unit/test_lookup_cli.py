"""``reader lookup``, ``reader prefetch`` and ``reader cache`` against the local wiki server,
and :mod:`reader.lookup` (queries from an analysed article)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reader.analysis.model import Analysis, Entity, Mention
from reader.article import from_text
from reader.cli import main
from reader.config import Config
from reader.lookup import glossary_for, queries_for, settings_for


def test_queries_for_uses_local_and_other_entities() -> None:
    article = from_text("date 2025-09-05 Lead.\n\nZDFheute live analysiert mit Oberst Reisner "
                        "die Lage in Kiew.\n", "x.txt", "text")
    text = article.text
    start = text.index("Reisner")
    analysis = Analysis([
        Entity("PER:Reisner", "Reisner", "PER", [],
               [Mention(start, start + 7, "Reisner")]),
        Entity("LOC:Kiew", "Kiew", "LOC", ["Kiews"],
               [Mention(text.index("Kiew"), text.index("Kiew") + 4, "Kiew")]),
    ], "test")
    queries = queries_for(article, analysis, "de")
    assert [q.name for q in queries] == ["Reisner", "Kiew"]
    reisner = queries[0]
    assert reisner.label == "PER" and reisner.lang == "de"
    assert "Oberst" in reisner.context and "Kiew" in reisner.context
    assert "Kiews" in reisner.context and "2025" in reisner.context
    assert queries[1].aliases == ("Kiews",) and "Reisner" in queries[1].context


def test_settings_follow_the_config(tmp_path: Path) -> None:
    config = Config(api_url="http://h/{lang}/api.php", lang="fr", fallback_lang="",
                    offline=True, intro_sentences=2, cache_dir=str(tmp_path / "c"),
                    data_dir=str(tmp_path / "d"), contact="me@example.org")
    settings = settings_for(config)
    assert settings.cache_path == tmp_path / "c" / "glossary.sqlite3"
    assert (settings.lang, settings.fallback_lang, settings.offline) == ("fr", "", True)
    glossary = glossary_for(config)
    assert glossary.settings is not None and glossary.state.mode.value == "offline"
    glossary.choose("Nato", "fr", "OTAN")  # kept with the user's corrections, in the data dir
    glossary.close()
    from reader.corrections import store_for

    assert store_for(config).load().page_for("Nato", "fr") == "OTAN"
    assert glossary_for(config).chosen("Nato", "fr") == "OTAN"


def test_lookup_text_and_json(wiki_server: Any, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "Koalition der Willigen", "--api-url", wiki_server.api_url,
                 "--context", "Ukraine 2025 Waffenruhe"]) == 0
    out = capsys.readouterr().out
    assert "Koalition der Willigen (Ukraine)" in out and "CC BY-SA 4.0" in out
    assert main(["lookup", "Peskow", "--api-url", wiki_server.api_url,
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "found" and data["title"] == "Dmitri Peskow"


def test_lookup_offline_and_not_found(wiki_server: Any, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_API_URL", wiki_server.api_url)
    assert main(["lookup", "Nato", "--offline"]) == 1
    assert "not_cached" in capsys.readouterr().out
    assert wiki_server.request_count == 0
    assert main(["lookup", "Isabelle Schaefers"]) == 1
    assert "not_found" in capsys.readouterr().out


def test_lookup_bad_api_url(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "Nato", "--api-url", "ftp://x"]) == 2
    assert "invalid API URL" in capsys.readouterr().err


def test_prefetch_then_read_offline(wiki_server: Any, seed_path: Path,
                                    monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("READER_API_URL", wiki_server.api_url)
    assert main(["prefetch", str(seed_path)]) == 0
    err = capsys.readouterr().err
    assert "entities:" in err and "found" in err
    requests = wiki_server.request_count
    assert requests <= 10
    # Everything is now answered offline.
    from reader.analysis import analyse
    from reader.article import load

    config = Config(offline=True, api_url=wiki_server.api_url)
    article = load(seed_path)
    analysis = analyse(article.text, cache_dir=config.cache_path / "analysis")
    glossary = glossary_for(config)
    entries = glossary.lookup_many(queries_for(article, analysis, "de"))
    glossary.close()
    assert entries and all(e.status.value != "not_cached" for e in entries.values())
    assert entries["Koalition der Willigen"].title == "Koalition der Willigen (Ukraine)"
    assert wiki_server.request_count == requests


def test_cache_info_and_clear(wiki_server: Any, capsys: pytest.CaptureFixture[str],
                              isolated_dirs: Path) -> None:
    assert main(["lookup", "Nato", "--api-url", wiki_server.api_url]) == 0
    capsys.readouterr()
    assert main(["cache", "info"]) == 0
    out = capsys.readouterr().out
    assert str(isolated_dirs / "cache" / "reader" / "glossary.sqlite3") in out
    assert "names: 1 (1 pages" in out
    assert main(["cache", "clear"]) == 0
    assert "cleared" in capsys.readouterr().out
    assert main(["cache", "info"]) == 0
    assert "names: 0" in capsys.readouterr().out


def test_cache_warning_reaches_the_user(isolated_dirs: Path) -> None:
    path = isolated_dirs / "cache" / "reader" / "glossary.sqlite3"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"garbage" * 100)
    result = subprocess.run(["reader", "lookup", "Nato", "--offline"], capture_output=True,
                            text=True, timeout=60, check=False,
                            env={**os.environ, "PATH": _venv_path()})
    assert "Traceback" not in result.stderr
    assert "warning: glossary cache" in result.stderr and "moved to" in result.stderr
    assert result.returncode == 1


def _venv_path() -> str:
    return f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"


def test_no_log_noise_on_stderr_when_unreachable(tmp_path: Path) -> None:
    """The glossary logs through a NullHandler: the CLI's own message is all the user sees."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "c"), "XDG_DATA_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "reader", "lookup", "Nato", "--api-url",
         "http://127.0.0.1:9/{lang}/w/api.php"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )
    assert result.returncode == 1
    assert "glossary request failed" not in result.stderr
    assert "Traceback" not in result.stderr
