"""The glossary cache end to end, with ``reader prefetch`` processes: concurrent writers lose
nothing, a process killed with SIGKILL leaves a usable cache, and an unusable file is moved
aside and rebuilt with a warning on standard error.

tests/unit/test_glossary_cache.py covers the cache layer (two writer processes, corrupt,
truncated and foreign files); tests/unit/test_lookup_cli.py the warning of ``reader lookup``.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from app_support import SEED

from glossary.cache import GlossaryCache
from glossary.client import Page
from glossary.service import FINAL_KINDS

#: A second article (our own words) whose entities are in the fixture wiki too.
SECOND = """Macron und Trump beraten in Paris

Der französische Präsident Emmanuel Macron hat am Montag in Paris mit Donald Trump über die \
Lage in Europa gesprochen. Auch Vertreter der Europäischen Union und aus Großbritannien nahmen \
an dem Treffen teil.

Wladimir Putin ließ über den Kreml mitteilen, Russland sehe keinen Anlass für neue Gespräche. \
China rief alle Seiten zur Zurückhaltung auf, wie das ZDF berichtete.

Ein weiteres Treffen ist in Istanbul geplant. Frankreich will bis dahin einen eigenen \
Vorschlag vorlegen.
"""


@pytest.fixture
def env(wiki_server: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The environment of a ``reader`` process: isolated directories, the test server."""
    monkeypatch.setenv("READER_API_URL", wiki_server.api_url)
    monkeypatch.setenv("READER_FALLBACK_LANG", "")
    monkeypatch.setenv("READER_MODEL", "embedded")
    return dict(os.environ)


def cache_path(home: Path) -> Path:
    return home / "cache" / "reader" / "glossary.sqlite3"


def reader(*args: str) -> list[str]:
    return [sys.executable, "-m", "reader", *args]


def rows(path: Path) -> dict[str, str]:
    """Query -> kind in the cache, which must open without being rebuilt."""
    cache = GlossaryCache(path)
    try:
        assert cache.recovered is None
        assert cache._conn().execute("PRAGMA quick_check").fetchone()[0] == "ok"
        return dict(cache._conn().execute("SELECT query, kind FROM queries").fetchall())
    finally:
        cache.close()


