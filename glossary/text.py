"""Intro text: a length cap, and sentences cut by a splitter that knows German.

MediaWiki's TextExtracts can cut an intro after a number of sentences (``exsentences``),
but its sentence boundaries are naive: it cuts after ordinals and dates ("der 45.",
"(* 7. Oktober 1952"). So the glossary fetches the whole intro (capped at
:data:`INTRO_CAP` characters) and :func:`first_sentences` cuts it here.

A full stop ends a sentence when it is followed by white space and a word that can begin
one, and is *not*

- after a number of one to three digits (an ordinal or a day: "45.", "7."), unless it ends
  the text;
- after a known abbreviation ("z. B.", "Dr.", "St.", "Nr.", "v. Chr.") or a single
  letter (initials: "John F. Kennedy", "U. S.");
- inside parentheses or brackets ("(* 7. Oktober 1952 in Leningrad)");
- followed by a lower-case word (whatever came before was no sentence end).

``!`` and ``?`` end a sentence under the same conditions except the first two.
"""

from __future__ import annotations

import re

#: Most characters of an intro that are stored and shown (the rest is cut at a sentence).
INTRO_CAP = 4000

#: Abbreviations (lower case, without the final full stop) after which a sentence goes on.
ABBREVIATIONS = frozenset("""
abb abk abs abt adj anm art aufl bd bearb beispw bes betr bspw bzgl bzw ca chr co corp dipl
dr ebd eig engl etc ev evtl exkl fa ff fr frz geb gebr gegr gem gest ggf gr hl hr hrsg ing
inkl insb ital jh jhd jr kap kath lat lt max min mio mrd mr mrs ms nachf nr od orig pfr
port prof rd russ sen sog span spr sr st std str tel ua usw vgl vs zb zt zit zzt
""".split())

_BOUNDARY = re.compile(r"[.!?…]+[\"'“”»«)]*")
_WORD_BEFORE = re.compile(r"([^\W_]+)\W*$")
_OPENERS = "([{"
_CLOSERS = ")]}"


def cap(text: str, limit: int = INTRO_CAP) -> str:
    """``text`` if it is short enough, else its longest run of whole sentences within
    ``limit`` (or, without a sentence end, its words within ``limit`` and "…")."""
    text = text.strip()
    if len(text) <= limit:
        return text
    ends = [end for end in sentence_ends(text[:limit + 1]) if end <= limit]
    if ends:
        return text[:ends[-1]].rstrip()
    cut = text[:limit].rsplit(None, 1)[0] if " " in text[:limit] else text[:limit - 1]
    return cut.rstrip() + "…"


def first_sentences(text: str, count: int) -> str:
    """The first ``count`` sentences of ``text`` (all of it if it has no more)."""
    text = text.strip()
    if count <= 0:
        return text
    ends = sentence_ends(text)
    if len(ends) < count:
        return text
    return text[:ends[count - 1]].rstrip()


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``."""
    text = text.strip()
    out: list[str] = []
    start = 0
    for end in [*sentence_ends(text), len(text)]:
        piece = text[start:end].strip()
        if piece:
            out.append(piece)
        start = end
    return out


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence end inside ``text`` (not the end of the text)."""
    ends: list[int] = []
    depth = 0
    position = 0
    for match in _BOUNDARY.finditer(text):
        depth = _depth_after(text, position, match.start(), depth)
        position = match.start()
        if depth > 0:
            continue
        end = match.end()
        if end >= len(text) or not text[end].isspace():
            continue
        if _is_boundary(text, match.start(), match.group(0), text[end:].lstrip()):
            ends.append(end)
    return ends


def _depth_after(text: str, start: int, stop: int, depth: int) -> int:
    """Bracket depth at ``stop``, counting from ``depth`` at ``start`` (never below 0)."""
    for char in text[start:stop]:
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS and depth > 0:
            depth -= 1
    return depth


def _is_boundary(text: str, at: int, mark: str, rest: str) -> bool:
    """Whether the punctuation ``mark`` at ``at``, followed by ``rest``, ends a sentence."""
    if not rest or not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "„\"'“«»("):
        return False
    if not mark.startswith("."):
        return True
    word = _WORD_BEFORE.search(text[max(0, at - 40):at])
    if word is None:
        return True
    before = word.group(1)
    if before.isdigit():
        return len(before) > 3  # "45." and "7." are ordinals or days; "1952." ends
    if len(before) == 1:
        return False  # an initial or a one-letter abbreviation ("z. B.", "F.")
    return before.lower() not in ABBREVIATIONS
