"""analyse(): clustering, the on-disk cache and the corrections hook."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.analysis import analyse, cache
from reader.analysis.recognisers import describe
from reader.errors import ReaderError

TEXT = "Kanzler Olaf Brümmelmann traf in Wien die Agentur Zoranex. Brümmelmann lachte."


def test_analyse_writes_and_reuses_the_cache(tmp_path: Path) -> None:
    first = analyse(TEXT, model="embedded", cache_dir=tmp_path)
    files = list(tmp_path.glob("*.json"))
    assert len(files) == 1
    names = {e.name: e.label for e in first.entities}
    assert names == {"Olaf Brümmelmann": "PER", "Wien": "LOC", "Zoranex": "ORG"}
    # The cached file is what is read back: change it and see the change.
    data = files[0].read_text(encoding="utf-8").replace("Zoranex\"", "Zoranex AG\"", 1)
    files[0].write_text(data, encoding="utf-8")
    again = analyse(TEXT, model="embedded", cache_dir=tmp_path)
    assert "Zoranex AG" in {e.name for e in again.entities}


def test_corrupt_cache_is_ignored_and_replaced(tmp_path: Path) -> None:
    analyse(TEXT, model="embedded", cache_dir=tmp_path)
    [path] = tmp_path.glob("*.json")
    path.write_text("{not json", encoding="utf-8")
    result = analyse(TEXT, model="embedded", cache_dir=tmp_path)
    assert result.by_key()["PER:Olaf Brümmelmann"].count == 2
    assert cache.read(path, describe("embedded")[1]) is not None


def test_default_cache_dir_is_under_the_user_cache(isolated_dirs: Path) -> None:
    analyse("Wien ist schön.", model="embedded")
    assert list((isolated_dirs / "cache" / "reader" / "analysis").glob("*.json"))


def test_corrections_change_the_key_and_the_result(tmp_path: Path) -> None:
    plain = analyse(TEXT, model="embedded", cache_dir=tmp_path)
    corrected = analyse(TEXT, model="embedded", cache_dir=tmp_path,
                        extra_patterns=[{"label": "MISC", "pattern": "Wien"}],
                        hidden=["Zoranex"])
    assert len(list(tmp_path.glob("*.json"))) == 2
    assert "ORG:Zoranex" in plain.by_key()
    labels = {e.name: e.label for e in corrected.entities}
    assert labels["Wien"] == "MISC" and "Zoranex" not in labels


def test_invalid_pattern_and_unknown_model_are_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="invalid entity pattern"):
        analyse(TEXT, model="embedded", cache_dir=tmp_path,
                extra_patterns=[{"label": "XYZ", "pattern": "Wien"}])
    with pytest.raises(ReaderError, match="not installed") as info:
        analyse(TEXT, model="de_no_such_model_xyz", cache_dir=tmp_path)
    assert "\n" not in str(info.value)
    with pytest.raises(ReaderError, match="not a spaCy pipeline"):
        analyse(TEXT, model=str(tmp_path / "missing"), cache_dir=tmp_path)


def test_the_piece_size_is_part_of_a_long_texts_key(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A long text is recognised in pieces: an analysis made with other pieces is not
    found (a short text's key does not change)."""
    from reader.analysis import cache, version

    short, long = "Anna Berg wohnt in Kiel.", "Anna Berg wohnt in Kiel.\n\n" * 5_000
    assert len(long) > version.MAX_CHUNK
    before = {text: cache.locate(text, tmp_path) for text in (short, long)}
    monkeypatch.setattr(version, "MAX_CHUNK", version.MAX_CHUNK // 2)
    assert cache.locate(short, tmp_path) == before[short]
    path, ident = cache.locate(long, tmp_path)
    assert path != before[long][0] and ident != before[long][1]
