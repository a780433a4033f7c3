"""The embedded German recogniser: ``spacy.blank("de")`` plus one rule-based component.

German capitalises every noun, so a capitalised word alone proves nothing. The component
classifies each capitalised token with the shipped lexicon (common nouns, words mostly
written in lower case, given names, surnames, word-cluster name classes), matches place and
organisation phrase patterns (spaCy ruler JSONL), and then applies context cues: role nouns
before names (``Kremlsprecher Dmitri Peskow``), organisation cues (acronyms, legal forms,
institution head nouns such as ``Agentur`` or ``Koalition der ...``), prepositions before
places, name suffixes, and finally document-level propagation: a name recognised once with
good evidence is recognised, with the same label, everywhere in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from reader.analysis.lexicon import NAME_CLASSES, Data, PatternTable, build_patterns, load_data
from reader.analysis.version import EMBEDDED_VERSION

#: Version of the rules and data; part of the recogniser id (and so of the cache key).
VERSION = EMBEDDED_VERSION
COMPONENT = "reader_german_ner"

_SENTENCE_END = {".", "!", "?", ":", ";", "„", "“", "\"", "»", "«", "(", "–", "-", "|", "…",
                 "'", "‚", "‘", "#", "*", "•"}
_ADJ_ENDINGS = ("e", "en", "er", "es", "em")
_ARTICLES_GEN = {"der", "des", "für", "zu", "von"}
_OPEN_QUOTES = {"„", "\"", "»", "“", "'"}
_CLOSE_QUOTES = {"“", "\"", "«", "”", "'"}
_TITLE_WORDS = {"der", "die", "das", "des", "dem", "den", "und", "von", "vom", "im", "in",
                "am", "an", "auf", "zu", "zum", "zur", "mit", "für", "ein", "eine", "of", "the",
                "and", "a", "on", "de", "la", "le", "et"}
_ROMAN = re.compile(r"[IVXLCDM]+")
#: Token classes that may follow a given name as (part of) the surname.
_SURNAME_KINDS = {"G", "S", "P", "U", "N", "L", "O", "M", "K"}
#: Endings of names that are also nouns: an unknown word ending so is not a compound.
_NAME_ENDINGS = ("mann", "berg", "burg", "stein", "feld", "dorf", "hausen", "bach", "heim")


class Scanner:
    """Finds entity spans in a sequence of token texts; see the module docstring."""

    def __init__(self, data: Data, extra: PatternTable | None = None) -> None:
        self.lex = data.lexicon
        self.patterns = data.patterns
        self.extra = extra
        self.single = {tokens[0]: label for tokens, label in data.pattern_list
                       if len(tokens) == 1}
        cues = data.cues
        self.roles = set(cues["role_nouns"])
        self.role_suffixes = tuple(cues["role_suffixes"])
        self.particles = set(cues["person_particles"])
        self.org_heads = set(cues["org_heads"])
        self.org_head_suffixes = tuple(h.lower() for h in cues["org_heads"] if len(h) >= 5)
        self.named_after = set(cues["org_heads_named_after"])
        self.named_after_suffixes = tuple(h.lower() for h in cues["org_heads_named_after"]
                                          if len(h) >= 5)
        self.legal = set(cues["legal_forms"])
        self.loc_heads = set(cues["loc_heads"])
        self.misc_heads = set(cues["misc_heads"])
        self.loc_preps = set(cues["loc_prepositions"])
        self.loc_suffixes = tuple(cues["loc_suffixes"])
        self.per_suffixes = tuple(cues["person_suffixes"])
        self.not_names = set(cues["not_names"])

    # -- token classes -------------------------------------------------------------------

    def _is_noun(self, word: str) -> bool:
        """A known common noun, or a compound whose last part is one (Sicherheitsgarantien)."""
        lex = self.lex
        if lex.get(word) in ("N", "n"):
            return True
        if word.endswith(_NAME_ENDINGS):
            return False
        for k in range(3, len(word) - 3):
            head = word[k].upper() + word[k + 1:]
            if lex.get(head) == "N":
                return True
        return False

    def is_role(self, word: str) -> bool:
        """A role or title noun that may stand before a person's name."""
        if word in self.roles:
            return True
        if "-" in word:
            last = word.rsplit("-", 1)[1]
            return bool(last) and self.is_role(last)
        low = word.lower()
        return len(word) > 6 and low.endswith(self.role_suffixes) and self._is_noun(word)

    def kind(self, word: str, initial: bool) -> str:
        """The class of one token: ``x`` (not capitalised), ``N``, ``A``, ``R`` (role),
        ``C`` (acronym), ``U`` (unknown capitalised word) or a lexicon name class."""
        first = word[0]
        if not first.isupper():
            return "x"
        if len(word) == 1:
            return "x"
        cls = self.lex.get(word)
        if word in self.not_names:
            return "x"
        if word.isupper() and word.replace("-", "").isalnum() and len(word) <= 6:
            if not word.isalpha() or _ROMAN.fullmatch(word):
                return "x"
            if cls in ("A", "N", "n", None) and word.isalpha() and len(word) >= 2:
                return "A" if cls == "A" else "C"
            return cls or "C"
        if not word.replace("-", "").replace("'", "").replace(".", "").isalpha():
            return "x"
        if (len(word) > 3 and word[1].isupper() and word[2].isupper() and cls is None
                and "-" not in word):
            return "C"  # brand-like: ZDFheute, ARDmediathek
        if cls in (None, "K") and word.endswith("s") and word[:-1] in self.single:
            return "U"  # genitive of a pattern name: Frankreichs
        if word in self.roles:
            return "R"
        if cls is not None:
            if cls == "n":
                cls = "N"
            if cls == "N" and self.is_role(word):
                return "R"
            return cls
        if word.endswith("s") and len(word) > 3:
            base = self.lex.get(word[:-1])
            if base is not None and base in NAME_CLASSES:
                return base
        if "-" in word:
            parts = word.split("-")
            last = parts[-1]
            if not last:
                return "x"  # "Staats-" in "Staats- und Regierungschefs"
            if self.is_role(word):
                return "R"
            if not last[0].isupper():
                return "N"
            if self._is_noun(last) or self.lex.get(last) == "A":
                return "N"
            if self.lex.get(parts[0]) == "G":
                return "G"
            return "U"
        if self.is_role(word):
            return "R"
        if self._is_noun(word) and not word.endswith(self.loc_suffixes):
            return "N"
        return "U"

    # -- scanning ------------------------------------------------------------------------

    def scan(self, words: list[str]) -> list[tuple[int, int, str]]:
        """Entity spans over ``words`` as (first token, end token, label)."""
        n = len(words)
        kinds: list[str] = []
        initial = True
        for word in words:
            if not word or word.isspace():
                kinds.append("x")
                initial = True
                continue
            kinds.append(self.kind(word, initial))
            initial = word in _SENTENCE_END
        spans: list[tuple[int, int, str, bool]] = []
        i = 0
        while i < n:
            word = words[i]
            match = self.extra.match(words, i) if self.extra is not None else None
            if match is None and word in self.org_heads:
                found = self._phrase(words, kinds, i, False)
                if found is not None:
                    spans.append(found)
                    i = found[1]
                    continue
            if match is None and kinds[i] == "G" and i + 1 < n and kinds[i + 1] in _SURNAME_KINDS:
                j = i + 1
                while j < n and kinds[j] in _SURNAME_KINDS and j - i < 4:
                    j += 1
                spans.append((i, j, "PER", True))
                i = j
                continue
            if match is None:
                match = self.patterns.match(words, i)
            if (match is not None and match[0] == i + 1 and kinds[i] == "A"
                    and (i == 0 or words[i - 1] in _SENTENCE_END)):
                match = None  # "Seine" at a sentence start is the pronoun
            if match is not None:
                end, label = match
                if (end == i + 1 and kinds[i] == "G" and label == "LOC" and i + 1 < n
                        and kinds[i + 1] in ("S", "P", "U")):
                    match = None  # a given name that is also a town: "Paris Hilton"
                else:
                    spans.append((i, end, label, True))
                    i = end
                    continue
            kind = kinds[i]
            if kind == "x" or (kind == "K" and not (i > 0 and kinds[i - 1] == "R")):
                i += 1
                continue
            initial = i == 0 or (kinds[i - 1] == "x" and (words[i - 1] in _SENTENCE_END
                                                         or words[i - 1].isspace()))
            if kind in ("N", "R", "A"):
                found = self._phrase(words, kinds, i, initial)
                if found is not None:
                    spans.append(found)
                    i = found[1]
                    continue
                i += 1
                continue
            if word.endswith("s") and word[:-1] in self.single and kind in ("U", "C"):
                spans.append((i, i + 1, self.single[word[:-1]], True))
                i += 1
                continue
            if kind == "C":
                label = "ORG"
                spans.append((i, i + 1, label, True))
                i += 1
                continue
            if kind in ("L", "O", "M"):
                spans.append((i, i + 1, NAME_CLASSES[kind], False))
                i += 1
                continue
            # a run of person-like tokens
            j = i + 1
            while j < n:
                if kinds[j] in ("G", "S", "P", "U", "K"):
                    j += 1
                elif (words[j] in self.particles and j + 1 < n
                      and kinds[j + 1] in ("S", "P", "U")):
                    j += 2
                else:
                    break
            run = kinds[i:j]
            prev = words[i - 1] if i > 0 else ""
            prev_kind = kinds[i - 1] if i > 0 else "x"
            strong = prev_kind == "R" or ("G" in run and j - i >= 2)
            if j < n and words[j] in self.legal:
                spans.append((i, j + 1, "ORG", True))
                i = j + 1
                continue
            if prev_kind == "R" or "G" in run or "P" in run or "S" in run:
                label = "PER"
            elif prev in self.named_after or prev.lower().endswith(self.named_after_suffixes):
                label, strong = "ORG", True
            else:
                label = self._guess(words[j - 1], prev, initial)
            spans.append((i, j, label, strong))
            i = j
        self._titles(words, kinds, spans)
        return self._propagate(words, kinds, spans)

    def _titles(self, words: list[str], kinds: list[str],
                spans: list[tuple[int, int, str, bool]]) -> None:
        """Short quoted titles of works ("Ecce homo", „Die Blechtrommel“) as MISC."""
        n = len(words)
        covered = {k for start, end, _, _ in spans for k in range(start, end)}
        for i, word in enumerate(words):
            if word not in _OPEN_QUOTES or i + 2 >= n or not words[i + 1][:1].isupper():
                continue
            for j in range(i + 2, min(n, i + 8)):
                if words[j] in _CLOSE_QUOTES:
                    inner = range(i + 1, j)
                    if any(k in covered for k in inner) or (j - i == 2 and kinds[i + 1] in (
                            "N", "A", "K", "x")):
                        break
                    if all(words[k][:1].isupper() or words[k] in _TITLE_WORDS for k in inner):
                        spans.append((i + 1, j, "MISC", False))
                    break
                if words[j] in (".", "!", "?", ",") and j < n - 1:
                    break
        spans.sort()

    def _phrase(self, words: list[str], kinds: list[str], i: int,
                initial: bool) -> tuple[int, int, str, bool] | None:
        """Multiword names that start with a common noun or a capitalised adjective."""
        n = len(words)
        word = words[i]
        kind = kinds[i]
        # institution head + der/des + nominalised adjective: "Koalition der Willigen"
        if kind in ("N", "U", "O") and i + 2 < n and words[i + 1] in _ARTICLES_GEN and (
            word in self.org_heads or word.lower().endswith(self.org_head_suffixes)
        ) and kinds[i + 2] == "A" and words[i + 2].endswith(("en", "er")):
            return (i, i + 3, "ORG", True)
        if kind in ("N", "U") and i + 2 < n and words[i + 1] == "für" and (
            word in self.org_heads or word.lower().endswith(self.org_head_suffixes)
        ) and kinds[i + 2] in ("N", "A", "U"):
            end = i + 3
            while end + 1 < n and words[end] in ("und", ",") and kinds[end + 1] in ("N", "U"):
                end += 2
            return (i, end, "ORG", True)
        # capitalised adjective inside a sentence + noun: "Europäische Zentralbank"
        if kind == "A" and not initial and word.lower().endswith(_ADJ_ENDINGS) and i + 1 < n:
            j = i + 1
            while j < n and kinds[j] == "A" and words[j].lower().endswith(_ADJ_ENDINGS):
                j += 1
            if j < n and kinds[j] in ("N", "U", "L", "O", "M"):
                head = words[j]
                label = self._head_label(head)
                if label:
                    return (i, j + 1, label, False)
        return None

    def _head_label(self, head: str) -> str:
        low = head.lower()
        if head in self.org_heads or low.endswith(self.org_head_suffixes):
            return "ORG"
        if head in self.loc_heads:
            return "LOC"
        if head in self.misc_heads:
            return "MISC"
        return ""

    def _guess(self, word: str, prev: str, initial: bool) -> str:
        """The label of an unknown capitalised name from its form and the word before."""
        low = word.lower()
        if prev in self.loc_preps and not low.endswith(("ski", "sky", "mann")):
            return "LOC"
        if low.endswith(self.loc_suffixes) and not low.endswith(self.per_suffixes):
            return "LOC"
        return "PER"

    def _propagate(self, words: list[str], kinds: list[str],
                   spans: list[tuple[int, int, str, bool]]) -> list[tuple[int, int, str]]:
        """Give every mention of a well-evidenced name that name's label, and find the
        mentions the first pass left out (a surname alone, a genitive)."""
        known: dict[str, str] = {}
        for start, end, label, strong in spans:
            if not strong:
                continue
            text = " ".join(words[start:end])
            known.setdefault(text, label)
            if label == "PER" and end - start >= 2 and kinds[end - 1] in ("S", "P", "U", "N"):
                known.setdefault(words[end - 1], "PER")
        out: list[tuple[int, int, str]] = []
        covered: set[int] = set()
        for start, end, label, strong in spans:
            if not strong:
                label = known.get(" ".join(words[start:end]), label)
            out.append((start, end, label))
            covered.update(range(start, end))
        if known:
            for i, word in enumerate(words):
                if i in covered or not word[:1].isupper():
                    continue
                found = known.get(word)
                if found is None and word.endswith("s"):
                    found = known.get(word[:-1])
                if found is not None and " " not in word:
                    out.append((i, i + 1, found))
            out.sort()
        return out


