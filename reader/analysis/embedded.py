"""The embedded German recogniser: ``spacy.blank("de")`` plus one rule-based component.

German capitalises every noun, so a capitalised word alone proves nothing. The component
classifies each capitalised token with the shipped lexicon (common nouns, words mostly
written in lower case, given names, surnames, word-cluster name classes), matches place and
organisation phrase patterns (entity-ruler phrases), and then applies context cues: role nouns
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
#: Legal forms that end a company's name.
_LEGAL_FORMS = frozenset(("GmbH", "AG", "KG", "KGaA", "SE", "e.V.", "Inc.", "Inc", "Ltd.", "Ltd",
                          "LLC", "Corp.", "Corp", "S.A.", "N.V.", "NV", "plc", "PLC", "ASA",
                          "S.p.A.", "GbR", "OHG", "mbH", "Holding", "Holdings"))
_ARTICLES = {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einen", "einem", "eines",
             "einer"}
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
#: Street-like heads: a compound ending so is a place even when the lexicon knows it.
_STREET_HEADS = frozenset(("straße", "strasse", "gasse", "allee", "chaussee"))
#: First parts of compounds that make them common nouns (Nordkapelle, Hauptstraße).
#: The longest last part of a compound looked up in the lexicon.
_MAX_HEAD = 40
_COMMON_PREFIXES = ("nord", "süd", "ost", "west", "ober", "unter", "mittel", "haupt", "neben",
                    "groß", "klein", "lang", "kurz", "hinter", "vorder", "innen", "außen")


class Scanner:
    """Finds entity spans in a sequence of token texts; see the module docstring."""

    def __init__(self, data: Data, extra: PatternTable | None = None) -> None:
        self.lex = data.lexicon
        self.patterns = data.patterns
        self.extra = extra
        self.single = data.patterns.single
        cues = data.cues
        self.roles = set(cues["role_nouns"])
        self.role_suffixes = tuple(cues["role_suffixes"])
        self.particles = set(cues["person_particles"])
        self.org_heads = set(cues["org_heads"])
        self.org_head_suffixes = tuple(h.lower() for h in cues["org_heads"] if len(h) >= 5)
        self.named_after = set(cues["org_heads_named_after"])
        self.named_after_suffixes = tuple(h.lower() for h in cues["org_heads_named_after"]
                                          if len(h) >= 5)
        self.with_name = tuple(h.lower() for h in cues["org_heads_with_name"])
        self.legal = set(cues["legal_forms"])
        self.loc_heads = set(cues["loc_heads"])
        self.loc_compound_heads = tuple(cues["loc_compound_heads"])
        self.misc_heads = set(cues["misc_heads"])
        self.loc_preps = set(cues["loc_prepositions"])
        self.place_preps = self.loc_preps - {"im", "von", "über"}
        self.loc_suffixes = tuple(cues["loc_suffixes"])
        self.per_suffixes = tuple(cues["person_suffixes"])
        self.noun_suffixes = tuple(cues["noun_suffixes"])
        self.not_names = set(cues["not_names"])
        self.clubs = set(cues["club_abbreviations"])
        self.club_prefixes = set(cues["club_prefixes"])
        self.team_words = set(cues["team_words"])
        self.place_prefixes = set(cues["place_prefixes"])
        self.speech_verbs = set(cues["speech_verbs"])
        self.strong_person_suffixes = tuple(cues["strong_person_suffixes"])
        self.person_noun_endings = tuple(cues["person_noun_endings"])

    # -- token classes -------------------------------------------------------------------

    def _is_noun(self, word: str) -> bool:
        """A known common noun, or a compound whose last part is one (Sicherheitsgarantien)."""
        lex = self.lex
        if lex.get(word) in ("N", "n", "s", "J"):
            return True
        if word.endswith(_NAME_ENDINGS):
            return False
        # heads are at most _MAX_HEAD characters long: linear in the word, not quadratic
        for k in range(max(3, len(word) - _MAX_HEAD), len(word) - 3):
            head = word[k].upper() + word[k + 1:]
            cls = lex.get(head)
            if cls in ("N", "s", "J") or (cls == "n" and len(head) >= 7):
                return True
        return False

    def _common_modifier(self, part: str) -> bool:
        """The first part of a compound is a common word ("Bach" in "Bachtal"), not a name
        ("Marks" in "Marksburg")."""
        low = part.lower()
        if low.startswith(_COMMON_PREFIXES):
            return True
        for cut in ("", "s", "n", "en", "es", "e"):
            if cut and not low.endswith(cut):
                continue
            stem = part[: len(part) - len(cut)] if cut else part
            if len(stem) < 3:
                continue
            cap = stem[0].upper() + stem[1:]
            if self.lex.get(cap) in ("N", "n", "s", "A") or self._is_noun(cap):
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

    def _org_head(self, word: str) -> bool:
        """An institution head noun (Ministerium, Verband, Zeitung), also inflected or as
        the last part of a compound (Bundesjustizministerium, Presseverbandes)."""
        if word in self.org_heads:
            return True
        low = word.lower()
        if low.endswith(self.org_head_suffixes):
            return True
        for ending in ("es", "s", "e", "en"):
            if low.endswith(ending) and low[: -len(ending)].endswith(self.org_head_suffixes):
                return True
        return low.endswith(("verbände", "ämter", "kammern", "parteien"))

    def kind(self, word: str, initial: bool) -> str:
        """The class of one token: ``x`` (not capitalised), ``N``, ``A``, ``R`` (role),
        ``C`` (acronym), ``I`` (an initial), ``U`` (unknown capitalised word) or a lexicon
        class (see ``scripts/build_ner_data.py``)."""
        first = word[0]
        if not first.isupper():
            return "x"
        if len(word) == 1:
            return "x"
        if len(word) == 2 and word[1] == ".":
            return "I"
        cls = self.lex.get(word)
        if word in self.not_names:
            return "x"
        if word.isupper() and len(word) >= 4 and self.single.get(word.capitalize()) == "LOC":
            return "L"  # a dateline: BERLIN
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
        low = word.lower()
        if cls in (None, "K", "n", "U", "P") and "-" not in word:
            for head in self.loc_compound_heads:
                if low.endswith(head) and len(low) >= len(head) + 3:
                    if head in _STREET_HEADS or (cls != "n" and not self._common_modifier(
                            word[: -len(head)])):
                        return "L"  # Knoopstraße, Marksburg, Schwielowsee
                    break
        if cls is not None:
            if cls in ("n", "J"):
                cls = "N"
            if cls in ("N", "K") and self.is_role(word):
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
            if self.single.get(last) == "MISC":
                return "M"  # US-Dollar
            if self._is_noun(last) or self.lex.get(last) == "A":
                return "N"
            if self.single.get(parts[0]) == "LOC" and len(parts) == 2:
                return "L"  # Köln-Wahn
            if self.lex.get(parts[0]) == "G":
                return "G"
            return "U"
        if self.is_role(word):
            return "R"
        if self._is_noun(word) and not word.endswith(self.loc_suffixes):
            return "N"
        if len(word) >= 7 and low.endswith(self.noun_suffixes):
            return "N"
        return "U"

    def _resolve(self, words: list[str], kinds: list[str]) -> set[int]:
        """Settle the classes that depend on the neighbours: a city named like a common
        noun (l) or like a person (q), a given name that is also a common word (g), a noun
        that is also a surname (s). Returns the places a preposition made certain."""
        n = len(words)
        sure: set[int] = set()
        for i, kind in enumerate(kinds):
            if kind in ("l", "q"):
                prev = words[i - 1] if i > 0 else ""
                if prev in self.place_preps:
                    kinds[i] = "L"
                    sure.add(i)
                else:
                    kinds[i] = "N" if kind == "l" else "G"
        for i, kind in enumerate(kinds):
            if kind == "g":
                nxt = kinds[i + 1] if i + 1 < n else "x"
                prev = kinds[i - 1] if i > 0 else "x"
                if nxt in ("G", "S", "P", "U", "I", "s"):
                    kinds[i] = "G"
                else:
                    kinds[i] = "s" if prev in ("G", "I") else "A"
            elif kind == "s":
                prev = kinds[i - 1] if i > 0 else "x"
                kinds[i] = "s" if prev in ("G", "I") else "N"
        return sure

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
        sure = self._resolve(words, kinds)
        spans: list[tuple[int, int, str, bool]] = []
        i = 0
        while i < n:
            word = words[i]
            match = self.extra.match(words, i) if self.extra is not None else None
            if match is None and kinds[i] != "x":
                found = self._named(words, kinds, i)
                if found is not None:
                    spans.append(found)
                    i = found[1]
                    continue
            if match is None and word in self.org_heads:
                found = self._phrase(words, kinds, i, False)
                if found is not None:
                    spans.append(found)
                    i = found[1]
                    continue
            if match is None and kinds[i] == "G" and i + 1 < n:
                j = self._person_end(words, kinds, i)
                if j > i + 1:
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
                    if label == "LOC":
                        end, label = self._team(words, kinds, end, label)
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
                spans.append((i, i + 1, "ORG", True))
                i += 1
                continue
            if kind == "L":
                end, label = self._team(words, kinds, i + 1, "LOC")
                spans.append((i, end, label, i in sure))
                i = end
                continue
            if kind in ("O", "M"):
                spans.append((i, i + 1, NAME_CLASSES[kind], False))
                i += 1
                continue
            if kind == "I" and not (i + 1 < n and kinds[i + 1] in ("S", "P", "U", "G")):
                i += 1
                continue
            if (kind == "U" and i + 1 < n and kinds[i + 1] == "G" and len(word) >= 8
                    and not word.lower().endswith(self.per_suffixes)):
                i += 1  # a descriptive compound before a name: "Hauptinitiant George ..."
                continue
            # a run of person-like tokens
            j = i + 1
            while j < n:
                if kinds[j] in ("G", "S", "P", "U", "K", "I", "s"):
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
            if (kind in ("U", "S", "P", "K") and j == i + 1 and word.endswith("er")
                    and j < n and kinds[j] in ("N", "R")):
                i += 1  # a place adjective before a noun: "Berner Tram" (not a name)
                continue
            if prev_kind == "R" or "G" in run or "P" in run or "S" in run:
                label = "PER"
            elif prev in self.named_after or prev.lower().endswith(self.named_after_suffixes):
                label, strong = "ORG", True
            else:
                label = self._guess(words[j - 1], prev, initial)
                if label == "PER" and run == ["U"] and not self._person_context(words, kinds, i):
                    i = j  # an unknown word alone is no evidence of a person
                    continue
            spans.append((i, j, label, strong))
            i = j
        self._titles(words, kinds, spans)
        self._join_slashes(words, spans)
        self._legal_names(words, kinds, spans)
        return self._propagate(words, kinds, spans)

    def _person_context(self, words: list[str], kinds: list[str], i: int) -> bool:
        """Evidence that the unknown word at ``i`` is a person's name: a verb of saying
        before it (", sagte Möller"), a person's ending (-ski, -enko), a possessive before
        a noun ("Brians Sohn"), or a noun for a person before it ("Olympiasieger X")."""
        n = len(words)
        word = words[i]
        prev = words[i - 1] if i > 0 else ""
        nxt_kind = kinds[i + 1] if i + 1 < n else "x"
        if prev in self.speech_verbs or word.lower().endswith(self.strong_person_suffixes):
            return True
        if (word.endswith("s") and not word.endswith("ss") and nxt_kind == "N"
                and prev not in _ARTICLES and not prev[:1].isupper()):
            return True
        return (i > 0 and kinds[i - 1] == "N" and nxt_kind not in ("N", "A")
                and len(prev) > 5 and prev.endswith(self.person_noun_endings)
                and not (i > 1 and words[i - 2] in _ARTICLES_GEN))

    def _person_end(self, words: list[str], kinds: list[str], i: int) -> int:
        """The end of a person's name that starts with a given name at ``i``: more given
        names or initials, particles (von, de la), then a surname."""
        n = len(words)
        j = i + 1
        surname = False
        while j < n and j - i < 5:
            kind = kinds[j]
            if kind in ("G", "I") and not surname:
                j += 1
            elif kind in _SURNAME_KINDS or kind == "s":
                j += 1
                surname = True
                if kind in ("L", "O", "M"):
                    break
            elif kind == "N" and j == i + 1:
                j += 1
                surname = True
                break
            elif words[j] in self.particles and not surname:
                m = j
                while m < n and words[m] in self.particles and m - j < 3:
                    m += 1
                if m < n and kinds[m] not in ("x", "C", "R", "A", "I"):
                    j = m + 1
                    surname = True
                break
            else:
                break
        return j

    def _team(self, words: list[str], kinds: list[str], end: int,
              label: str) -> tuple[int, str]:
        """A place followed by a team word or number is a club: "Manchester United",
        "Chicago Bulls", "Mainz 05"."""
        n = len(words)
        if end >= n:
            return end, label
        nxt = words[end]
        if nxt in self.team_words:
            return end + 1, "ORG"
        if len(nxt) == 2 and nxt.isdigit() and nxt[0] == "0":
            return end + 1, "ORG"
        j = end
        while j < n and j - end < 2 and kinds[j] in ("U", "K", "P", "S", "O", "M", "G"):
            j += 1
        if j > end and words[j - 1].endswith("s") and not words[j - 1].endswith("ss") and all(
                not self._is_noun(w) and w.isalpha() for w in words[end:j]):
            return j, "ORG"
        return end, label

    def _is_place(self, words: list[str], kinds: list[str], i: int) -> bool:
        return kinds[i] == "L" or self.single.get(words[i]) == "LOC"

    def _named(self, words: list[str], kinds: list[str],
               i: int) -> tuple[int, int, str, bool] | None:
        """Names made of a cue word and a name: sports clubs ("FC Schalke 04", "Borussia
        Dortmund"), "Universität Gießen", "St. Moritz", "Bad Tölz", "Berliner Zeitung"."""
        n = len(words)
        word = words[i]
        kind = kinds[i]
        if i + 1 >= n:
            return None
        nxt_kind = kinds[i + 1]
        # clubs and other acronym + place names
        start = i
        if word in self.clubs or (kind == "C" and self._is_place(words, kinds, i + 1)):
            if i > 0 and words[i - 1][:-1].isdigit() and words[i - 1].endswith("."):
                start = i - 1  # 1. FC Nürnberg
            j = i + 1
            ok = ("G", "U", "L", "K", "P", "S", "C", "O") if word in self.clubs else (
                "U", "L", "K", "P", "S")
            while j < n and j - i <= 3 and (kinds[j] in ok or self._is_place(words, kinds, j)):
                j += 1
            if j > i + 1:
                if j < n and words[j].isdigit() and len(words[j]) <= 4:
                    j += 1
                return (start, j, "ORG", True)
        if (kind == "C" and nxt_kind in ("U", "P", "K") and words[i + 1].isalpha()
                and not words[i + 1].isupper()):
            return (i, i + 2, "ORG", True)  # BNP Paribas, PKN Orlen
        if word in self.club_prefixes and self._is_place(words, kinds, i + 1):
            return (i, i + 2, "ORG", True)
        low = word.lower()
        # Universität Gießen, Realschule Spaichingen, Verlag Paul Haupt
        if kind in ("N", "U") and low.endswith(self.with_name) and nxt_kind in (
                "L", "U", "S", "P", "G", "K") and not (i > 0 and kinds[i - 1] == "A"):
            j = i + 1
            while j < n and j - i <= 3 and kinds[j] in ("L", "U", "S", "P", "G", "K"):
                j += 1
            return (i, j, "ORG", True)
        # St. Moritz, Bad Tölz, San Remo
        if word in self.place_prefixes and (
            nxt_kind in ("U", "L", "K", "P", "S", "G", "M")
            or (word in ("St.", "Sankt") and nxt_kind == "N")
        ) and self.patterns.match(words, i) is None:
            return (i, i + 2, "LOC", True)
        # Berliner Zeitung, Frankfurter Allgemeine Zeitung, Gubener Straße
        if word.endswith("er") and len(word) >= 5 and (
                kind in ("U", "K", "L", "P", "S", "O", "G") or (kind == "N" and (
                    word[:-2] in self.single or word[:-3] in self.single))):
            j = i + 1
            while j < n and kinds[j] == "A" and j - i < 3:
                j += 1
            if j < n and kinds[j] not in ("x", "C"):
                head = words[j]
                if self._org_head(head):
                    return (i, j + 1, "ORG", True)
                low_head = head.lower()
                if head in self.loc_heads or (low_head.endswith(self.loc_compound_heads)
                                              and kinds[j] in ("N", "L")):
                    return (i, j + 1, "LOC", True)
        return None

    def _legal_names(self, words: list[str], kinds: list[str],
                     spans: list[tuple[int, int, str, bool]]) -> None:
        """A legal form ends an organisation's name with the capitalised words before it:
        "Bilfinger Berger Projektentwicklung GmbH", "Audi AG"."""
        found: list[tuple[int, int, str, bool]] = []
        for k, word in enumerate(words):
            if word not in _LEGAL_FORMS or k == 0 or kinds[k - 1] in ("x", "A", "R"):
                continue
            start = k
            while start > 0 and k - start < 4 and kinds[start - 1] not in ("x", "A", "R", "I"):
                before = words[start - 1]
                if before in self.named_after or before.lower().endswith(
                        self.named_after_suffixes):
                    break  # "die Firma Quendelbeck GmbH": the noun is not part of the name
                start -= 1
            if start < k:
                found.append((start, k + 1, "ORG", True))
        if found:  # the legal names replace the spans they overlap (one pass: linear)
            taken = {k for start, end, _, _ in found for k in range(start, end)}
            spans[:] = [sp for sp in spans if not any(k in taken for k in range(sp[0], sp[1]))]
            spans.extend(found)
        spans.sort()

    def _join_slashes(self, words: list[str], spans: list[tuple[int, int, str, bool]]) -> None:
        """Places joined by a slash are one name: "München/Hamburg"."""
        out: list[tuple[int, int, str, bool]] = []
        for span in spans:
            if out:
                last = out[-1]
                if (last[2] == "LOC" and span[2] == "LOC" and span[0] == last[1] + 1
                        and words[last[1]] == "/"):
                    out[-1] = (last[0], span[1], "LOC", False)
                    continue
            out.append(span)
        spans[:] = out

    def _titles(self, words: list[str], kinds: list[str],
                spans: list[tuple[int, int, str, bool]]) -> None:
        """Short quoted titles of works ("Ecce homo", „Die Blechtrommel“) as MISC, and
        quoted names of newspapers or institutions („Berliner Kurier“) as ORG."""
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
                        label = "ORG" if self._org_head(words[j - 1]) else "MISC"
                        spans.append((i + 1, j, label, False))
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
        if self._adjective(words, kinds, i) and not initial and i + 1 < n:
            j = i + 1
            while j < n and self._adjective(words, kinds, j):
                j += 1
            if j < n and kinds[j] in ("N", "U", "L", "O", "M", "C"):
                head = words[j]
                label = self._head_label(head)
                if not label and self.single.get(head) == "ORG":
                    label = "ORG"  # Deutschen Bundestag
                if label:
                    end = j + 1
                    if label == "ORG" and end < n and self._is_place(words, kinds, end) and (
                            head.lower().endswith(self.with_name)):
                        end += 1  # Medizinische Hochschule Hannover
                    return (i, end, label, False)
        return None

    def _adjective(self, words: list[str], kinds: list[str], i: int) -> bool:
        """A capitalised inflected adjective (also one the lexicon knows as a noun)."""
        return (kinds[i] == "A" or (kinds[i] == "N" and self.lex.get(words[i]) == "J")) and (
            words[i].lower().endswith(_ADJ_ENDINGS))

    def _head_label(self, head: str) -> str:
        if self._org_head(head):
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
