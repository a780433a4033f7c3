"""The embedded recogniser's scan: token classes, then named rules left to right, then the
rules over the whole text (quoted titles, legal forms, propagation).

The first pass walks the tokens; at each position the rules of :data:`Scanner.RULES` are
tried in order, and the first that applies decides: a span (first token, end token, label,
strong evidence), or a skip over tokens that are no name (label ``""``). Spans already
set by spaCy's entity ruler (the reader's own names) are kept as they are and count as
strong evidence for the propagation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reader.analysis import kinds as K
from reader.analysis.foreign_rules import ForeignRules
from reader.analysis.kinds import Found
from reader.analysis.name_rules import SENTENCE_END, NameRules
from reader.analysis.post_rules import PostRules

#: Label of a rule result that skips tokens without a span.
SKIP = ""


@dataclass(frozen=True, slots=True)
class Tokens:
    """One text's tokens in the first pass: their texts, classes and certain places."""

    words: list[str]
    kinds: list[str]
    sure: set[int]

    def initial(self, i: int) -> bool:
        """Whether token ``i`` starts a sentence."""
        return i == 0 or (self.kinds[i - 1] == K.NONAME and (self.words[i - 1] in SENTENCE_END
                                                           or self.words[i - 1].isspace()))


Rule = Callable[["Scanner", Tokens, int], "Found | None"]


