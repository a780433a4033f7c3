"""The embedded recogniser's rules for names at one position: persons, clubs, institutions,
phrases opened by a common noun or an adjective, and runs of name-like words.

Each rule reads the token texts ``words`` and their classes ``kinds``
(:mod:`reader.analysis.kinds`) and returns a span (first token, end token, label, strong
evidence), or ``None`` when it does not apply; a label ``""`` skips tokens without a span.
"""

from __future__ import annotations

from reader.analysis.kinds import (
    ACRONYM,
    GIVEN,
    INITIAL,
    KNOWN,
    LOWER,
    MISC_LIKE,
    NONAME,
    NOUN,
    NOUN_OR_ADJ,
    NOUN_OR_SURNAME,
    ORG_LIKE,
    PERSON_LIKE,
    PLACE,
    ROLE,
    SURNAME,
    UNKNOWN,
    Found,
)
from reader.analysis.wordclass import WordClasses

#: Tokens after which a word starts a sentence (or a quotation, a list item).
SENTENCE_END = frozenset((".", "!", "?", ":", ";", "„", "“", "\"", "»", "«", "(", "–", "-", "|",
                          "…", "'", "‚", "‘", "#", "*", "•"))
_ADJ_ENDINGS = ("e", "en", "er", "es", "em")
#: Suffixes of declined adjectives the lexicon may not know ("Thüringischen").
_ADJ_SUFFIXES = tuple(f"{stem}{end}" for stem in ("isch", "lich", "jährig")
                      for end in ("e", "en", "er", "es", "em"))
_ARTICLES_GEN = {"der", "des", "für", "zu", "von"}
_ARTICLES = {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einen", "einem", "eines",
             "einer"}
#: Classes of the words of a club's name after a place ("Manchester United").
_TEAM_NAME_KINDS = (UNKNOWN, KNOWN, PERSON_LIKE, SURNAME, ORG_LIKE, MISC_LIKE, GIVEN)
#: Classes of the words after a club abbreviation ("FC Bayern München").
_CLUB_NAME_KINDS = (GIVEN, UNKNOWN, PLACE, KNOWN, PERSON_LIKE, SURNAME, ACRONYM, ORG_LIKE)
#: Classes of a place's name after an acronym or a head noun ("Universität Bonn").
_PLACE_NAME_KINDS = (PLACE, UNKNOWN, SURNAME, PERSON_LIKE, KNOWN)
#: Classes of the name after an institution's head noun ("Realschule Quarzbach").
_HEAD_NAME_KINDS = (*_PLACE_NAME_KINDS, GIVEN)
#: Classes of a name that gives an adjective in -er ("Berliner Zeitung").
_PLACE_ADJ_KINDS = (UNKNOWN, KNOWN, PLACE, PERSON_LIKE, SURNAME, ORG_LIKE, GIVEN)
#: Particles that are also articles: alone after a given name they start no surname
#: ("Lothar Brenk den Plan").
_ARTICLE_PARTICLES = frozenset(("der", "den", "la", "le"))
#: Classes of the name after "von", "de", ... before a surname ("Johann von Goethe").
_PARTICLE_NAME_KINDS = (GIVEN, SURNAME, PERSON_LIKE, UNKNOWN, KNOWN, PLACE, NOUN, ORG_LIKE,
                        MISC_LIKE, NOUN_OR_SURNAME)
#: ... and after a surname ("Fernando Pell de Amaro"), where a place is where from.
_PARTICLE_SURNAME_KINDS = (GIVEN, SURNAME, PERSON_LIKE, UNKNOWN, KNOWN)
#: Lexicon classes of persons' names.
_PERSON_CLASSES = (GIVEN, SURNAME, PERSON_LIKE)
#: Token classes that may follow a given name as (part of) the surname.
_SURNAME_KINDS = {GIVEN, SURNAME, PERSON_LIKE, UNKNOWN, PLACE, ORG_LIKE, MISC_LIKE, KNOWN}


def _life_dates(words: list[str], j: int) -> bool:
    """Whether a person's years follow at ``j``: "(1901–1977)", "(* 1950)", "(geb. 1950)"."""
    if j + 1 >= len(words) or words[j] != "(":
        return False
    nxt = words[j + 1]
    if nxt in ("*", "†", "geb.", "gest.", "um", "ca."):
        return j + 2 < len(words) and words[j + 2][:4].isdigit()
    return len(nxt) >= 9 and nxt[:4].isdigit() and nxt[4] in "-–" and nxt[5:9].isdigit()


