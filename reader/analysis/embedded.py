"""The embedded German recogniser: ``spacy.blank("de")`` plus one rule-based component.

The component has the shape of spaCy's rule-based components (``SpanRuler``): calling it
matches (:meth:`GermanNER.match`, the rules of :class:`reader.analysis.scanner.Scanner`
over the shipped lexicon and cue lists) and then sets the annotations
(:meth:`GermanNER.set_annotations`) through a filter that keeps the entities already set,
those of the reader's own names, which spaCy's entity ruler puts before it
(:mod:`reader.analysis.user_patterns`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from reader.analysis.lexicon import load_data
from reader.analysis.scanner import Scanner
from reader.analysis.user_patterns import add_ruler
from reader.analysis.version import EMBEDDED_VERSION

#: Version of the rules and data; part of the recogniser id (and so of the cache key).
VERSION = EMBEDDED_VERSION
COMPONENT = "reader_german_ner"


@Language.factory(COMPONENT)
def make_german_ner(nlp: Language, name: str) -> GermanNER:
    """spaCy factory of the embedded recogniser's component."""
    return GermanNER(Scanner(load_data()))


def keep_existing_ents(entities: Iterable[Span], found: Iterable[Span]) -> list[Span]:
    """The entities already set and those of ``found`` that overlap none of them, or each
    other (earlier and longer first)."""
    out = list(entities)
    taken = {k for ent in out for k in range(ent.start, ent.end)}
    for span in sorted(found, key=lambda s: (s.start, -s.end)):
        if not any(k in taken for k in range(span.start, span.end)):
            out.append(span)
            taken.update(range(span.start, span.end))
    return sorted(out)


class GermanNER:
    """spaCy pipeline component setting ``doc.ents`` from :class:`Scanner`."""

    def __init__(self, scanner: Scanner) -> None:
        self.scanner = scanner

    def __call__(self, doc: Doc) -> Doc:
        """Find the entities of ``doc`` and add them to those already set."""
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Span]:
        """The entities the rules find; the entities already set are kept as they are and
        are evidence for the other mentions of their names."""
        fixed = [(ent.start, ent.end, ent.label_) for ent in doc.ents]
        words = [token.text for token in doc]
        return [Span(doc, start, end, label=label)
                for start, end, label in self.scanner.scan(words, fixed)]

    def set_annotations(self, doc: Doc, matches: list[Span]) -> None:
        """Set ``doc.ents``: the entities already set, then the matches clear of them."""
        doc.ents = keep_existing_ents(doc.ents, matches)


def build_pipeline(patterns: Iterable[Mapping[str, Any]] | None = None) -> Language:
    """``spacy.blank("de")`` with the embedded recogniser component, and the reader's names
    in spaCy's entity ruler before it."""
    import spacy

    nlp = spacy.blank("de")
    nlp.add_pipe(COMPONENT)
    add_ruler(nlp, list(patterns or []), before=COMPONENT)
    return nlp
