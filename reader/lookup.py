"""Glue between the reader and the glossary: settings from the configuration, queries from
an article's analysis. Imports no Textual.

- :func:`glossary_for` builds a :class:`glossary.service.Glossary` from a
  :class:`reader.config.Config` (cache in the cache directory, chosen pages in the data
  directory, so that clearing the cache never loses what the user chose);
- :func:`queries_for` turns the entities of an analysed article into
  :class:`glossary.models.EntityQuery` objects whose context (frequent words of the article,
  its date's year, the names of the other entities) lets the glossary pick the right page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from glossary.models import EntityQuery
from glossary.settings import GlossarySettings

if TYPE_CHECKING:
    from glossary.service import Glossary
    from reader.analysis.model import Analysis
    from reader.article import Article
    from reader.config import Config

#: Most frequent article words kept as context.
CONTEXT_WORDS = 300
#: Characters on each side of a mention whose words are the entity's local context.
LOCAL_WINDOW = 80

_WORD = re.compile(r"[^\W\d_][^\W_]{3,}|\d{4}", re.UNICODE)


def settings_for(config: Config) -> GlossarySettings:
    """The glossary's settings from the reader's configuration."""
    return GlossarySettings(
        api_url=config.api_url,
        lang=config.lang,
        fallback_lang=config.fallback_lang,
        contact=config.contact,
        offline=config.offline,
        intro_sentences=config.intro_sentences,
        cache_ttl_days=config.cache_ttl_days,
        timeout=config.timeout,
        cache_path=config.cache_path / "glossary.sqlite3",
    )


def glossary_for(config: Config, *,
                 on_notice: Callable[[str], None] | None = None) -> Glossary:
    """A glossary service for the configuration (close it when done).

    ``on_notice`` receives one-line notices for the user (e.g. that no contact is set).
    """
    from glossary.service import Glossary
    from reader.corrections import PageChoices, store_for

    return Glossary(settings_for(config), choices=PageChoices(store_for(config)),
                    on_notice=on_notice)


def print_notice(message: str) -> None:
    """Show a glossary notice on standard error (the command line's ``on_notice``)."""
    import sys

    print(f"reader: note: {message}", file=sys.stderr)


def article_context(text: str, limit: int = CONTEXT_WORDS) -> tuple[str, ...]:
    """The most frequent words of a text (4+ letters, and years), most frequent first."""
    counts = Counter(match.group(0) for match in _WORD.finditer(text))
    return tuple(word for word, _ in counts.most_common(limit))


def queries_for(article: Article, analysis: Analysis, lang: str) -> list[EntityQuery]:
    """One query per entity of the analysis, in the analysis's order.

    Each query's context holds the words around the entity's mentions (e.g. "Oberst" in
    "Oberst Reisner"), the names (and aliases) of the *other* entities, the year of the
    article's date and the article's frequent words.
    """
    words = article_context(article.text)
    if article.date is not None:
        words = (str(article.date.year), *words)
    names = {e.key: (e.name, *e.aliases) for e in analysis.entities}
    queries: list[EntityQuery] = []
    for entity in analysis.entities:
        others = tuple(n for key, group in names.items() if key != entity.key for n in group)
        local = tuple(dict.fromkeys(
            m.group(0) for mention in entity.mentions
            for m in _WORD.finditer(article.text[max(0, mention.start - LOCAL_WINDOW):
                                                 mention.end + LOCAL_WINDOW])))
        queries.append(EntityQuery(
            name=entity.name,
            label=entity.label,
            aliases=tuple(a for a in entity.aliases if a != entity.name),
            lang=lang,
            context=tuple(dict.fromkeys((*local, *others, *words))),
        ))
    return queries