class NameRules(WordClasses):
    """Rules that find one name at a position (see the module docstring)."""

    def _person_context(self, words: list[str], kinds: list[str], i: int) -> bool:
        """Evidence that the unknown word at ``i`` is a person's name: a verb of saying
        before it (", sagte Möller"), a person's ending (-ski, -enko), a possessive before
        a noun ("Annas Sohn"), or a noun for a person before it ("Olympiasieger X")."""
        n = len(words)
        word = words[i]
        prev = words[i - 1] if i > 0 else ""
        nxt_kind = kinds[i + 1] if i + 1 < n else NONAME
        if prev in self.speech_verbs or word.lower().endswith(self.strong_person_suffixes):
            return True
        if (word.endswith("s") and not word.endswith("ss") and nxt_kind == NOUN
                and prev not in _ARTICLES and not prev[:1].isupper()):
            return True
        return (i > 0 and kinds[i - 1] == NOUN and nxt_kind not in (NOUN, LOWER)
                and len(prev) > 5 and prev.endswith(self.person_noun_endings)
                and not (i > 1 and words[i - 2] in _ARTICLES_GEN))

    def _person_end(self, words: list[str], kinds: list[str], i: int) -> int:
        """The end of a person's name that starts with a given name at ``i``: more given
        names or initials, particles (von, de la), then a surname."""
        n = len(words)
        j = i + 1
        surname = False
        while j < n and j - i < 5 and not self._genitive_of_name(words[j - 1]):
            kind = kinds[j]
            if kind in (GIVEN, INITIAL) and not surname:
                j += 1
            elif kind in _SURNAME_KINDS or kind == NOUN_OR_SURNAME:
                j += 1
                surname = True
                if kind in (PLACE, ORG_LIKE, MISC_LIKE):
                    break
            elif kind in (NOUN, LOWER, ROLE) and not surname and words[j].isalpha():
                j += 1  # a surname that is also a word ends it: "Holger Jung", "Mareike Graf"
                surname = True
                break
            elif words[j] in self.particles and words[j] not in _ARTICLE_PARTICLES:
                m = j
                while m < n and words[m] in self.particles and m - j < 3:
                    m += 1
                wanted = _PARTICLE_SURNAME_KINDS if surname else _PARTICLE_NAME_KINDS
                if m < n and kinds[m] in wanted:
                    j = m + 1
                    surname = True
                break
            else:
                break
        return j

    def _genitive_of_name(self, word: str) -> bool:
        """Whether ``word`` is the genitive of a person's name ("Goethes"), which ends
        the name: what follows is what the person has ("Goethes Heer")."""
        return word.endswith("s") and self.lex.get(word) not in _PERSON_CLASSES and (
            self.lex.get(word[:-1]) in _PERSON_CLASSES)

    def _longer_pattern(self, words: list[str], i: int) -> bool:
        """Whether a shipped pattern of two or more words starts at ``i`` ("Santa Monica")."""
        match = self.patterns.match(words, i)
        return match is not None and match[0] > i + 1 and match[1] != "MISC"

    def _team(self, words: list[str], kinds: list[str], end: int,
              label: str) -> tuple[int, str]:
        """A place followed by a team word or number is a club: "Manchester United",
        "Chicago Bulls", "Bochum 08"."""
        n = len(words)
        if end >= n:
            return end, label
        nxt = words[end]
        if nxt in self.team_words:
            return end + 1, "ORG"
        if len(nxt) == 2 and nxt.isdigit() and nxt[0] == "0":
            return end + 1, "ORG"
        j = end
        while j < n and j - end < 2 and kinds[j] in _TEAM_NAME_KINDS:
            j += 1
        if j > end and words[j - 1].endswith("s") and not words[j - 1].endswith("ss") and all(
                not self._is_noun(w) and w.isalpha() for w in words[end:j]):
            return j, "ORG"
        return end, label

    def _is_place(self, words: list[str], kinds: list[str], i: int) -> bool:
        return kinds[i] == PLACE or self.single.get(words[i]) == "LOC"

    def _named(self, words: list[str], kinds: list[str],
               i: int) -> Found | None:
        """Names made of a cue word and a name: sports clubs ("FC Quarzbach 04", "Borussia
        Dortmund"), "Universität Bonn", "St. Moritz", "Bad Tölz", "Berliner Zeitung"."""
        n = len(words)
        word = words[i]
        kind = kinds[i]
        if i + 1 >= n:
            return None
        nxt_kind = kinds[i + 1]
        # clubs and other acronym + place names
        start = i
        if word in self.clubs or (kind == ACRONYM and self._is_place(words, kinds, i + 1)):
            if i > 0 and words[i - 1][:-1].isdigit() and words[i - 1].endswith("."):
                start = i - 1  # 1. FC Nürnberg
            j = i + 1
            if word in self.clubs and j + 1 < n and words[j].isdigit() and len(words[j]) in (2, 4):
                j += 1  # the founding year: "SV 07 Quarzbach", "TSV 1860 München"
            first = j
            ok = _CLUB_NAME_KINDS if word in self.clubs else (
                UNKNOWN, PLACE, KNOWN, PERSON_LIKE, SURNAME)
            while j < n and j - first <= 2 and (kinds[j] in ok
                                                 or self._is_place(words, kinds, j)):
                j += 1
            if j > first:
                if j < n and words[j].isdigit() and len(words[j]) <= 4:
                    j += 1
                return (start, j, "ORG", True)
        if (kind == ACRONYM and nxt_kind in (UNKNOWN, PERSON_LIKE, KNOWN) and words[i + 1].isalpha()
                and not words[i + 1].isupper()):
            return (i, i + 2, "ORG", True)  # BNP Paribas, PKN Orlen
        if word in self.club_prefixes and self._is_place(words, kinds, i + 1):
            return (i, i + 2, "ORG", True)
        low = word.lower()
        # Universität Bonn, Realschule Quarzbach, Verlag Karl Quendel
        if kind in (NOUN, UNKNOWN) and low.endswith(self.with_name) and nxt_kind in (
                *_PLACE_NAME_KINDS, GIVEN) and not (i > 0 and kinds[i - 1] == LOWER):
            j = i + 1
            while j < n and j - i <= 3 and kinds[j] in _HEAD_NAME_KINDS:
                j += 1
            return (i, j, "ORG", True)
        # St. Moritz, Bad Tölz, San Remo
        if word in self.place_prefixes and (
            nxt_kind in (UNKNOWN, PLACE, KNOWN, PERSON_LIKE, SURNAME, GIVEN, MISC_LIKE)
            or (word in ("St.", "Sankt") and nxt_kind == NOUN)
        ) and not self._longer_pattern(words, i):
            return (i, i + 2, "LOC", True)
        # Berliner Zeitung, Frankfurter Allgemeine Zeitung, Kieler Straße
        if word.endswith("er") and len(word) >= 5 and (
                kind in _PLACE_ADJ_KINDS or (kind == NOUN and (
                    word[:-2] in self.single or word[:-3] in self.single))):
            j = i + 1
            while j < n and kinds[j] == LOWER and j - i < 3:
                j += 1
            if j < n and kinds[j] not in (NONAME, ACRONYM):
                head = words[j]
                if self._org_head(head):
                    return (i, j + 1, "ORG", True)
                low_head = head.lower()
                if head in self.loc_heads or (low_head.endswith(self.loc_compound_heads)
                                              and kinds[j] in (NOUN, PLACE)):
                    return (i, j + 1, "LOC", True)
        return None

    def _phrase(self, words: list[str], kinds: list[str], i: int,
                initial: bool) -> Found | None:
        """Multiword names that start with a common noun or a capitalised adjective."""
        n = len(words)
        word = words[i]
        kind = kinds[i]
        # institution head + der/des + nominalised adjective: "Koalition der Willigen"
        if kind in (NOUN, UNKNOWN, ORG_LIKE) and i + 2 < n and words[i + 1] in _ARTICLES_GEN and (
            word in self.org_heads or word.lower().endswith(self.org_head_suffixes)
        ) and kinds[i + 2] == LOWER and words[i + 2].endswith(("en", "er")):
            return (i, i + 3, "ORG", True)
        if kind in (NOUN, UNKNOWN) and self._org_head(word) and self._purpose_end(
                words, kinds, i + 1) > i + 1:
            return (i, self._purpose_end(words, kinds, i + 1), "ORG", True)
        # capitalised adjective inside a sentence + noun: "Europäische Zentralbank"
        if self._adjective(words, kinds, i) and not initial and i + 1 < n:
            j = i + 1
            while j < n and self._adjective(words, kinds, j):
                j += 1
            if j < n and kinds[j] in (NOUN, UNKNOWN, PLACE, ORG_LIKE, MISC_LIKE, ACRONYM):
                head = words[j]
                label = self._head_label(head)
                if not label and self.single.get(head) == "ORG":
                    label = "ORG"  # Deutschen Bundestag
                if label:
                    end = j + 1
                    if label == "ORG" and end < n and self._is_place(words, kinds, end) and (
                            head.lower().endswith(self.with_name)):
                        end += 1  # Medizinische Hochschule Hannover
                    elif label == "ORG":
                        end = self._purpose_end(words, kinds, end)  # ... für Bildung
                    return (i, end, label, False)
        return None

    def _purpose_end(self, words: list[str], kinds: list[str], k: int) -> int:
        """The end of an institution's "für ..." complement starting at ``k`` ("für
        Unterricht und Kultus"), or ``k`` when there is none."""
        n = len(words)
        if not (k + 1 < n and words[k] == "für" and kinds[k + 1] in (NOUN, LOWER, UNKNOWN,
                                                                     KNOWN)):
            return k
        end = k + 2
        while end < n and end - k < 5 and kinds[end] in (NOUN, UNKNOWN, KNOWN):
            end += 1  # für Corporate Governance
        while end + 1 < n and words[end] in ("und", ",") and kinds[end + 1] in (NOUN, UNKNOWN):
            end += 2
        return end

    def _hyphen_name(self, words: list[str], kinds: list[str], i: int) -> Found | None:
        """A compound of a person's name and an institution's or a place's head:
        "Bruno-Quendel-Gymnasium", "Wirbold-Museum", "Max-Planck-Straße" (not "SPD-Fraktion",
        the part of an organisation)."""
        word = words[i]
        if "-" not in word or kinds[i] != NOUN:
            return None
        parts = word.split("-")
        if not all(part[:1].isupper() for part in parts):
            return None
        first, last = parts[0], parts[-1]
        first_kind = self.kind(first, False)
        if first in self.single or not (first_kind in (GIVEN, SURNAME, PERSON_LIKE, UNKNOWN,
                                                      KNOWN) or (first_kind == NOUN
                                                                 and first not in self.lex)):
            return None
        if self._org_head(last):
            return (i, i + 1, "ORG", True)
        if last in self.loc_heads or last.lower().endswith(self.loc_compound_heads):
            return (i, i + 1, "LOC", True)
        return None

    def _adjective(self, words: list[str], kinds: list[str], i: int) -> bool:
        """A capitalised inflected adjective (also one the lexicon knows as a noun, or
        does not know but whose suffix says adjective: "Thüringischen")."""
        kind = kinds[i]
        low = words[i].lower()
        if kind in (NOUN, UNKNOWN, KNOWN) and low.endswith(_ADJ_SUFFIXES):
            return True
        noun_adj = kind == NOUN and self.lex.get(words[i]) == NOUN_OR_ADJ
        return (kind == LOWER or noun_adj) and low.endswith(_ADJ_ENDINGS)

    def _name_with_head(self, words: list[str], kinds: list[str], i: int) -> Found | None:
        """Up to three name-like words and an organisation head noun that follows names
        ("Quarzel Verlag", "Quendel Gruppe")."""
        n = len(words)
        j = i
        while j < n and j - i < 3 and kinds[j] in _HEAD_NAME_KINDS and not words[j].endswith(
                "er"):
            j += 1
        if j > i and j < n and words[j] in self.heads_after_name:
            return (i, j + 1, "ORG", True)
        return None

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
        if prev in self.place_preps and not low.endswith(("ski", "sky", "mann")):
            return "LOC"
        if low.endswith(self.loc_suffixes) and not low.endswith(self.per_suffixes):
            return "LOC"
        return "PER"

    def _name_run(self, words: list[str], kinds: list[str], i: int,
                  initial: bool) -> Found | None:
        """A run of name-like words from ``i``: a person, an organisation before a legal
        form or after a "named after" noun, else a label guessed from the context."""
        n = len(words)
        word = words[i]
        kind = kinds[i]
        # a run of person-like tokens (a name in the genitive ends it: "Goethes Heer")
        j = i + 1
        while j < n and not self._genitive_of_name(words[j - 1]):
            if kinds[j] in (GIVEN, SURNAME, PERSON_LIKE, UNKNOWN, KNOWN, INITIAL, NOUN_OR_SURNAME):
                j += 1
            elif (words[j] in self.particles and words[j] not in _ARTICLE_PARTICLES
                  and j + 1 < n and kinds[j + 1] in (SURNAME, PERSON_LIKE, UNKNOWN)):
                j += 2
            else:
                break
        run = kinds[i:j]
        prev = words[i - 1] if i > 0 else ""
        prev_kind = kinds[i - 1] if i > 0 else NONAME
        strong = prev_kind == ROLE or (GIVEN in run and j - i >= 2)
        if j < n and words[j] in self.legal:
            return (i, j + 1, "ORG", True)
        if (kind in (UNKNOWN, SURNAME, PERSON_LIKE, KNOWN) and j == i + 1 and word.endswith("er")
                and j < n and kinds[j] in (NOUN, ROLE)):
            return (i, i + 1, "", False)  # a place adjective before a noun: "Kieler Bus"
        if self.names_place(prev) and prev_kind in (NOUN, UNKNOWN, KNOWN):
            label, strong = "LOC", True
        elif GIVEN not in run and prev_kind != ROLE and j < n and words[j] in self.place_verbs:
            label = "LOC"  # "Quarzbach liegt an der Elbe"
        elif prev_kind == ROLE or GIVEN in run or PERSON_LIKE in run or SURNAME in run or (
                _life_dates(words, j)):
            label = "PER"
        elif self.names_after(prev):
            label, strong = "ORG", True
        else:
            label = self._guess(words[j - 1], prev, initial)
            if label == "PER" and run == [UNKNOWN] and not self._person_context(words, kinds, i):
                return (i, j, "", False)  # an unknown word alone is no evidence of a person
        return (i, j, label, strong)

