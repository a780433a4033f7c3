"""The on-disk analysis cache: one JSON file per (text hash, recogniser id).

Files are written atomically (temporary file + ``os.replace``); unreadable or corrupt files
are ignored (and overwritten by the next analysis).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from reader.analysis.model import Analysis, Entity, Mention

FORMAT = 2  # 2: names the reader added are kept whole (no role noun stripped)


def cache_file(cache_dir: Path, text: str, recogniser_id: str,
               text_hash: str | None = None) -> Path:
    """Where the analysis of ``text`` by the recogniser ``recogniser_id`` is kept
    (``text_hash``: the text's SHA-256 if known, as :attr:`reader.article.Article.sha256`)."""
    text_hash = text_hash or hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    rec_hash = hashlib.sha256(recogniser_id.encode("utf-8")).hexdigest()[:16]
    return cache_dir / f"{text_hash}-{rec_hash}.json"


def locate(text: str, cache_dir: Path, *, model: str = "",
           extra_patterns: Iterable[Mapping[str, Any]] | None = None,
           hidden: Iterable[str] | None = None, text_hash: str | None = None
           ) -> tuple[Path, str]:
    """(cache file, recogniser id) of the analysis of ``text`` by the recogniser
    :func:`reader.analysis.analyse` would use, without loading spaCy or any data.

    The id names the recogniser, its version and data, and the corrections (patterns and
    hidden names), and for a text recognised in pieces the pieces' size; the file name
    holds the text's hash: a cached analysis is found only when all of them match. Raises
    :class:`reader.errors.ReaderError` for an unknown model.
    """
    from reader.analysis.recognisers import describe
    from reader.analysis.version import MAX_CHUNK

    _, ident = describe(model, extra_patterns=[dict(p) for p in extra_patterns or ()],
                        hidden=sorted(set(hidden or ())))
    if len(text) > MAX_CHUNK:  # other pieces could find other entities at their edges
        ident = f"{ident} pieces:{MAX_CHUNK}"
    return cache_file(cache_dir, text, ident, text_hash), ident


def lookup(text: str, cache_dir: Path, *, model: str = "",
           extra_patterns: Iterable[Mapping[str, Any]] | None = None,
           max_bytes: int | None = None, text_hash: str | None = None) -> Analysis | None:
    """The cached analysis of ``text`` (see :func:`locate`), or None: none cached, or its
    file is larger than ``max_bytes``. Imports neither spaCy nor the recognisers."""
    path, ident = locate(text, cache_dir, model=model, extra_patterns=extra_patterns,
                         text_hash=text_hash)
    if max_bytes is not None:
        try:
            if path.stat().st_size > max_bytes:
                return None
        except OSError:
            return None
    return read(path, ident)


def to_json(analysis: Analysis) -> dict[str, Any]:
    """The stable JSON form of an analysis (also used by ``reader entities --format json``)."""
    return {
        "recogniser": analysis.recogniser,
        "entities": [
            {
                "name": e.name,
                "label": e.label,
                "aliases": list(e.aliases),
                "mentions": [{"start": m.start, "end": m.end, "text": m.text}
                             for m in e.mentions],
            }
            for e in analysis.entities
        ],
    }


def from_json(data: dict[str, Any]) -> Analysis:
    """The analysis of :func:`to_json` output (raises ``KeyError``/``TypeError``/``ValueError``
    on malformed data)."""
    entities = []
    for item in data["entities"]:
        name, label = str(item["name"]), str(item["label"])
        entities.append(Entity(
            key=f"{label}:{name}", name=name, label=label,
            aliases=[str(a) for a in item["aliases"]],
            mentions=[Mention(int(m["start"]), int(m["end"]), str(m["text"]))
                      for m in item["mentions"]],
        ))
    return Analysis(entities=entities, recogniser=str(data["recogniser"]))


def read(path: Path, recogniser_id: str) -> Analysis | None:
    """The cached analysis at ``path``, or None when missing, stale or corrupt."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("id") != recogniser_id:
            return None
        return from_json(data)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def write(path: Path, analysis: Analysis, recogniser_id: str) -> None:
    """Store ``analysis`` atomically; a cache that cannot be written (or an analysis that
    cannot be encoded) is skipped silently."""
    data = {"format": FORMAT, "id": recogniser_id, **to_json(analysis)}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False)
        os.replace(tmp, path)
    except (OSError, ValueError):  # ValueError: text that UTF-8 cannot encode (surrogates)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
