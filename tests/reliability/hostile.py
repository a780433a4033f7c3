"""Hostile inputs shared by the reliability tests (imported as ``hostile``).

German words of the seed article (so that the recogniser finds entities), markup-like text,
terminal escape sequences, control characters, combining marks, right-to-left text, emoji,
zero-width characters and lone surrogates.
"""

from __future__ import annotations

import re
import unicodedata

from app_support import SEED
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

#: Terminal escape sequences: CSI, OSC (title, hyperlink, clipboard), DCS, 8-bit CSI/OSC,
#: charset switches, keypad modes.
ESCAPES = ("\x1b[2J", "\x1b[31m", "\x1b]0;pwned\x07", "\x1b]8;;http://x\x1b\\", "\x9b6n",
           "\x1bP+q\x1b\\", "\x9d0;t\x9c", "\x1b]52;c;aGk=\x07", "\x1b(0", "\x1b=", "\x1bc",
           "\x1b[?1049h", "\x1b")
#: Control characters (C0, DEL, C1), bidi overrides and isolates, line separators.
CONTROLS = ("\x00", "\x07", "\x08", "\x7f", "\x85", "\x90", "\x9f", "\r", "\r\n", "\t",
            "\u202e", "\u2066", "\u2069", "\u2028", "\u2029", "\ufeff", "\ufff9")
#: Markup of Rich/Textual, Markdown and HTML that must stay text.
MARKUP = ("[b]", "[/]", "[link=http://x]", "[@click=app.quit]", "[@click=quit]x[/]", "[red on",
          "**fett**", "_", "`", "[^1]", "[[Seite]]", "<script>", "<b>", "&amp;", "# ", "- ",
          "1. ", "> ", "|", "\\", "---", "{lang}", "%s")
#: Unicode that shapes text: combining marks, zero-width characters, RTL, emoji, CJK.
UNICODE = ("e\u0301", "a\u0308\u0323", "\u200b", "\u200c", "\u200d", "\u2060", "👍🏽",
           "👨‍👩‍👧", "🇩🇪", "עברית", "العربية", "中文", "ｆｕｌｌ", "ß", "İ", "\U0001d400",
           "\U0010ffff", "\ufffe")
#: Lone surrogates (what decoding with "surrogateescape" or a JSON "\\ud800" escape gives).
SURROGATES = ("\ud800", "\udfff", "\udc80", "Pes\udcc3kow", "\ud83d\ude00")
HOSTILE = st.sampled_from(ESCAPES + CONTROLS + MARKUP + UNICODE + SURROGATES)

WORDS = tuple(dict.fromkeys(re.findall(r"\S+", SEED.read_text(encoding="utf-8"))))
WORD = st.sampled_from(WORDS)
SEPARATOR = st.sampled_from([" ", " ", " ", "\n", "\n\n", ", ", ". "])

_MIXED = st.lists(
    st.one_of(WORD, WORD, HOSTILE, SEPARATOR,
              st.text(st.characters(exclude_categories=()), max_size=6)),
    max_size=30,
).map("".join)
#: Text mixing article words with hostile pieces and random characters (surrogates too);
#: every example holds at least one hostile piece.
TEXTS = st.builds(lambda a, h, b: a + h + b, _MIXED,
                  st.lists(HOSTILE, min_size=1, max_size=3).map("".join), _MIXED)
#: Short hostile strings for names and network text (descriptions, intros, titles).
FIELDS = st.lists(st.one_of(WORD, HOSTILE, st.text(max_size=4)), min_size=1, max_size=6).map(
    "".join)


def settings_for(examples: int, *, shrink: bool = True) -> settings:
    """Deterministic settings with ``examples`` examples and no deadline (``shrink=False``
    for slow examples: a failure is reported as found)."""
    phases = list(Phase) if shrink else [Phase.explicit, Phase.generate]
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    phases=phases, suppress_health_check=[HealthCheck.too_slow,
                                                          HealthCheck.function_scoped_fixture])


_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def unsafe_chars(text: str) -> list[str]:
    """The characters of ``text`` a terminal could interpret (ESC, C0 but tab and newline,
    DEL, C1, bidi overrides/isolates) or cannot encode (lone surrogates)."""
    return [f"U+{ord(ch):04X}" for ch in _UNSAFE.findall(text)]


def is_combining(ch: str) -> bool:
    """True for combining marks."""
    return bool(unicodedata.combining(ch))
