"""Property tests: hostile articles, glossary text from the network and notes through the
Markdown and JSON export. Nothing raises, and nothing a terminal would interpret (or UTF-8
cannot encode) reaches the output, which is printed to a terminal by ``reader export``.

That the rendered Markdown equals the article text is proven by tests/unit/test_export_*.
"""

from __future__ import annotations

import datetime as dt
import json

from hostile import FIELDS, TEXTS, settings_for, unsafe_chars
from hypothesis import given
from hypothesis import strategies as st

from glossary.models import Candidate, GlossaryEntry, Status
from reader.analysis import get_recogniser
from reader.analysis.cluster import cluster
from reader.analysis.model import Analysis
from reader.article import Article, from_text
from reader.errors import ArticleError
from reader.export import STYLES, to_json, to_markdown

WHEN = dt.datetime(2025, 9, 5, 12, 0, tzinfo=dt.UTC)


def analysed(text: str) -> tuple[Article, Analysis] | None:
    """The article of ``text`` and its analysis by the embedded recogniser, if readable."""
    try:
        article = from_text(text, "hostile <src>\x1b[2J")
    except ArticleError:
        return None
    recogniser = get_recogniser("embedded")
    spans = recogniser.spans([article.text])[0]
    return article, Analysis(cluster(article.text, spans), recogniser.name)


ENTRY_FIELDS = st.fixed_dictionaries({
    "title": FIELDS, "description": FIELDS, "intro": FIELDS, "error": FIELDS,
    "url": st.one_of(FIELDS, st.just("https://de.wikipedia.org/wiki/A_(b)\x1b]8;;x")),
    "source": FIELDS, "candidate": FIELDS, "note": FIELDS,
    "status": st.sampled_from(list(Status)),
})


@settings_for(70)
@given(TEXTS, ENTRY_FIELDS)
def test_export_never_raises_and_is_terminal_safe(text: str, fields: dict[str, object]) -> None:
    found = analysed(text)
    if found is None:
        return
    article, analysis = found
    entries: dict[str, GlossaryEntry] = {}
    notes: dict[str, str] = {}
    for entity in analysis.entities:
        entries[entity.name] = GlossaryEntry(
            query=entity.name, lang="de", status=fields["status"],  # type: ignore[arg-type]
            title=str(fields["title"]), description=str(fields["description"]),
            intro=str(fields["intro"]), url=str(fields["url"]), source=str(fields["source"]),
            error=str(fields["error"]),
            candidates=(Candidate(str(fields["candidate"]), str(fields["description"])),),
            extra={"intro_lang": str(fields["title"])})
        notes[entity.name] = str(fields["note"])
    outputs = [to_markdown(article, analysis, entries, style=style, exported_at=WHEN,
                           notes=notes) for style in STYLES]
    outputs.append(to_json(article, analysis, entries, exported_at=WHEN, notes=notes))
    for output in outputs:
        assert unsafe_chars(output) == []
        output.encode("utf-8")
    data = json.loads(outputs[-1])
    assert data["article"]["text"] == article.text
    assert len(data["entities"]) == len(analysis.entities)
