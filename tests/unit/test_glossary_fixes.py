"""Glossary fixes of issue 15 and the cache items of issue 17, against the local wiki server:
whole sentences in intros, redirect sections, the cache keyed by endpoint, failed refreshes
reported, the contact notice, damaged rows, a cache that cannot be written, long names."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from test_glossary_service import Clock

from glossary import fileio
from glossary.cache import GlossaryCache
from glossary.models import MAX_NAME_LENGTH, EntityQuery, Status
from glossary.service import CONTACT_NOTICE, Glossary
from glossary.settings import GlossarySettings
from reader.cli import main


def make(tmp_path: Path, api_url: str, clock: Clock | None = None,
         **overrides: Any) -> Glossary:
    values: dict[str, Any] = {"api_url": api_url, "max_retries": 0, "retry_wait": 0.0,
                              "timeout": 2.0, "contact": "qa@example.org",
                              "cache_path": tmp_path / "cache" / "glossary.sqlite3",
                              "choices_path": tmp_path / "data" / "choices.json"}
    values.update(overrides)
    return Glossary(GlossarySettings(**values), sleep=lambda _s: None,
                    clock=clock or Clock())


def q(name: str) -> EntityQuery:
    return EntityQuery(name=name, lang="de")


@pytest.mark.parametrize(("name", "sentences", "ending"), [
    ("Donald Trump", 2, "47. Präsident der Vereinigten Staaten."),
    ("Wladimir Putin", 1, "früherer Geheimdienstoffizier."),
])
def test_intro_ends_after_a_whole_sentence(wiki_server: Any, tmp_path: Path, name: str,
                                           sentences: int, ending: str) -> None:
    """The server's naive exsentences would cut "der 45." and "(* 7."; we never ask for it."""
    glossary = make(tmp_path, wiki_server.api_url, intro_sentences=sentences)
    entry = glossary.lookup(q(name))
    assert entry.status is Status.FOUND and entry.intro.endswith(ending), entry.intro
    glossary.close()


def test_every_fixture_intro_ends_a_sentence(wiki_server: Any, tmp_path: Path) -> None:
    names = ["Donald Trump", "Wladimir Putin", "Dmitri Peskow", "Nato", "Kiew", "Interfax"]
    for count in (1, 2, 3):
        glossary = make(tmp_path / str(count), wiki_server.api_url, intro_sentences=count)
        for entry in glossary.lookup_many([q(n) for n in names]).values():
            assert entry.intro and entry.intro[-1] in ".!?", entry.intro
        glossary.close()


def test_a_huge_intro_is_capped(wiki_server: Any, tmp_path: Path) -> None:
    wiki_server.add_page("de", "Riesig", extract="Ein Satz von vielen. " * 250_000)
    glossary = make(tmp_path, wiki_server.api_url, intro_sentences=10)
    entry = glossary.lookup(q("Riesig"))
    stored = glossary.cache.get_page("de", "Riesig")
    assert stored is not None and len(stored.page.extract) <= 4000
    assert entry.intro.count("Ein Satz") == 10
    glossary.close()


def test_redirect_to_a_section_keeps_it(wiki_server: Any, tmp_path: Path) -> None:
    glossary = make(tmp_path, wiki_server.api_url)
    entry = glossary.lookup(q("Nato-Gipfel"))
    assert entry.title == "Nato" and entry.url.endswith("/Nato#Gipfeltreffen")
    glossary.close()
    again = make(tmp_path, wiki_server.api_url, offline=True)  # and from the cache
    assert again.lookup(q("Nato-Gipfel")).url.endswith("/Nato#Gipfeltreffen")
    again.close()


def test_cache_is_keyed_by_endpoint(wiki_server: Any, tmp_path: Path) -> None:
    glossary = make(tmp_path, wiki_server.api_url)
    assert glossary.lookup(q("Nato")).status is Status.FOUND
    glossary.close()
    other_wiki = wiki_server.api_url.replace("127.0.0.1", "localhost")
    other = make(tmp_path, other_wiki, offline=True)
    assert other.lookup(q("Nato")).status is Status.NOT_CACHED  # not the first wiki's page
    other.close()
    same = make(tmp_path, wiki_server.api_url, offline=True)
    assert same.lookup(q("Nato")).status is Status.FOUND
    same.close()


def test_failed_refresh_is_reported(wiki_server: Any, tmp_path: Path) -> None:
    clock = Clock()
    glossary = make(tmp_path, wiki_server.api_url, clock)
    assert glossary.lookup(q("Kiew")).refresh_error == ""
    clock.now += 40 * 86400  # stale
    wiki_server.set_fault("500")
    entry = glossary.lookup(q("Kiew"))
    assert entry.status is Status.FOUND and "HTTP 500" in entry.refresh_error
    glossary.close()