def _scanner_for(data: Data, patterns: Iterable[Mapping[str, Any]] | None) -> Scanner:
    extra = build_patterns(patterns) if patterns else None
    return Scanner(data, extra)


@Language.factory(COMPONENT, default_config={"patterns": []})
def make_german_ner(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> GermanNER:
    """spaCy factory of the embedded recogniser's component."""
    return GermanNER(_scanner_for(load_data(), patterns))


class GermanNER:
    """spaCy pipeline component setting ``doc.ents`` from :class:`Scanner`."""

    def __init__(self, scanner: Scanner) -> None:
        self.scanner = scanner

    def __call__(self, doc: Doc) -> Doc:
        words = [token.text for token in doc]
        ents = [Span(doc, start, end, label=label)
                for start, end, label in self.scanner.scan(words)]
        doc.ents = _non_overlapping(ents)
        return doc


def _non_overlapping(ents: list[Span]) -> list[Span]:
    out: list[Span] = []
    last = -1
    for ent in sorted(ents, key=lambda e: (e.start, -e.end)):
        if ent.start >= last:
            out.append(ent)
            last = ent.end
    return out


def build_pipeline(patterns: Iterable[Mapping[str, Any]] | None = None) -> Language:
    """``spacy.blank("de")`` with the embedded recogniser component (and extra patterns)."""
    import spacy

    nlp = spacy.blank("de")
    nlp.add_pipe(COMPONENT, config={"patterns": list(patterns or [])})
    return nlp
