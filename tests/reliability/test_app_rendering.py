"""Property test: hostile articles, entity names and glossary entries through the app's
rendering. Every cell the compositor would send to the terminal (the text of every segment,
and every hyperlink target) is free of escape and control characters, bidi overrides and
lone surrogates: on the main screen, with an entity selected, with find matches, jump
labels, the entity index and at the end of the article.

To keep the suite fast, each example is one app session over a list of hostile texts
(one paragraph each), with one extra entity per text whose name and glossary entry are
hostile too.
"""

from __future__ import annotations

import asyncio

from app_support import OFFLINE
from hostile import FIELDS, TEXTS, settings_for, unsafe_chars
from hypothesis import given
from hypothesis import strategies as st
from textual.pilot import Pilot

from glossary.models import Candidate, GlossaryEntry, Status
from reader.analysis import get_recogniser
from reader.analysis.cluster import cluster
from reader.analysis.model import Analysis, Entity, Mention
from reader.app.app import ReaderApp
from reader.app.index_screen import IndexScreen
from reader.article import Article, from_text
from reader.errors import ArticleError

SIZE = (100, 30)


def screen_problems(app: ReaderApp, stage: str) -> list[str]:
    """Unsafe characters in what the screen would send to the terminal."""
    problems: list[str] = []
    update = app.screen._compositor.render_full_update()
    for y, line in enumerate(update.strips):
        for strip in line:
            for segment in strip:
                if segment.control:
                    continue
                link = segment.style.link if segment.style else None
                bad = unsafe_chars(segment.text) + unsafe_chars(link or "")
                if bad:
                    problems.append(f"{stage}, line {y}: {segment.text!r} {link!r}")
    return problems


def entry_for(fields: tuple[str, str, str, Status]) -> GlossaryEntry:
    """A glossary entry made of hostile network text."""
    title, description, intro, status = fields
    return GlossaryEntry(query=title, lang="de\x1b[2J", status=status, title=title,
                         description=description, intro=intro, url="https://x/" + intro,
                         source=description, licence=intro, error=intro,
                         retry_after=3.0 if status is Status.ERROR else None,
                         candidates=(Candidate(title, description, "https://x/\x1b]8;;y"),))


def analysis_for(article: Article, names: list[str]) -> Analysis:
    """The embedded recogniser's entities, plus one per paragraph with a hostile name."""
    text = article.text
    spans = get_recogniser("embedded").spans([text])[0]
    entities = cluster(text, spans)
    taken = {(m.start, m.end) for e in entities for m in e.mentions}
    for number, (paragraph, name) in enumerate(zip(article.paragraphs, names, strict=False)):
        end = min(paragraph.end, paragraph.start + 4)
        if any(s < end and paragraph.start < e for s, e in taken):
            continue
        entities.append(Entity(f"MISC:{number}{name}", name, "MISC", aliases=[name + "s"],
                               mentions=[Mention(paragraph.start, end,
                                                 text[paragraph.start:end])]))
    return Analysis(entities, "embedded\x1b]0;title\x07 \x9b6n")


async def session(article: Article, analysis: Analysis,
                  entries: list[GlossaryEntry]) -> list[str]:
    """Open the app, do what a reader does, collect the problems of every screen."""
    app = ReaderApp(article, config=OFFLINE, analyser=lambda _text: analysis)
    problems: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        problems += screen_problems(app, "start")
        for number, entity in enumerate(analysis.entities):
            app.session.entries[entity.key] = entries[number % len(entries)]
            app.main.jump_to_entity(entity.key)
            await pilot.pause()
            problems += screen_problems(app, f"entity {number}")
        await pilot.press("slash", "e")
        problems += screen_problems(app, "find")
        await pilot.press("escape", "f")
        problems += screen_problems(app, "jump")
        await pilot.press("escape", "i")
        assert isinstance(app.screen, IndexScreen)
        problems += screen_problems(app, "index")
        await pilot.press("escape", "G")
        problems += screen_problems(app, "end")
        assert app.is_running
    return problems


async def settled(pilot: Pilot[None]) -> None:
    """Wait for the analysis (and the offline prefetch)."""
    app = pilot.app
    for _ in range(50):
        await pilot.pause()
        if isinstance(app, ReaderApp) and app.mentions is not None and not any(
                w.is_running for w in app.workers):
            break
    await pilot.pause()


ENTRIES = st.lists(st.tuples(FIELDS, FIELDS, FIELDS, st.sampled_from(list(Status))),
                   min_size=1, max_size=4)


@settings_for(4, shrink=False)  # an app session is slow
@given(st.lists(TEXTS, min_size=3, max_size=6), st.lists(FIELDS, min_size=3, max_size=6),
       ENTRIES)
def test_nothing_unsafe_reaches_the_terminal(
        texts: list[str], names: list[str],
        entries: list[tuple[str, str, str, Status]]) -> None:
    try:
        article = from_text("\n\n".join(texts), "hostile\x1b]0;x\x07.txt", "text")
    except ArticleError:
        return
    analysis = analysis_for(article, names)
    problems = asyncio.run(session(article, analysis, [entry_for(e) for e in entries]))
    assert problems == []
