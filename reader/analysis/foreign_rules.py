"""The embedded recogniser's rules for names in English and the Romance languages, which
German text quotes as they are: capitalised words ending in an institution's or a place's
head word ("Norvan Refugee Council", "Royal Navy", "Quillon River") and place words
before a name ("Monte Rosa", "Lago di Garda"). The head and place words are cue lists
in ``data/cues.json`` (``foreign_org_heads``, ``foreign_loc_heads``,
``foreign_loc_prefixes``, ``foreign_connectors``).
"""

from __future__ import annotations

from reader.analysis.kinds import LOWER, NONAME, NOUN, ROLE, Found
from reader.analysis.lexicon import Data
from reader.analysis.wordclass import WordClasses

#: German words that, capitalised, start a sentence: never part of a foreign name.
_GERMAN = frozenset(("der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines",
                     "im", "am", "vom", "zum", "zur", "und", "in", "auf", "mit", "von", "bei"))
#: The longest foreign name looked at, in tokens.
_MAX_TOKENS = 7


class ForeignRules(WordClasses):
    """Rules for foreign names (see the module docstring)."""

    def __init__(self, data: Data) -> None:
        super().__init__(data)
        cues = data.cues
        self.foreign_heads = {**dict.fromkeys(cues["foreign_loc_heads"], "LOC"),
                              **dict.fromkeys(cues["foreign_org_heads"], "ORG")}
        self.foreign_prefixes = frozenset(cues["foreign_loc_prefixes"])
        self.connectors = frozenset(cues["foreign_connectors"])

    def _foreign_end(self, words: list[str], kinds: list[str], start: int,
                     lead: bool = False) -> int:
        """The end of a run of capitalised words from ``start``, with connectors ("of",
        "di", "de la") between them (and before them, if ``lead``)."""
        n = len(words)
        j = start
        while j < n and j - start < _MAX_TOKENS:
            if words[j][:1].isupper() and kinds[j] != ROLE and words[j].replace(
                    "-", "").replace(".", "").isalnum() and words[j].lower() not in _GERMAN:
                j += 1
            elif words[j] in self.connectors and (j > start or lead):
                m = j
                while m < n and words[m] in self.connectors and m - j < 3:
                    m += 1
                if m < n and words[m][:1].isupper():
                    j = m
                else:
                    break
            else:
                break
        return j

    def _foreign(self, words: list[str], kinds: list[str], i: int,
                 initial: bool) -> Found | None:
        """A foreign name at ``i``: a place word and the name after it, or capitalised
        words whose last head word says organisation or place (``initial``: ``i`` starts
        a sentence, where a word in lower case is capitalised too)."""
        word = words[i]
        if kinds[i] in (NONAME, ROLE) or (initial and kinds[i] == LOWER):
            return None
        if word in self.foreign_prefixes:
            end = self._foreign_end(words, kinds, i + 1, lead=True)
            if end > i + 1:
                return (i, end, "LOC", True)
        if kinds[i] == NOUN:
            return None
        end = self._foreign_end(words, kinds, i)
        while end - i >= 2:
            label = self.foreign_heads.get(words[end - 1])
            if label is not None:
                return (i, end, label, True)
            end -= 1
        return None
