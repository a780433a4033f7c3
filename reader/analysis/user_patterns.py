"""The reader's own names (``patterns.jsonl``) in both recognisers, through spaCy's entity ruler.

Both the embedded and the statistical pipeline get one ``entity_ruler`` component (named
:data:`RULER`) before their recogniser; what it finds wins. A phrase pattern also matches
its inflected forms: the genitive of its last word ("Großbritanniens" for an added
"Großbritannien", "Bundestages") and the declined adjectives before it ("der Deutschen
Bahn" for "Deutsche Bahn"). :class:`UserNames` maps every such form back to the name as the
reader wrote it, the entity's canonical name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import product
from typing import Any

from reader.analysis.lexicon import pattern_tokens
from reader.analysis.model import LABELS
from reader.errors import ReaderError

#: Name of the entity-ruler component that holds the reader's names.
RULER = "reader_user_patterns"
_VOWELS = "aeiouyäöü"
#: At most this many inflected forms of one phrase are spelled out.
_MAX_FORMS = 200


def validate(patterns: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The patterns as dicts; raises :class:`ReaderError` for one with an unknown label or
    a shape other than a phrase or a list of ``ORTH``/``TEXT`` tokens."""
    out = []
    for item in patterns:
        if item.get("label") not in LABELS or pattern_tokens(item.get("pattern")) is None:
            raise ReaderError(f"invalid entity pattern {dict(item)!r}: need a label among "
                              f"{', '.join(LABELS)} and a phrase or a list of ORTH tokens")
        out.append(dict(item))
    return out


def word_forms(word: str, last: bool) -> list[str]:
    """``word`` and its inflected forms: a last word's genitive ("Großbritanniens",
    "Bundestages"), a declined adjective before the head ("Deutsche" -> "Deutschen")."""
    forms = [word]
    low = word.lower()
    if last:
        if not low.endswith(("s", "x", "z", "ß")):
            forms.append(word + "s")
            if low[-1:] not in _VOWELS and low[-1:].isalpha():
                forms.append(word + "es")
    elif word[:1].isupper() and len(word) > 3:
        if low.endswith("e"):
            forms += [word + "n", word + "r", word + "s", word + "m"]
        elif low.endswith(("er", "es", "en")):
            stem = word[:-2]
            forms += [f"{stem}{end}" for end in ("e", "en", "er", "es", "em") if end != low[-2:]]
    return forms


def _phrase_forms(tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    options = [word_forms(word, k == len(tokens) - 1) for k, word in enumerate(tokens)]
    out: list[tuple[str, ...]] = []
    for combination in product(*options):
        out.append(combination)
        if len(out) >= _MAX_FORMS:
            break
    return out


def ruler_patterns(patterns: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Entity-ruler patterns: each pattern as given, and for a phrase one token pattern
    whose words also match their inflected forms."""
    out: list[dict[str, Any]] = []
    for item in validate(patterns):
        out.append(item)
        if not isinstance(item["pattern"], str):
            continue
        tokens = pattern_tokens(item["pattern"]) or ()
        forms = [word_forms(word, k == len(tokens) - 1) for k, word in enumerate(tokens)]
        if any(len(options) > 1 for options in forms):
            extra = {key: value for key, value in item.items() if key != "pattern"}
            extra["pattern"] = [{"ORTH": {"IN": options}} for options in forms]
            out.append(extra)
    return out


def add_ruler(nlp: Any, patterns: Iterable[Mapping[str, Any]], before: str | None) -> None:
    """Add the reader's names to ``nlp`` as spaCy's entity ruler (``overwrite_ents``),
    before the component ``before`` (or last). Raises :class:`ReaderError` for an invalid
    pattern."""
    wanted = ruler_patterns(patterns)
    if not wanted:
        return
    ruler: Any = nlp.add_pipe("entity_ruler", name=RULER, before=before,
                              config={"overwrite_ents": True})
    try:
        ruler.add_patterns(wanted)
    except (ValueError, KeyError, TypeError) as exc:
        raise ReaderError(f"invalid entity pattern: {exc}") from None


class UserNames:
    """The names the reader added, and every inflected form of them -> the name."""

    def __init__(self, patterns: Iterable[Mapping[str, Any]] = ()) -> None:
        self.forms: dict[str, str] = {}
        for item in patterns:
            pattern = item.get("pattern")
            tokens = pattern_tokens(pattern)
            if tokens is None:
                continue
            name = " ".join(pattern.split()) if isinstance(pattern, str) else " ".join(tokens)
            for form in _phrase_forms(tokens):
                self.forms.setdefault(" ".join(form), name)
            self.forms[" ".join(tokens)] = name
            self.forms[name] = name

    def canonical(self, written: str) -> str | None:
        """The added name of which ``written`` (spaces normalised) is a form, or None."""
        return self.forms.get(written)

    def __bool__(self) -> bool:
        return bool(self.forms)


__all__ = ["RULER", "UserNames", "add_ruler", "ruler_patterns", "validate", "word_forms"]
