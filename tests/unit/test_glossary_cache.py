"""The glossary's SQLite cache: schema, recovery from bad files, concurrent writers."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from glossary.cache import APPLICATION_ID, SCHEMA_VERSION, CacheWarning, GlossaryCache
from glossary.client import Page
from glossary.settings import default_cache_path

ROOT = Path(__file__).resolve().parents[2]


def test_default_path_respects_xdg(isolated_dirs: Path) -> None:
    assert default_cache_path() == isolated_dirs / "cache" / "reader" / "glossary.sqlite3"


def test_new_file_is_versioned_and_in_wal_mode(tmp_path: Path) -> None:
    cache = GlossaryCache(tmp_path / "g.sqlite3")
    cache.put(pages=[Page("Nato", "de", description="Bündnis")],
              queries=[("de", "Nato", "page", {"title": "Nato", "lang": "de"})])
    conn = sqlite3.connect(tmp_path / "g.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    record = cache.get_page("de", "Nato")
    assert record is not None and record.page.description == "Bündnis"
    stored = cache.get_query("de", "  Nato ")
    assert stored is not None and stored.kind == "page"
    assert cache.recovered is None
    cache.close()


def _assert_recovered(path: Path) -> None:
    with pytest.warns(CacheWarning, match="moved to"):
        cache = GlossaryCache(path)
    assert cache.recovered and "unusable" in cache.recovered
    assert list(path.parent.glob(path.name + ".bad-*"))
    cache.put(queries=[("de", "Nato", "missing", {})])
    assert cache.get_query("de", "Nato") is not None
    cache.close()


def test_corrupt_file_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite3"
    path.write_bytes(b"this is not a database at all\x00" * 200)
    _assert_recovered(path)


def test_truncated_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite3"
    cache = GlossaryCache(path)
    cache.put(pages=[Page(f"T{i}", "de", extract="x" * 500) for i in range(200)])
    cache.close()
    data = path.read_bytes()
    path.write_bytes(data[:4096] + b"\xff" * 4096 + data[8192:])
    _assert_recovered(path)


def test_foreign_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    _assert_recovered(path)


def test_other_schema_version_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite3"
    GlossaryCache(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    _assert_recovered(path)


def test_clear_and_stats(tmp_path: Path) -> None:
    now = [1000.0]
    cache = GlossaryCache(tmp_path / "g.sqlite3", ttl_days=1, clock=lambda: now[0])
    cache.put(pages=[Page("Nato", "de")],
              queries=[("de", "Nato", "page", {"title": "Nato", "lang": "de"}),
                       ("de", "X", "missing", {})])
    now[0] += 2 * 86400
    stats = cache.stats()
    assert stats["queries"] == 2 and stats["pages"] == 1 and stats["stale"] == 2
    assert stats["kinds"] == {"page": 1, "missing": 1}
    assert cache.clear() == 3
    assert cache.stats()["queries"] == 0
    cache.close()


_WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from glossary.cache import GlossaryCache
    from glossary.client import Page
    cache = GlossaryCache(Path(sys.argv[1]))
    tag = sys.argv[2]
    for i in range(150):
        cache.put(pages=[Page(f"{{tag}}-{{i}}", "de", extract="x" * 200)],
                  queries=[("de", f"{{tag}}-{{i}}", "page", {{"title": f"{{tag}}-{{i}}",
                                                             "lang": "de"}})])
    cache.close()
""")


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "shared" / "g.sqlite3"
    script = tmp_path / "writer.py"
    script.write_text(_WRITER.format(root=str(ROOT)), encoding="utf-8")
    procs = [subprocess.Popen([sys.executable, str(script), str(path), tag])
             for tag in ("a", "b")]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    cache = GlossaryCache(path)
    stats = cache.stats()
    assert stats["queries"] == 300 and stats["pages"] == 300
    assert cache.recovered is None
    cache.close()
