"""Long texts in pieces: a recogniser pipeline refuses texts over ``nlp.max_length``.

:func:`chunks` cuts a text into consecutive pieces of at most ``limit`` characters, at
paragraph boundaries (a blank line) where possible; only a paragraph that is alone longer
than the limit is cut inside, at the last sentence end, else after the last whitespace,
else (a single enormous "word") at the limit itself, never between a character and the
combining marks or joiners that follow it. The pieces joined give the text back, so a
span found at ``i`` in the piece at ``offset`` is at ``offset + i`` in the text
(:func:`spans_in_chunks`). Pure functions, no spaCy.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence

from reader.analysis.model import Span
from reader.analysis.version import MAX_CHUNK

__all__ = ["MAX_CHUNK", "chunks", "spans_in_chunks"]
#: A paragraph boundary: a blank line (the cut goes after it and any following whitespace).
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n\s*")
#: A sentence end: punctuation, closing quotes or brackets, then whitespace.
_SENTENCE = re.compile(r"[.!?…][\"'»«“”‘’)\]]*\s+")
#: Whitespace (the cut goes after the run).
_SPACE = re.compile(r"\s+")
#: Characters that belong to the character before them (never cut in front of one).
_JOINERS = frozenset("\u200c\u200d\ufe0e\ufe0f")


def _last_end(pattern: re.Pattern[str], text: str, start: int, stop: int) -> int:
    """The end of the last match of ``pattern`` in ``text[start:stop]`` (0 if none)."""
    end = 0
    for match in pattern.finditer(text, start, stop):
        end = match.end()
    return end


def _hard_cut(text: str, start: int, stop: int) -> int:
    """``stop``, moved back so that no combining mark or joiner starts the next piece."""
    cut = stop
    while cut > start + 1 and (unicodedata.combining(text[cut]) or text[cut] in _JOINERS
                               or text[cut - 1] in _JOINERS):
        cut -= 1
    return cut


def chunks(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` pairs: consecutive pieces of ``text``, each at most ``limit``
    characters, cut at paragraph boundaries where possible (see the module docstring).

    ``"".join(piece for _, piece in chunks(text, limit)) == text``; an empty text gives no
    piece. Raises :class:`ValueError` if ``limit`` is less than 1.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    start = 0
    size = len(text)
    while size - start > limit:
        stop = start + limit
        cut = (_last_end(_PARAGRAPH, text, start, stop)
               or _last_end(_SENTENCE, text, start, stop)
               or _last_end(_SPACE, text, start, stop)
               or _hard_cut(text, start, stop))
        yield start, text[start:cut]
        start = cut
    if start < size:
        yield start, text[start:]


def spans_in_chunks(recognise: Callable[[Sequence[str]], list[list[Span]]], text: str,
                    limit: int) -> list[Span]:
    """The spans of a text too long for one call of ``recognise`` (e.g.
    ``Recogniser.spans``): its pieces (:func:`chunks`) in one batch, offsets shifted back."""
    pieces = list(chunks(text, limit))
    found = recognise([piece for _, piece in pieces]) if pieces else []
    return [Span(span.start + offset, span.end + offset, span.label)
            for (offset, _), spans in zip(pieces, found, strict=True) for span in spans]


__all__ = ["MAX_CHUNK", "chunks", "spans_in_chunks"]
