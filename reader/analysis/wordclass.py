"""Token classes of the embedded recogniser: what a capitalised word may be, from the shipped
lexicon, the cue lists and the word's form (compounds, suffixes, hyphens, case).

German capitalises every noun, so a capitalised word alone proves nothing: :class:`WordClasses`
gives each token a class (:mod:`reader.analysis.kinds`) and settles the classes that depend
on the neighbours (a city named like a common noun is a place after "in").
"""

from __future__ import annotations

import re

from reader.analysis.kinds import (
    ACRONYM,
    GIVEN,
    GIVEN_OR_WORD,
    INITIAL,
    KNOWN,
    LOWER,
    MISC_LIKE,
    NAME_CLASSES,
    NONAME,
    NOUN,
    NOUN_OR_ADJ,
    NOUN_OR_SURNAME,
    PERSON_LIKE,
    PLACE,
    PLACE_OR_NOUN,
    PLACE_OR_PERSON,
    RARE_NOUN,
    ROLE,
    SURNAME,
    UNKNOWN,
)
from reader.analysis.lexicon import Data

_ROMAN = re.compile(r"[IVXLCDM]+")
#: Endings of names that are also nouns: an unknown word ending so is not a compound.
_NAME_ENDINGS = ("mann", "berg", "burg", "stein", "feld", "dorf", "hausen", "bach", "heim")
#: Street-like heads: a compound ending so is a place even when the lexicon knows it.
_STREET_HEADS = frozenset(("straße", "strasse", "gasse", "allee", "chaussee"))
#: The longest last part of a compound looked up in the lexicon.
_MAX_HEAD = 40
#: Words whose class is remembered (a dict of this size takes a few megabytes).
_MEMO_SIZE = 50_000
#: First parts of compounds that make them common nouns (Nordkapelle, Hauptstraße).
_COMMON_PREFIXES = ("nord", "süd", "ost", "west", "ober", "unter", "mittel", "haupt", "neben",
                    "groß", "klein", "lang", "kurz", "hinter", "vorder", "innen", "außen")


