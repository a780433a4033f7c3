"""The recognisers: a statistical spaCy pipeline when one is installed, else the embedded one.

Both are spaCy pipelines behind one interface, :class:`Recogniser`; :func:`get_recogniser`
chooses and loads one, once per process.
"""

from __future__ import annotations

import gc
import hashlib
import json
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from reader.analysis.model import LABELS, Span
from reader.errors import ReaderError

#: Installed German pipelines tried in this order when no model is named.
PREFERRED_MODELS: tuple[str, ...] = ("de_core_news_lg", "de_core_news_md", "de_core_news_sm")
#: The model name that always selects the embedded recogniser.
EMBEDDED = "embedded"

#: Labels of statistical pipelines mapped to ours (German models use ours already; the
#: OntoNotes labels of other languages are folded in; numeric labels are dropped).
LABEL_MAP: dict[str, str] = {
    "PER": "PER", "PERSON": "PER",
    "LOC": "LOC", "GPE": "LOC", "FAC": "LOC",
    "ORG": "ORG",
    "MISC": "MISC", "NORP": "MISC", "EVENT": "MISC", "WORK_OF_ART": "MISC", "PRODUCT": "MISC",
    "LAW": "MISC", "LANGUAGE": "MISC",
}

Pattern = Mapping[str, Any]

class Recogniser:
    """A named-entity recogniser: a spaCy pipeline and how to read its entities.

    ``name`` is shown to users ("embedded 0.1.0", "de_core_news_lg 3.8.0"); ``id`` also
    identifies the exact data, extra patterns and hidden names, and keys the analysis cache.
    """

    def __init__(self, nlp: Any, name: str, id: str, hidden: Iterable[str] = ()) -> None:
        self.nlp = nlp
        self.name = name
        self.id = id
        self.hidden = frozenset(hidden)
        self._lock = threading.Lock()

    def spans(self, texts: Sequence[str]) -> list[list[Span]]:
        """The entity spans of each text (character offsets, labels PER/ORG/LOC/MISC)."""
        out: list[list[Span]] = []
        from reader.analysis.defuse import defuse

        safe = [defuse(text) for text in texts]  # offsets unchanged
        with self._lock:  # a spaCy pipeline is not documented as thread-safe
            for doc in self.nlp.pipe(safe, batch_size=64):
                spans: list[Span] = []
                for ent in doc.ents:
                    label = LABEL_MAP.get(ent.label_)
                    if label is None or ent.text in self.hidden:
                        continue
                    spans.append(Span(ent.start_char, ent.end_char, label))
                out.append(spans)
        return out

    def __repr__(self) -> str:
        return f"<Recogniser {self.name} ({self.id})>"