class Scanner(ForeignRules, NameRules, PostRules):
    """Finds entity spans in a sequence of token texts (see the module docstring)."""

    def scan(self, words: list[str], fixed: Sequence[tuple[int, int, str]] = ()
             ) -> list[tuple[int, int, str]]:
        """Entity spans over ``words`` as (first token, end token, label); ``fixed`` spans
        (sorted, not overlapping) are kept and never overlapped."""
        kinds = self.classify(words)
        tokens = Tokens(words, kinds, self._resolve(words, kinds))
        at = {start: (start, end, label, True) for start, end, label in fixed}
        spans: list[Found] = []
        i = 0
        n = len(words)
        while i < n:
            if i in at:
                i = at[i][1]
                continue
            if kinds[i] == K.NONAME:  # only a shipped pattern may start at such a word
                found = self.rule_known_name(tokens, i) or (i, i + 1, SKIP, False)
            else:
                found = None
                for rule in self.RULES:
                    found = rule(self, tokens, i)
                    if found is not None:
                        break
            if found is None:
                i += 1
                continue
            if found[2] != SKIP:
                spans.append(found)
            i = max(found[1], i + 1)
        self._titles(words, kinds, spans)
        self._join_slashes(words, spans)
        self._legal_names(words, kinds, spans)
        self._web_names(words, spans)
        self._roads(words, spans)
        self._models(words, spans)
        self._cited_titles(words, spans)
        self._regnal_numbers(words, spans)
        self._coordinated(words, kinds, spans)
        if fixed:
            spans = [*_clear_of_fixed(spans, fixed), *at.values()]
            spans.sort()
        return self._propagate(words, kinds, spans)

    # -- the rules of the first pass, in the order they are tried -------------------------

    def rule_foreign_name(self, t: Tokens, i: int) -> Found | None:
        """A name in English or a Romance language: "Royal Navy", "Lago di Garda"."""
        return self._foreign(t.words, t.kinds, i, t.initial(i))

    def rule_cue_name(self, t: Tokens, i: int) -> Found | None:
        """A cue word and a name: "FC Quarzbach 04", "Universität Bonn", "Bad Tölz"."""
        return self._named(t.words, t.kinds, i) if t.kinds[i] != K.NONAME else None

    def rule_institution(self, t: Tokens, i: int) -> Found | None:
        """An institution head and its complement: "Koalition der Willigen"."""
        return self._phrase(t.words, t.kinds, i, False) if t.words[i] in self.org_heads else None

    def rule_given_name(self, t: Tokens, i: int) -> Found | None:
        """A given name and the rest of the person's name: "Angela Merkel"."""
        if t.kinds[i] == K.GIVEN and i + 1 < len(t.words) and not self._longer_pattern(
                t.words, i):
            j = self._person_end(t.words, t.kinds, i)
            if j > i + 1:
                return (i, j, "PER", True)
        return None

    def rule_known_name(self, t: Tokens, i: int) -> Found | None:
        """A shipped place or organisation pattern (a place with a team word is a club)."""
        words, kinds = t.words, t.kinds
        match = self.patterns.match(words, i)
        if match is None:
            return None
        end, label = match
        if end == i + 1 and kinds[i] == K.LOWER and t.initial(i):
            return None  # "Seine" at a sentence start is the pronoun
        if (end == i + 1 and kinds[i] == K.GIVEN and label == "LOC" and i + 1 < len(words)
                and kinds[i + 1] in (K.SURNAME, K.PERSON_LIKE, K.UNKNOWN)):
            return None  # a given name that is also a town: "Paris Hilton"
        if label == "LOC":
            end, label = self._team(words, kinds, end, label)
        elif label == "ORG":
            end = self._purpose_end(words, kinds, end)  # "Bundesagentur für Arbeit"
        return (i, end, label, True)

    def rule_name_and_head(self, t: Tokens, i: int) -> Found | None:
        """Names before an organisation head noun: "Quarzel Verlag"."""
        return self._name_with_head(t.words, t.kinds, i)

    def rule_hyphen_name(self, t: Tokens, i: int) -> Found | None:
        """A person's name joined to a head noun: "Bruno-Quendel-Gymnasium"."""
        return self._hyphen_name(t.words, t.kinds, i)

    def rule_no_name(self, t: Tokens, i: int) -> Found | None:
        """Words that start no name: lower case, and known words without a role or a noun
        for an organisation ("der Konzern ...") before them."""
        kind = t.kinds[i]
        if kind == K.NONAME or (kind == K.KNOWN and not (i > 0 and (
                t.kinds[i - 1] == K.ROLE or self.names_after(t.words[i - 1])
                or self.names_place(t.words[i - 1])))
                              and not self._adjective(t.words, t.kinds, i)):
            return (i, i + 1, SKIP, False)
        return None

    def rule_noun_phrase(self, t: Tokens, i: int) -> Found | None:
        """A common noun or adjective opens a name only as a phrase ("Europäische
        Zentralbank"); alone it is skipped."""
        if t.kinds[i] in (K.NOUN, K.ROLE, K.LOWER) or self._adjective(t.words, t.kinds, i):
            found = self._phrase(t.words, t.kinds, i, t.initial(i))
            return found if found is not None else (i, i + 1, SKIP, False)
        return None

    def rule_genitive(self, t: Tokens, i: int) -> Found | None:
        """The genitive of a shipped name: "Frankreichs"."""
        word = t.words[i]
        if word.endswith("s") and word[:-1] in self.single and t.kinds[i] in (K.UNKNOWN, K.ACRONYM):
            return (i, i + 1, self.single[word[:-1]], True)
        return None

    def rule_acronym(self, t: Tokens, i: int) -> Found | None:
        """An unknown acronym is an organisation ("OSZE"), except a word in capitals that
        opens the text before a dash: a dateline, a place ("QUENDELBACH - ...")."""
        if t.kinds[i] != K.ACRONYM:
            return None
        words = t.words
        if i == 0 and len(words[i]) >= 4 and words[i].isalpha() and len(words) > 1 and (
                words[1] in ("-", "–", "(", ",")):
            return (i, i + 1, "LOC", False)  # a dateline: "QUENDELBACH - Der Rat ..."
        return (i, i + 1, "ORG", True)

    def rule_place(self, t: Tokens, i: int) -> Found | None:
        """A place of the lexicon (a club with a team word after it)."""
        if t.kinds[i] != K.PLACE:
            return None
        end, label = self._team(t.words, t.kinds, i + 1, "LOC")
        return (i, end, label, i in t.sure)

    def rule_cluster_class(self, t: Tokens, i: int) -> Found | None:
        """A word whose word cluster says organisation or other name (weak evidence)."""
        kind = t.kinds[i]
        if kind in (K.ORG_LIKE, K.MISC_LIKE):
            return (i, i + 1, K.NAME_CLASSES[kind], False)
        return None

    def rule_lone_initial(self, t: Tokens, i: int) -> Found | None:
        """An initial not followed by a name is no name."""
        kinds = t.kinds
        if kinds[i] == K.INITIAL and not (i + 1 < len(kinds) and kinds[i + 1] in (
                K.SURNAME, K.PERSON_LIKE, K.UNKNOWN, K.GIVEN)):
            return (i, i + 1, SKIP, False)
        return None

    def rule_descriptive_compound(self, t: Tokens, i: int) -> Found | None:
        """A long unknown compound before a given name describes the person: "Chefkoordinatorin
        Anna ..."."""
        word, kinds = t.words[i], t.kinds
        if (kinds[i] == K.UNKNOWN and i + 1 < len(kinds) and kinds[i + 1] == K.GIVEN
                and len(word) >= 8 and not word.lower().endswith(self.per_suffixes)):
            return (i, i + 1, SKIP, False)
        return None

    def rule_name_run(self, t: Tokens, i: int) -> Found | None:
        """A run of name-like words: a person, an organisation before a legal form, or a
        place or person guessed from the context."""
        return self._name_run(t.words, t.kinds, i, t.initial(i))

    RULES: tuple[Rule, ...] = (rule_foreign_name, rule_cue_name, rule_institution, rule_given_name,
                               rule_known_name, rule_name_and_head, rule_hyphen_name,
                               rule_no_name, rule_noun_phrase, rule_genitive,
                               rule_acronym, rule_place, rule_cluster_class, rule_lone_initial,
                               rule_descriptive_compound, rule_name_run)


def _clear_of_fixed(spans: list[Found], fixed: Sequence[tuple[int, int, str]]) -> list[Found]:
    """``spans`` without those that overlap a fixed span."""
    taken = {k for start, end, _ in fixed for k in range(start, end)}
    return [span for span in spans if not any(k in taken for k in range(span[0], span[1]))]


__all__ = ["SKIP", "Scanner", "Tokens"]
