"""The embedded recogniser's rules over the whole text, after the first pass: quoted titles,
places joined by slashes, names ended by a legal form, and the propagation of names found
with good evidence to their other mentions.
"""

from __future__ import annotations

import re

from reader.analysis.kinds import (
    INITIAL,
    KNOWN,
    LOWER,
    NONAME,
    NOUN,
    PERSON_LIKE,
    ROLE,
    SURNAME,
    UNKNOWN,
    Found,
)
from reader.analysis.wordclass import WordClasses

#: Legal forms that end a company's name.
_LEGAL_FORMS = frozenset(("GmbH", "AG", "KG", "KGaA", "SE", "e.V.", "Inc.", "Inc", "Ltd.", "Ltd",
                          "LLC", "Corp.", "Corp", "S.A.", "N.V.", "NV", "plc", "PLC", "ASA",
                          "S.p.A.", "GbR", "OHG", "mbH", "Holding", "Holdings"))
#: A domain name or an e-mail address ("www.example.de", "a-b.com", "x@y.org").
_WEB_NAME = re.compile(r"(?:[\w.+-]+@)?(?:www\.)?[\w-]+(?:\.[\w-]+)*"
                       r"\.(?:de|com|org|net|at|ch|eu|info|fr|it|uk|io|tv)")
#: Classes of words that end a company's name on the left.
_NOT_IN_COMPANY = (NONAME, LOWER, ROLE, INITIAL)
#: Classes of a person's last word that is then recognised alone ("Merkel").
_SURNAME_ALONE = (SURNAME, PERSON_LIKE, UNKNOWN, NOUN)
_OPEN_QUOTES = {"„", "\"", "»", "“", "'"}
_CLOSE_QUOTES = {"“", "\"", "«", "”", "'"}
#: Words that join names of one kind, and the labels they carry over.
_COORDINATORS = frozenset((",", "und", "oder", "sowie", "bzw."))
_COORDINATED = frozenset(("LOC",))
#: A ruler's number after a name (up to XXX).
_REGNAL = re.compile(r"X{0,2}(?:IX|IV|V?I{0,3})")
#: Tokens that end a cited title.
_TITLE_END = frozenset((".", ")", "*", ";", "•"))
_TITLE_WORDS = {"der", "die", "das", "des", "dem", "den", "und", "von", "vom", "im", "in",
                "am", "an", "auf", "zu", "zum", "zur", "mit", "für", "ein", "eine", "of", "the",
                "and", "a", "on", "de", "la", "le", "et"}


def _model_number(word: str) -> bool:
    """A model number: up to four digits (not a year, no leading zero), or capitals with
    digits ("A380", "S8")."""
    if word.isdigit():
        return word[0] != "0" and len(word) <= 4 and not (len(word) == 4 and word[:2] in (
            "18", "19", "20"))
    return (2 <= len(word) <= 5 and word[0].isupper() and word.isalnum() and word.isascii()
            and any(c.isdigit() for c in word))


def _replace_overlapped(spans: list[Found], found: list[Found]) -> None:
    """Put ``found`` in ``spans`` in place of the spans it overlaps (one pass: linear)."""
    taken = {k for start, end, _, _ in found for k in range(start, end)}
    spans[:] = [sp for sp in spans if not any(k in taken for k in range(sp[0], sp[1]))]
    spans.extend(found)