def options_digest(extra_patterns: Iterable[Pattern] | None,
                   hidden: Iterable[str] | None) -> str:
    """A short hash of the extra patterns and hidden names (empty when there are none)."""
    patterns = [dict(p) for p in extra_patterns or ()]
    names = sorted(set(hidden or ()))
    if not patterns and not names:
        return ""
    blob = json.dumps({"patterns": patterns, "hidden": names}, sort_keys=True,
                      ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


_CACHE: dict[tuple[str, str], Recogniser] = {}
_CACHE_LOCK = threading.Lock()


def get_recogniser(model: str = "", *, extra_patterns: Iterable[Pattern] | None = None,
                   hidden: Iterable[str] | None = None) -> Recogniser:
    """The recogniser for ``model``, loaded once per process.

    ``model`` is a spaCy package name, a path to a saved pipeline, ``"embedded"``, or empty
    for the best installed German pipeline (lg, md, sm) and else the embedded recogniser.
    ``extra_patterns`` are spaCy entity-ruler dicts (``{"label": "ORG", "pattern": "Foo AG"}``
    or a list of ``{"ORTH": ...}`` tokens) that take precedence over the recogniser's own
    findings; ``hidden`` names are never reported. Raises :class:`ReaderError` for a model
    that is neither installed nor a pipeline directory, or for an invalid pattern.
    """
    patterns = [dict(p) for p in extra_patterns or ()]
    hidden_set = frozenset(hidden or ())
    key = (model.strip(), options_digest(patterns, hidden_set))
    with _CACHE_LOCK:
        found = _CACHE.get(key)
        if found is None:
            found = _load(key[0], patterns, hidden_set, key[1])
            _CACHE[key] = found
            # The pipeline and its lexicons live as long as the process: moved out of the
            # collector's sight, they no longer make every later collection slow (a third
            # of the time of clustering a corpus went to the collector before).
            gc.freeze()
        return found


def _with_digest(ident: str, digest: str) -> str:
    return f"{ident}+{digest}" if digest else ident


def describe(model: str = "", *, extra_patterns: Iterable[Pattern] | None = None,
             hidden: Iterable[str] | None = None) -> tuple[str, str]:
    """(name, id) of the recogniser :func:`get_recogniser` would load, without loading
    spaCy or any data (so a cached analysis can be found quickly).

    Raises :class:`ReaderError` for an unknown model name or path.
    """
    digest = options_digest(extra_patterns, hidden)
    return _describe(model.strip(), digest)[:2]


def _installed_version(package: str) -> str | None:
    """The installed version of ``package`` (a spaCy pipeline), or None. A package that
    cannot be imported is not looked up in the metadata (slow: it reads every installed
    distribution's), so that finding a cached analysis stays quick."""
    import importlib.util

    try:
        if importlib.util.find_spec(package) is None:
            return None
    except (ImportError, ValueError):
        return None
    from importlib import metadata

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _describe(model: str, digest: str) -> tuple[str, str, Path | str]:
    """(name, id, what to load): a package name, a path, or "" for the embedded one."""
    if model == EMBEDDED or not model:
        if not model:
            for name in PREFERRED_MODELS:
                version = _installed_version(name)
                if version is not None:
                    return (f"{name} {version}",
                            _with_digest(f"spacy:{name}:{version}", digest), name)
        from reader.analysis.resources import data_digest
        from reader.analysis.version import EMBEDDED_VERSION

        return (f"embedded {EMBEDDED_VERSION}",
                _with_digest(f"embedded:{EMBEDDED_VERSION}:{data_digest()}", digest), "")
    path = Path(model).expanduser()
    if path.exists() or "/" in model or "\\" in model:
        meta_file = path / "meta.json"
        if not (path / "config.cfg").is_file() or not meta_file.is_file():
            raise ReaderError(f"model {model!r}: not a spaCy pipeline directory "
                              "(no config.cfg and meta.json there)")
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ReaderError(f"model {model!r}: unreadable meta.json ({exc})") from None
        except RecursionError:
            raise ReaderError(f"model {model!r}: unreadable meta.json (nested too deeply)"
                              ) from None
        lang = str(meta.get("lang", "xx"))
        base = str(meta.get("name", "pipeline"))
        full = base if base.startswith(f"{lang}_") else f"{lang}_{base}"
        version = str(meta.get("version", "0.0.0"))
        stamp = hashlib.sha256()
        for file in sorted(p for p in path.rglob("*") if p.is_file()):
            stat = file.stat()
            stamp.update(f"{file.relative_to(path)}:{stat.st_size}:{stat.st_mtime_ns};".encode())
        ident = f"spacy:{full}:{version}:{path.resolve()}:{stamp.hexdigest()[:12]}"
        return f"{full} {version}", _with_digest(ident, digest), path
    version = _installed_version(model)
    if version is None:
        raise ReaderError(f"model {model!r} is not installed; install it with pip or name a "
                          "pipeline directory (see README: Better recognition)")
    return f"{model} {version}", _with_digest(f"spacy:{model}:{version}", digest), model


def _load(model: str, patterns: list[dict[str, Any]], hidden: frozenset[str],
          digest: str) -> Recogniser:
    from reader.analysis.defuse import drop_space_rule

    name, ident, target = _describe(model, digest)
    if target == "":
        from reader.analysis.embedded import build_pipeline

        nlp: Any = build_pipeline(patterns)
    else:
        nlp = _statistical(model, target, patterns)
    drop_space_rule(nlp.tokenizer)
    return Recogniser(nlp, name, ident, hidden)


def _statistical(model: str, target: Path | str, patterns: list[dict[str, Any]]) -> Any:
    import spacy

    from reader.analysis.user_patterns import add_ruler

    try:
        nlp = spacy.load(target)
    except (OSError, ValueError, KeyError, ImportError) as exc:
        text = str(exc).strip()
        first = text.splitlines()[0] if text else type(exc).__name__
        raise ReaderError(f"cannot load model {model!r}: {first}") from None
    if "ner" not in nlp.pipe_names and "entity_ruler" not in nlp.pipe_names:
        raise ReaderError(f"model {model!r} has no entity recogniser")
    keep = _needed_components(nlp)
    for name in list(nlp.pipe_names):
        if name not in keep:
            nlp.disable_pipe(name)
    add_ruler(nlp, patterns, before="ner" if "ner" in nlp.pipe_names else None)
    return nlp


def _needed_components(nlp: Any) -> set[str]:
    """The entity recogniser and the components it listens to (tok2vec/transformer)."""
    keep = {name for name in nlp.pipe_names if name in ("ner", "entity_ruler")}
    for name in list(keep):
        component = nlp.get_pipe(name)
        model = getattr(component, "model", None)
        if model is None:
            continue
        for node in model.walk():
            upstream = node.attrs.get("upstream_name") if hasattr(node, "attrs") else None
            if isinstance(upstream, str) and upstream in nlp.pipe_names:
                keep.add(upstream)
    for name in nlp.pipe_names:
        if name in ("tok2vec", "transformer"):
            keep.add(name)
    return keep


__all__ = ["EMBEDDED", "LABELS", "LABEL_MAP", "PREFERRED_MODELS", "Recogniser",
           "describe", "get_recogniser", "options_digest"]
