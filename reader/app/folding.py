"""Find that folds case and German spelling: ``Grossbritannien`` finds ``Großbritannien``.

Pure logic (no Textual). Instead of folding the article (which would need a map from
folded offsets back to the text), the query is folded and turned into a regular
expression whose alternatives match every spelling: ``ss`` matches ``ss`` or ``ß``,
``ae`` matches ``ae``, ``ä`` or ``a`` + combining diaeresis, and so on, case-insensitively.
Matches are therefore found directly in the original text and their offsets need no
mapping; a match never starts or ends inside a ``ß`` or an umlaut.
"""

from __future__ import annotations

import re

#: Spellings of each folded unit (the first is the folded form itself).
_UNITS: dict[str, tuple[str, ...]] = {
    "ss": ("ss", "ß", "ẞ"),
    "ae": ("ae", "ä", "a\u0308"),
    "oe": ("oe", "ö", "o\u0308"),
    "ue": ("ue", "ü", "u\u0308"),
}
#: Umlauts (precomposed or decomposed) as their two-letter spelling.
_SPELLED = {"ä": "ae", "ö": "oe", "ü": "ue", "a\u0308": "ae", "o\u0308": "oe",
            "u\u0308": "ue"}


def fold(text: str) -> str:
    """``text`` without case and with German spelling variants made equal.

    ``fold("Straße") == fold("STRASSE") == "strasse"``; ``fold("Müller") == "mueller"``.
    """
    folded = text.casefold()  # also ß -> ss
    for spelling, plain in _SPELLED.items():
        folded = folded.replace(spelling, plain)
    return folded


def find_pattern(query: str) -> re.Pattern[str] | None:
    """A case-insensitive pattern that finds ``query`` in any German spelling.

    None for an empty query (nothing to find).
    """
    folded = fold(query)
    if not folded:
        return None
    parts: list[str] = []
    position = 0
    while position < len(folded):
        unit = folded[position:position + 2]
        spellings = _UNITS.get(unit)
        if spellings is not None:
            parts.append("(?:" + "|".join(re.escape(s) for s in spellings) + ")")
            position += 2
        else:
            parts.append(re.escape(folded[position]))
            position += 1
    return re.compile("".join(parts), re.IGNORECASE)