class PostRules(WordClasses):
    """Rules over all spans of a text (see the module docstring)."""

    def _legal_names(self, words: list[str], kinds: list[str],
                     spans: list[Found]) -> None:
        """A legal form ends an organisation's name with the capitalised words before it:
        "Quendel Bau Projektentwicklung GmbH", "Quarzwerk AG"."""
        found: list[Found] = []
        for k, word in enumerate(words):
            if word not in _LEGAL_FORMS or k == 0 or kinds[k - 1] in (NONAME, LOWER, ROLE):
                continue
            start = k
            while start > 0 and k - start < 4 and kinds[start - 1] not in _NOT_IN_COMPANY:
                before = words[start - 1]
                if self.names_after(before):
                    break  # "die Firma Quendelbeck GmbH": the noun is not part of the name
                start -= 1
            if start < k:
                found.append((start, k + 1, "ORG", True))
        if found:  # the legal names replace the spans they overlap (one pass: linear)
            _replace_overlapped(spans, found)
        spans.sort()

    def _join_slashes(self, words: list[str], spans: list[Found]) -> None:
        """Places joined by a slash are one name: "München/Hamburg"."""
        out: list[Found] = []
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
                spans: list[Found]) -> None:
        """Short quoted titles of works ("Ecce homo", „Die Blechtrommel“) as MISC, and
        quoted names of newspapers or institutions („Berliner Kurier“) as ORG. After a
        noun for a work ("der Song „...“", "im Film „...“") any quoted words are a title,
        and win over the names found inside them."""
        n = len(words)
        covered = {k for start, end, _, _ in spans for k in range(start, end)}
        found: list[Found] = []
        for i, word in enumerate(words):
            if word not in _OPEN_QUOTES or i + 2 >= n or not words[i + 1][:1].isupper():
                continue
            cued = self._work_cue(words, i)
            for j in range(i + 2, min(n, i + (10 if cued else 8))):
                if words[j] in _CLOSE_QUOTES:
                    inner = range(i + 1, j)
                    if cued:
                        found.append((i + 1, j, "MISC", False))
                        break
                    names = [k for k in inner if k in covered]
                    if len(names) == len(inner) or (j - i == 2 and kinds[i + 1] in (
                            NOUN, LOWER, KNOWN, NONAME)):
                        break
                    short = j - i <= 4 and not (i > 0 and (words[i - 1] in self.speech_verbs
                                                          or words[i - 1] == ":"))
                    if all(words[k][:1].isupper() or words[k] in _TITLE_WORDS
                           or (short and words[k].isalpha()) for k in inner):
                        label = "ORG" if self._org_head(words[j - 1]) else "MISC"
                        (found if names else spans).append((i + 1, j, label, False))
                    break
                if words[j] in (".", "!", "?", ",") and j < n - 1:
                    break
        if found:
            _replace_overlapped(spans, found)
        spans.sort()

    def _web_names(self, words: list[str], spans: list[Found]) -> None:
        """Web addresses and e-mail addresses written as names ("www.example.de",
        "kontakt@example.org") are other names (MISC)."""
        covered = {k for start, end, _, _ in spans for k in range(start, end)}
        found = [(k, k + 1, "MISC", False) for k, word in enumerate(words)
                 if k not in covered and "." in word and _WEB_NAME.fullmatch(word)]
        if found:
            spans.extend(found)
            spans.sort()

    def _roads(self, words: list[str], spans: list[Found]) -> None:
        """Numbered roads after an article, a preposition or a road noun are places: "auf
        der A 7", "die B27", "Autobahn A 3"."""
        covered = {k for start, end, _, _ in spans for k in range(start, end)}
        n = len(words)
        found: list[Found] = []
        for k, word in enumerate(words):
            if k == 0 or k in covered or words[k - 1] not in self.road_context:
                continue
            end = k
            if word in self.road_letters and k + 1 < n and words[k + 1].isdigit() and len(
                    words[k + 1]) <= 3:
                end = k + 2
            elif word[:1] in self.road_letters and word[1:].isdigit() and 2 <= len(word) <= 4:
                end = k + 1
            if end > k and not (end < n and words[end] in ("/", "-")):  # not a type: "A 3/4"
                found.append((k, end, "LOC", False))
        if found:
            spans.extend(found)
            spans.sort()

    def _models(self, words: list[str], spans: list[Found]) -> None:
        """A company's or product's name with a model number is a product (MISC): "Boeing
        747", "Airbus A380" (not a club's number "Bochum 08", nor an amount "BMW 100
        Millionen" or a year)."""
        n = len(words)
        for k, (start, end, label, strong) in enumerate(spans):
            if label not in ("ORG", "MISC") or end >= n or not _model_number(words[end]):
                continue
            if words[start] in self.clubs or words[start] in self.club_prefixes:
                continue
            after = words[end + 1] if end + 1 < n else ""
            if after[:1].isupper() or after in ("%", "Prozent"):
                continue
            spans[k] = (start, end + 1, "MISC", strong)

    def _cited_titles(self, words: list[str], spans: list[Found]) -> None:
        """Titles in a list of works: "* Anna Quell: Die Welt der Moose." and "Hans
        Brand (Hg.): Moose und Farne." (an author in a list item, or an editor's mark,
        then a colon and the title up to the full stop)."""
        n = len(words)
        ends = {end: start for start, end, label, _ in spans if label == "PER"}
        found: list[Found] = []
        for k, word in enumerate(words):
            if word not in (":", "):") or k + 2 >= n or not words[k + 1][:1].isupper():
                continue
            if word == ":" and k in ends:
                start = ends[k]
                cited = any(w in self.list_marks for w in words[max(0, start - 6):start])
            else:
                cited = words[k - 1] in self.editor_marks
            if not cited:
                continue
            j = k + 1
            while j < n and j - k <= 16 and words[j] not in _TITLE_END:
                j += 1
            if j < n and words[j] in _TITLE_END:
                found.append((k + 1, j, "MISC", False))
        if found:
            _replace_overlapped(spans, found)
            spans.sort()

    def _regnal_numbers(self, words: list[str], spans: list[Found]) -> None:
        """A ruler's number belongs to the name: "Ludwig XIV.", "Benedikt XVI."."""
        n = len(words)
        for k, (start, end, label, strong) in enumerate(spans):
            if label == "PER" and end < n and _REGNAL.fullmatch(words[end]):
                stop = end + 2 if end + 1 < n and words[end + 1] == "." else end + 1
                if k + 1 == len(spans) or spans[k + 1][0] >= stop:
                    spans[k] = (start, stop, label, strong)

    def _coordinated(self, words: list[str], kinds: list[str], spans: list[Found]) -> None:
        """An unknown word joined by "und", "oder" or a comma to a place's name takes its
        label: "in Quarzbach, Velmor und Zarnip" (on either side of the known name)."""
        covered = {k for start, end, _, _ in spans for k in range(start, end)}
        found: list[Found] = []
        for start, end, label, _strong in spans:
            if label not in _COORDINATED:
                continue
            for step, k in ((2, end + 1), (-2, start - 2)):
                while self._joined_unknown(words, kinds, k, k - step // 2, covered):
                    found.append((k, k + 1, label, False))
                    covered.add(k)
                    k += step
        if found:
            spans.extend(found)
            spans.sort()

    def _joined_unknown(self, words: list[str], kinds: list[str], k: int, joiner: int,
                        covered: set[int]) -> bool:
        """Whether token ``k`` is an unknown single word (no capitalised word on either
        side) joined to a name by the coordinator at ``joiner``."""
        n = len(words)
        if not (0 <= k < n and 0 <= joiner < n) or k in covered or kinds[k] != UNKNOWN:
            return False
        if words[joiner] not in _COORDINATORS:
            return False
        return not any(0 <= m < n and m != joiner and words[m][:1].isupper()
                       for m in (k - 1, k + 1))

    def _work_cue(self, words: list[str], quote: int) -> bool:
        """Whether a noun for a work of art or a programme stands just before the quote
        at ``quote`` (also as a compound's last part: "Debütalbum")."""
        for k in range(max(0, quote - 2), quote):
            low = words[k].lower()
            if words[k][:1].isupper() and (words[k] in self.work_cues
                                           or low.endswith(self.work_cue_suffixes)):
                return True
        return False

    def _propagate(self, words: list[str], kinds: list[str],
                   spans: list[Found]) -> list[tuple[int, int, str]]:
        """Give every mention of a well-evidenced name that name's label, and find the
        mentions the first pass left out (a surname alone, a genitive)."""
        known: dict[str, str] = {}
        for start, end, label, strong in spans:
            if not strong:
                continue
            text = " ".join(words[start:end])
            known.setdefault(text, label)
            if label == "PER" and end - start >= 2 and kinds[end - 1] in _SURNAME_ALONE:
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