def test_prefetch_exits_1_when_a_refresh_fails(wiki_server: Any, seed_path: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("READER_API_URL", wiki_server.api_url)
    monkeypatch.setenv("READER_CONTACT", "qa@example.org")
    monkeypatch.setenv("READER_MODEL", "embedded")
    assert main(["prefetch", str(seed_path), "-q"]) == 0
    monkeypatch.setenv("READER_CACHE_TTL_DAYS", "0")  # every entry is stale now
    wiki_server.set_fault("500")
    assert main(["prefetch", str(seed_path)]) == 1
    err = capsys.readouterr().err
    assert "not refreshed (old entry kept)" in err and "HTTP 500" in err


def test_contact_notice_once(wiki_server: Any, tmp_path: Path) -> None:
    notices: list[str] = []
    glossary = make(tmp_path, wiki_server.api_url, contact="")
    glossary.on_notice = notices.append
    glossary.lookup(q("Kiew"))
    glossary.lookup(q("Moskau"))
    assert notices == [CONTACT_NOTICE] and "reader config set contact" in notices[0]
    assert "contact not configured" in glossary.client.user_agent
    glossary.close()
    configured = make(tmp_path / "b", wiki_server.api_url)
    configured.on_notice = notices.append
    configured.lookup(q("Kiew"))
    assert len(notices) == 1
    configured.close()


@pytest.mark.parametrize(("kind", "data"), [("page", "{not json"), ("teleport", "{}"),
                                            ("page", '{"title": 3}'), ("candidates", "[]")])
def test_damaged_rows_count_as_missing(wiki_server: Any, tmp_path: Path, kind: str,
                                       data: str) -> None:
    glossary = make(tmp_path, wiki_server.api_url)
    glossary.lookup(q("Kiew"))
    conn = sqlite3.connect(glossary.settings.resolved_cache_path)
    conn.execute("UPDATE queries SET kind = ?, data = ?", (kind, data))
    conn.commit()
    conn.close()
    before = wiki_server.request_count
    assert glossary.lookup(q("Kiew")).status is Status.FOUND  # fetched again
    assert wiki_server.request_count > before
    glossary.close()


def _filled(tmp_path: Path, api_url: str) -> Path:
    glossary = make(tmp_path, api_url)
    glossary.lookup_many([q("Kiew"), q("Nato")])
    glossary.close()
    return glossary.settings.resolved_cache_path


def test_full_disk_keeps_the_cache_and_reading(wiki_server: Any, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = _filled(tmp_path, wiki_server.api_url)

    def full(self: GlossaryCache) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(GlossaryCache, "_check_or_create", full)
    glossary = make(tmp_path, wiki_server.api_url)
    warning = glossary.cache_warning
    assert warning is not None and "cannot be written" in warning and "\n" not in warning
    assert glossary.lookup(q("Kiew")).status is Status.FOUND  # read from the cache
    assert glossary.lookup(q("Moskau")).status is Status.FOUND  # fetched, not stored
    glossary.close()
    assert not list(path.parent.glob("*.bad-*")) and path.exists()


def test_unwritable_cache_without_lock_file_is_read(wiki_server: Any, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The lock cannot be taken (read-only directory): reading still works, offline too."""
    path = _filled(tmp_path, wiki_server.api_url)

    def no_lock(_path: Any, **_kw: Any) -> Any:
        raise fileio.LockUnavailable(30, "Read-only file system", str(_path))

    monkeypatch.setattr(fileio, "file_lock", no_lock)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    glossary = make(tmp_path, wiki_server.api_url, offline=True)
    assert glossary.cache_warning and "Read-only" in glossary.cache_warning
    assert glossary.lookup(q("Nato")).status is Status.FOUND
    assert glossary.cache.put(pages=[]) is False  # nothing is written
    glossary.close()
    assert not list(path.parent.glob("*.bad-*"))


def test_long_names_are_not_looked_up(wiki_server: Any, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    glossary = make(tmp_path, wiki_server.api_url)
    entry = glossary.lookup(q("x" * (MAX_NAME_LENGTH + 1)))
    assert entry.status is Status.NOT_FOUND and wiki_server.request_count == 0
    glossary.close()
    assert main(["lookup", "y" * 1_000_000, "--api-url", wiki_server.api_url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "too long" in err


def test_cache_clear_all_keeps_the_data_in_a_shared_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    shared = tmp_path / "shared"
    monkeypatch.setenv("READER_CACHE_DIR", str(shared))
    monkeypatch.setenv("READER_DATA_DIR", str(shared))
    assert main(["entity", "add", "Isabelle Schaefers", "--label", "PER"]) == 0
    (shared / "analysis").mkdir()
    result = shared / "analysis" / f"{'a' * 64}-{'b' * 16}.json"
    result.write_text("{}", encoding="utf-8")
    (shared / "analysis" / "notes.txt").write_text("mine", encoding="utf-8")
    (shared / "web").mkdir()
    page = shared / "web" / f"{'c' * 64}.body"
    page.write_bytes(b"<html></html>")
    (shared / "my-notes.md").write_text("mine", encoding="utf-8")
    before = {p.name for p in shared.iterdir()}
    assert main(["cache", "clear", "--all"]) == 0
    assert not result.exists() and (shared / "analysis" / "notes.txt").exists()
    assert not (shared / "web").exists()  # emptied, so removed
    assert {p.name for p in shared.iterdir()} >= before - {"analysis", "web"}
    assert {"corrections.json", "patterns.jsonl", "my-notes.md"} <= before
    capsys.readouterr()


def test_cache_recovery_warning_is_one_line(isolated_dirs: Path) -> None:
    """No Python warnings header or source line: just the reader's own line."""
    import os
    import subprocess
    import sys

    cache = isolated_dirs / "cache" / "reader" / "glossary.sqlite3"
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"not a database " * 100)
    result = subprocess.run([sys.executable, "-m", "reader", "lookup", "Nato", "--offline"],
                            capture_output=True, text=True, env=dict(os.environ), check=False)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: warning: glossary cache"), lines
    assert "moved to glossary.sqlite3.bad-" in lines[0]