def offline_prefetch(article: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(reader("prefetch", str(article), "--offline"), env=env, text=True,
                          capture_output=True, timeout=120, check=False)


def test_two_prefetch_processes_at_once_lose_nothing(
        tmp_path: Path, isolated_dirs: Path, env: dict[str, str], wiki_server: Any) -> None:
    second = tmp_path / "second.txt"
    second.write_text(SECOND, encoding="utf-8")
    wiki_server.set_latency(0.05)  # so that the two processes' requests interleave
    procs = [subprocess.Popen(reader("prefetch", str(path)), env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for path in (SEED, second)]
    results = [proc.communicate(timeout=120) for proc in procs]
    for proc, (_, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert "Traceback" not in err and "warning" not in err
    stored = rows(cache_path(isolated_dirs))
    assert set(stored.values()) <= set(FINAL_KINDS)
    assert {"Dmitri Peskow", "Emmanuel Macron", "Kreml", "Frankreich"} <= set(stored)
    # Each article now reads offline completely: nothing of either process was lost.
    for path in (SEED, second):
        result = offline_prefetch(path, env)
        assert result.returncode == 0 and "not cached" not in result.stderr, result.stderr


def kill_prefetches(path: Path, env: dict[str, str], delays: Iterable[float]) -> None:
    """Start ``reader prefetch`` and kill it with SIGKILL after each delay; the cache must
    open without a rebuild each time."""
    for delay in delays:
        proc = subprocess.Popen(reader("prefetch", str(SEED)), env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        if path.exists():
            assert set(rows(path).values()) <= set(FINAL_KINDS)
    assert not list(path.parent.glob("*.bad-*"))


def test_prefetch_killed_at_any_moment_leaves_a_usable_cache(
        isolated_dirs: Path, env: dict[str, str], wiki_server: Any) -> None:
    """A whole prefetch takes about 1.5 s here (start-up, analysis, lookups, writing)."""
    wiki_server.set_latency(0.05)
    kill_prefetches(cache_path(isolated_dirs), env, (0.4, 0.8, 1.2))
    wiki_server.set_latency(0.0)
    done = subprocess.run(reader("prefetch", str(SEED)), env=env, text=True,
                          capture_output=True, timeout=120, check=False)
    assert done.returncode == 0 and "warning" not in done.stderr, done.stderr
    result = offline_prefetch(SEED, env)
    assert result.returncode == 0 and "not cached" not in result.stderr


def wait_for_requests(server: Any, count: int, timeout: float = 60.0) -> None:
    """Wait until the server has received ``count`` requests."""
    deadline = time.monotonic() + timeout
    while len(server.requests) < count:
        assert time.monotonic() < deadline, f"only {len(server.requests)} requests"
        time.sleep(0.01)


def test_a_killed_prefetch_keeps_every_batch_it_received(
        isolated_dirs: Path, env: dict[str, str], wiki_server: Any) -> None:
    """Issue 17: results were written once at the end, so a killed prefetch kept nothing.
    Each batch is written as it arrives: killed while its second request is in flight
    (answers take 0.5 s), the prefetch has kept what the first answer settled."""
    wiki_server.set_latency(0.5)
    proc = subprocess.Popen(reader("prefetch", str(SEED)), env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_requests(wiki_server, 2)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    first = wiki_server.requests[0].params["titles"].split("|")
    stored = rows(cache_path(isolated_dirs))
    assert len([title for title in first if stored.get(title) == "page"]) >= 3, stored
    assert set(stored.values()) <= set(FINAL_KINDS)
    cache = GlossaryCache(cache_path(isolated_dirs))
    try:
        assert cache.stats()["pages"] >= 5  # the pages of the first answer
    finally:
        cache.close()


@pytest.mark.soak
def test_soak_prefetch_killed_many_times(isolated_dirs: Path, env: dict[str, str],
                                         wiki_server: Any) -> None:
    wiki_server.set_latency(0.05)
    path = cache_path(isolated_dirs)
    kill_prefetches(path, env, [0.1 + 0.05 * (i * 7 % 40) for i in range(40)])
    result = offline_prefetch(SEED, env)
    assert result.returncode in (0, 1) and "warning" not in result.stderr


WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from glossary.cache import GlossaryCache
    from glossary.client import Page
    cache = GlossaryCache(Path(sys.argv[1]))
    print("ready", flush=True)
    for i in range(1_000_000):
        cache.put(pages=[Page(f"p{i}", "de", extract="x" * 3000)],
                  queries=[("de", f"q{i}", "page", {"title": f"p{i}", "lang": "de"})])
""")


def test_a_writer_killed_mid_transaction_loses_only_its_last_write(tmp_path: Path) -> None:
    """SIGKILL while writing in a tight loop: every committed write is whole."""
    path = tmp_path / "glossary.sqlite3"
    for delay in (0.05, 0.2, 0.35):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        cache = GlossaryCache(path)
        try:
            assert cache.recovered is None
            stats = cache.stats()
            assert stats["pages"] == stats["queries"] > 0  # one transaction each
            cache.put(pages=[Page("after", "de")],  # still writable
                      queries=[("de", "after", "page", {"title": "after", "lang": "de"})])
        finally:
            cache.close()


def _valid_cache(path: Path) -> None:
    cache = GlossaryCache(path)
    cache.put(pages=[Page(f"p{i}", "de", extract="x" * 4000) for i in range(50)])
    cache.close()


def _truncate(path: Path) -> None:
    _valid_cache(path)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _foreign_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO notes (body) VALUES ('somebody else''s data')")


def _foreign_file(path: Path) -> None:
    path.write_text('{"not": "a database"}\n' * 200, encoding="utf-8")


@pytest.mark.parametrize("damage", [_truncate, _foreign_sqlite, _foreign_file],
                         ids=["truncated", "foreign-sqlite", "foreign-file"])
def test_unusable_cache_is_moved_aside_and_rebuilt_with_a_warning(
        damage: Any, isolated_dirs: Path, env: dict[str, str]) -> None:
    path = cache_path(isolated_dirs)
    path.parent.mkdir(parents=True, exist_ok=True)
    damage(path)
    original = path.read_bytes()
    result = subprocess.run(reader("prefetch", str(SEED)), env=env, text=True,
                            capture_output=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and warnings[0].startswith("reader: warning: glossary cache")
    assert "moved to glossary.sqlite3.bad-" in warnings[0] and "rebuilt" in warnings[0]
    (moved,) = path.parent.glob("glossary.sqlite3.bad-*[0-9Z]")
    assert moved.read_bytes() == original  # the user's file is kept, not deleted
    assert len(rows(path)) > 10  # rebuilt and filled
    again = offline_prefetch(SEED, env)
    assert again.returncode == 0 and "warning" not in again.stderr
