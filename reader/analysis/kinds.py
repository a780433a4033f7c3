"""Token classes of the embedded recogniser, by name.

The values are the one-letter codes of the sections of ``data/lexicon.txt.gz`` (written by
``scripts/build_ner_data.py``), so that a lexicon entry is its class without conversion;
code uses the names.
"""

from __future__ import annotations

#: Not a name: lower case, punctuation, a single letter, a number, whitespace.
NONAME = "x"
#: A common noun (frequent enough to end a compound: Sicherheits|garantien).
NOUN = "N"
#: A rare common noun (never taken as the last part of a compound).
RARE_NOUN = "n"
#: A word mostly written in lower case (adjectives, verbs, function words).
LOWER = "A"
#: A role or title before a person's name (Kremlsprecher, Oberst).
ROLE = "R"
#: An acronym or brand-like capitals (OSZE, ZDFheute).
ACRONYM = "C"
#: An initial (J.).
INITIAL = "I"
#: A capitalised word the lexicon does not know.
UNKNOWN = "U"
#: A given name.
GIVEN = "G"
#: A given name that is also a common word (a name only before a surname).
GIVEN_OR_WORD = "g"
#: A surname.
SURNAME = "S"
#: A frequent common noun that is also a surname (a surname only after a given name).
NOUN_OR_SURNAME = "s"
#: A noun that is also an adjective (Deutschen, Rote): a noun that may open a name.
NOUN_OR_ADJ = "J"
#: A name whose word cluster says person.
PERSON_LIKE = "P"
#: A place (word cluster, compound head such as -straße, or a dateline).
PLACE = "L"
#: A name whose word cluster says organisation.
ORG_LIKE = "O"
#: A name whose word cluster says other name.
MISC_LIKE = "M"
#: A city named like a common noun (a place only after "in", "nach", ...).
PLACE_OR_NOUN = "l"
#: A small city named like a person (a person unless a preposition says place).
PLACE_OR_PERSON = "q"
#: Another known capitalised word (a name only with evidence from the context).
KNOWN = "K"

#: Classes that name something, and the label each suggests.
NAME_CLASSES: dict[str, str] = {GIVEN: "PER", SURNAME: "PER", PERSON_LIKE: "PER", PLACE: "LOC",
                                ORG_LIKE: "ORG", MISC_LIKE: "MISC"}

#: A span found by a rule: first token, end token, label ("" skips the tokens), and
#: whether the evidence is strong enough to label the name's other mentions.
Found = tuple[int, int, str, bool]