class WordClasses:
    """The lexicon, the cue lists and the classification of single tokens."""

    def __init__(self, data: Data) -> None:
        self.lex = data.lexicon
        self.patterns = data.patterns
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
        self.place_preps = self.loc_preps - {"im", "von", "über", "bei"}
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
        self._memo: dict[str, str] = {}
        #: Words after which a city named like a noun is the noun ("bis Ende Mai").
        self.time_followers = frozenset(cues["time_followers"])
        #: Organisation heads that follow a name ("Quarzel Verlag").
        self.heads_after_name = frozenset(cues["org_heads_after_name"])
        #: Nouns for works before a quoted title ("der Song „...“").
        self.work_cues = frozenset(cues["work_cues"])
        self.work_cue_suffixes = tuple(w.lower() for w in cues["work_cues"] if len(w) >= 4)
        #: Letters of numbered roads ("A 7", "B27") and the words before them.
        self.road_letters = frozenset(cues["road_letters"])
        self.road_context = frozenset(cues["road_context"])
        #: Compass words before a place's name ("Norditalien"), longest first.
        self.region_prefixes = tuple(sorted(cues["region_prefixes"], key=len, reverse=True))
        #: Nouns for places before a place's name ("die Gemeinde ...", "Hafenstadt ...").
        self.place_nouns = frozenset(cues["place_nouns"])
        self.place_noun_suffixes = tuple(w.lower() for w in cues["place_nouns"] if len(w) >= 5)
        #: Verbs after a place's name ("Quarzbach liegt an der Elbe").
        self.place_verbs = frozenset(cues["place_verbs"])
        #: Editors' marks ("(Hg.):") and list marks before an author ("* Name: Title.").
        self.editor_marks = frozenset(cues["editor_marks"])
        self.list_marks = frozenset(cues["list_marks"])

    def _is_noun(self, word: str) -> bool:
        """A known common noun, or a compound whose last part is one (Sicherheitsgarantien)."""
        lex = self.lex
        if lex.get(word) in (NOUN, RARE_NOUN, NOUN_OR_SURNAME, NOUN_OR_ADJ):
            return True
        if word.endswith(_NAME_ENDINGS):
            return False
        # heads are at most _MAX_HEAD characters long: linear in the word, not quadratic
        for k in range(max(3, len(word) - _MAX_HEAD), len(word) - 3):
            head = word[k].upper() + word[k + 1:]
            cls = lex.get(head)
            if cls in (NOUN, NOUN_OR_SURNAME, NOUN_OR_ADJ) or (cls == RARE_NOUN and len(head) >= 7):
                return True
        return False

    def _common_modifier(self, part: str) -> bool:
        """The first part of a compound is a common word ("Bach" in "Bachwald"), not a name
        ("Quendels" in "Quendelsburg")."""
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
            if self.lex.get(cap) in (NOUN, RARE_NOUN, NOUN_OR_SURNAME, LOWER) or self._is_noun(cap):
                return True
        return False

    def names_after(self, word: str) -> bool:
        """Whether ``word`` is a noun for an organisation that its name follows ("der
        Konzern ...", "die Rockband ...")."""
        return word in self.named_after or word.lower().endswith(self.named_after_suffixes)

    def names_place(self, word: str) -> bool:
        """Whether ``word`` is a noun for a place that its name follows ("die Gemeinde
        ...", "in der Hafenstadt ...")."""
        return word in self.place_nouns or word.lower().endswith(self.place_noun_suffixes)

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
            return NONAME
        if len(word) == 1:
            return NONAME
        if len(word) == 2 and word[1] == ".":
            return INITIAL
        cls = self.lex.get(word)
        if word in self.not_names:
            return NONAME
        if word.isupper() and (upper := self._upper_kind(word, cls)) is not None:
            return upper
        if not word.replace("-", "").replace("'", "").replace(".", "").isalpha():
            return NONAME
        if (len(word) > 3 and word[1].isupper() and word[2].isupper() and cls is None
                and "-" not in word):
            return ACRONYM  # brand-like: ZDFheute, ARDmediathek
        if cls in (None, KNOWN) and word.endswith("s"):
            if word[:-1] in self.single:
                return UNKNOWN  # genitive of a pattern name: Frankreichs
            if self.lex.get(word[:-1]) == PLACE:
                return PLACE  # genitive of a place: Großbritanniens
        if word in self.roles:
            return ROLE
        if cls in (None, KNOWN, RARE_NOUN, UNKNOWN, PERSON_LIKE) and "-" not in word and (
                self._compound_place(word, cls) or self._region_of_place(word)):
            return PLACE  # Quendelstraße, Quendelsburg, Quarzsee, Norditalien, Emsland
        if cls == KNOWN and word.endswith("s") and self.lex.get(word[:-1]) in (
                GIVEN, SURNAME, PERSON_LIKE):
            return self.lex[word[:-1]]  # the genitive of a name: "Goethes"
        if cls is not None:
            if cls in (RARE_NOUN, NOUN_OR_ADJ):
                cls = NOUN
            if cls in (NOUN, KNOWN) and self.is_role(word):
                return ROLE
            return cls
        if word.endswith("s") and len(word) > 3:
            base = self.lex.get(word[:-1])
            if base is not None and base in NAME_CLASSES:
                return base
        if "-" in word:
            return self._hyphen_kind(word)
        if self.is_role(word):
            return ROLE
        if self._is_noun(word) and not word.endswith(self.loc_suffixes):
            return NOUN
        if len(word) >= 7 and word.lower().endswith(self.noun_suffixes):
            return NOUN
        return UNKNOWN

    def _upper_kind(self, word: str, cls: str | None) -> str | None:
        """The class of a word in capitals (a dateline place, an acronym), or None when its
        capitals say nothing."""
        if len(word) >= 4 and self.single.get(word.capitalize()) == "LOC":
            return PLACE  # a dateline: BERLIN
        if word.replace("-", "").isalnum() and len(word) <= 6:
            if not word.isalpha() or _ROMAN.fullmatch(word):
                return NONAME
            if cls in (LOWER, NOUN, RARE_NOUN, None) and word.isalpha() and len(word) >= 2:
                return LOWER if cls == LOWER else ACRONYM
            return cls or ACRONYM
        return None

    def _region_of_place(self, word: str) -> bool:
        """A part of a known place named by a compass word or "Ober-" ("Norditalien",
        "Südostasien"), or a place's land ("Emsland" after "Ems")."""
        for prefix in self.region_prefixes:
            rest = word[len(prefix):]
            if word.startswith(prefix) and len(rest) >= 3:
                return self._place_name(rest[0].upper() + rest[1:])
        return word.endswith("land") and len(word) > 7 and self._place_name(word[:-4])

    def _place_name(self, word: str) -> bool:
        """Whether ``word`` is a shipped place name (pattern or lexicon)."""
        return self.single.get(word) == "LOC" or self.lex.get(word) in (PLACE, PLACE_OR_NOUN,
                                                                         PLACE_OR_PERSON)

    def _compound_place(self, word: str, cls: str | None) -> bool:
        """A compound with a place head ("-straße", "-burg", "-see") whose first part is
        no common word (a street is a place whatever its first part)."""
        low = word.lower()
        for head in self.loc_compound_heads:
            if low.endswith(head) and len(low) >= len(head) + 3:
                return head in _STREET_HEADS or (cls != RARE_NOUN and not self._common_modifier(
                    word[: -len(head)]))
        return False

    def _hyphen_kind(self, word: str) -> str:
        """The class of a hyphenated word the lexicon does not know: its last part
        decides ("Sicherheits-Garantie" a noun, "US-Dollar" other), else its first part."""
        parts = word.split("-")
        last = parts[-1]
        if not last:
            return NONAME  # "Staats-" in "Staats- und Regierungschefs"
        if self.is_role(word):
            return ROLE
        if not last[0].isupper():
            return NOUN
        if self.single.get(last) == "MISC":
            return MISC_LIKE  # US-Dollar
        if self._is_noun(last) or self.lex.get(last) == LOWER:
            return NOUN
        if self.single.get(parts[0]) == "LOC" and len(parts) == 2:
            return PLACE  # Köln-Quarzbach
        if self.lex.get(parts[0]) == GIVEN:
            return GIVEN
        return UNKNOWN

    def classify(self, words: list[str]) -> list[str]:
        """The class of every token (whitespace tokens are no names), remembered per word
        (at most :data:`_MEMO_SIZE` words, then forgotten)."""
        memo = self._memo
        if len(memo) > _MEMO_SIZE:
            memo.clear()
        kinds: list[str] = []
        for word in words:
            kind = memo.get(word)
            if kind is None:
                kind = NONAME if not word or word.isspace() else self.kind(word, False)
                memo[word] = kind
            kinds.append(kind)
        return kinds

    def _resolve(self, words: list[str], kinds: list[str]) -> set[int]:
        """Settle the classes that depend on the neighbours: a city named like a common
        noun (l) or like a person (q), a given name that is also a common word (g), a noun
        that is also a surname (s). Returns the places a preposition made certain."""
        n = len(words)
        sure: set[int] = set()
        for i, kind in enumerate(kinds):
            if kind in (PLACE_OR_NOUN, PLACE_OR_PERSON):
                prev = words[i - 1] if i > 0 else ""
                nxt_word = words[i + 1] if i + 1 < n else ""
                names_place = prev.lower().endswith(self.with_name) or prev in self.clubs or (
                    prev in self.club_prefixes) or (i > 0 and kinds[i - 1] == ACRONYM)
                if (prev in self.place_preps or (kind == PLACE_OR_NOUN and names_place)) and not (
                        kind == PLACE_OR_NOUN and (nxt_word in self.time_followers
                                                   or nxt_word[:1].isdigit())):
                    kinds[i] = PLACE
                    sure.add(i)
                else:
                    kinds[i] = NOUN if kind == PLACE_OR_NOUN else GIVEN
        for i, kind in enumerate(kinds):
            if kind == GIVEN_OR_WORD:
                nxt = kinds[i + 1] if i + 1 < n else NONAME
                prev = kinds[i - 1] if i > 0 else NONAME
                if nxt in (GIVEN, SURNAME, PERSON_LIKE, UNKNOWN, INITIAL, NOUN_OR_SURNAME):
                    kinds[i] = GIVEN
                else:
                    kinds[i] = NOUN_OR_SURNAME if prev in (GIVEN, INITIAL) else LOWER
            elif kind == NOUN_OR_SURNAME:
                prev = kinds[i - 1] if i > 0 else NONAME
                kinds[i] = NOUN_OR_SURNAME if prev in (GIVEN, INITIAL) else NOUN
        return sure
