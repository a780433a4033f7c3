"""The reader application: the article, its highlighted entities and the glossary panel.

Start-up shows the text at once; the recogniser (spaCy can take a second to import) runs
in a thread worker and its result comes back as a message. Then a second worker fetches
the background of every entity through the glossary (serial, batched), so moving between
entities is instant. Network faults become panel states, never crashes.

The workflow is the headless :class:`reader.session.Session` (the commands use the same
code), so the reader's corrections apply: entities added in mark mode (``m``, or a mouse
drag) are saved in the data directory and recognised in every article; hidden names
(``x``) disappear; chosen pages (``c``) and notes (``a``) are kept with them. Each change
is saved at once (atomic, locked) and the article is analysed again in the worker.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList, Static

from glossary.models import Candidate, EntityQuery, GlossaryEntry, Status
from reader.analysis.model import Analysis, Entity
from reader.app import keys
from reader.app.article_view import ArticleView
from reader.app.correction_screens import (
    HiddenScreen,
    HideScreen,
    LabelScreen,
    NoteScreen,
    PageScreen,
)
from reader.app.detached import Abandoned, run_detached
from reader.app.glossary_panel import GlossaryPanel
from reader.app.marks import MentionIndex, find_all
from reader.app.screens import ExportScreen, HelpScreen, IndexScreen
from reader.app.widgets import FindBar, Legend
from reader.article import Article
from reader.config import Config
from reader.corrections import Corrections
from reader.errors import ReaderError
from reader.sanitize import strip_escapes
from reader.session import (
    AddEntity,
    Analysed,
    Analyser,
    Change,
    ExportBundle,
    HideEntity,
    Session,
    SetNote,
    UnhideEntity,
)

if TYPE_CHECKING:
    from glossary.service import Glossary

#: Most find matches highlighted.
MAX_MATCHES = 100_000


def _trace(event: str) -> None:
    """Append ``event`` and the time to ``$READER_TRACE`` (used by bench/app_startup.py)."""
    path = os.environ.get("READER_TRACE")
    if path:
        with open(path, "a", encoding="utf-8") as stream:
            stream.write(f"{event} {time.time():.6f}\n")


class AnalysisReady(Message):
    """The analysis finished (``mentions`` is built in the worker, too).

    ``generation`` tells a current result from one a newer analysis replaced; ``select``
    is the text span whose mention to select (an entity just added).
    """

    def __init__(self, analysed: Analysed, mentions: MentionIndex, *, generation: int = 0,
                 select: tuple[int, int] | None = None) -> None:
        super().__init__()
        self.analysed = analysed
        self.mentions = mentions
        self.generation = generation
        self.select = select


class CorrectionSaved(Message):
    """A correction was saved; ``corrections`` is everything stored now."""

    def __init__(self, corrections: Corrections, done: str, *, reanalyse: bool,
                 select: tuple[int, int] | None = None) -> None:
        super().__init__()
        self.corrections = corrections
        self.done = done
        self.reanalyse = reanalyse
        self.select = select


class CorrectionFailed(Message):
    """A correction could not be saved (``error`` says why; nothing was changed)."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class AnalysisFailed(Message):
    """The analysis failed with ``error``."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class EntriesReady(Message):
    """Glossary entries arrived, keyed by entity key."""

    def __init__(self, entries: dict[str, GlossaryEntry], *, done: int = 0, total: int = 0,
                 final: bool = False) -> None:
        super().__init__()
        self.entries = entries
        self.done = done
        self.total = total
        self.final = final


class GlossaryFailed(Message):
    """The glossary could not be opened or a lookup raised ``error``."""

    def __init__(self, error: str, key: str | None = None) -> None:
        super().__init__()
        self.error = error
        self.key = key


class ReaderApp(App[None]):
    """Read one article with its entities highlighted and explained."""

    TITLE = "reader"
    CSS_PATH = "app.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        *keys.bindings("app"), *keys.bindings("corrections"),
    ]

    def __init__(self, article: Article, *, config: Config | None = None,
                 analyser: Analyser | None = None, glossary: Glossary | None = None) -> None:
        super().__init__()
        self.article = article
        self.config = config or Config()
        #: The reading session: analysis, glossary entries, corrections and export.
        self.session = Session(article, self.config, analyser=analyser, glossary=glossary)
        self.mentions: MentionIndex | None = None
        self._fetching: set[str] = set()
        self._shown_key: str | None = None
        self._retry_timer: Timer | None = None
        self._retry_in = 0
        self._recogniser = "analysing…"
        self._network = "offline" if self.config.offline else "online"
        self._progress = ""
        self._find_query = ""
        self._matches_limited = False
        self._generation = 0
        self._corrections_warning = ""
        self._busy = ""
        self._mark_hint = ""
        #: Pages seen for each entity (candidates and found pages), offered by ``c``.
        self._pages_seen: dict[str, dict[str, Candidate]] = {}

    # -- composition ------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            with Vertical(id="article-pane"):
                yield Static(Text(strip_escapes(self.article.title)), id="title")
                date = self.article.date.isoformat() if self.article.date else ""
                yield Static(Text(date), id="date")
                yield ArticleView(self.article, id="article")
                yield FindBar(id="find-bar")
            yield GlossaryPanel(id="panel")
        with Horizontal(id="status-bar"):
            yield Static("", id="status")
            yield Legend(id="legend")
        yield Footer()

    @property
    def view(self) -> ArticleView:
        """The article view."""
        return self.query_one(ArticleView)

    @property
    def panel(self) -> GlossaryPanel:
        """The glossary panel."""
        return self.query_one(GlossaryPanel)

    @property
    def find_bar(self) -> FindBar:
        """The find bar."""
        return self.query_one(FindBar)

    def on_mount(self) -> None:
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        self.sub_title = self.article.source
        self.view.focus()
        self.watch(self.view, "text_margin", self._align_header)
        self._update_status()
        self.call_after_refresh(_trace, "text")
        self.reanalyse()

    def on_unmount(self) -> None:
        with contextlib.suppress(Exception):  # closing never keeps the user from quitting
            self.session.close()

    @property
    def analysis(self) -> Analysis | None:
        """The current analysis (None while the recogniser runs)."""
        return self.session.analysis

    @property
    def entries(self) -> dict[str, GlossaryEntry]:
        """Glossary entries by entity key."""
        return self.session.entries

    @property
    def queries(self) -> dict[str, EntityQuery]:
        """Glossary queries by entity key."""
        return self.session.queries

    @property
    def corrections(self) -> Corrections:
        """The reader's corrections, as last read or saved."""
        return self.session.corrections

    # -- status line --------------------------------------------------------------------
    def _update_status(self) -> None:
        if self._mark_hint:
            self.query_one("#status", Static).update(Text(self._mark_hint))
            return
        parts = [self._recogniser]
        if self.analysis is not None:
            count = len(self.analysis.entities)
            parts.append(f"{count} entit{'y' if count == 1 else 'ies'}")
        parts.append(self._network)
        if self._progress:
            parts.append(self._progress)
        if self._busy:
            parts.append(self._busy)
        self.query_one("#status", Static).update(Text(" · ".join(parts)))

    @property
    def status_text(self) -> str:
        """The status line as plain text."""
        parts = [self._recogniser]
        if self.analysis is not None:
            parts.append(str(len(self.analysis.entities)))
        return " · ".join([*parts, self._network, self._progress])

    def _note_network(self) -> None:
        """Read the glossary's network state (online / offline / rate-limited)."""
        if self.config.offline:
            self._network = "offline"
        elif (glossary := self.session.glossary_opened) is not None:
            self._network = glossary.state.describe()

    # -- analysis -----------------------------------------------------------------------
    def reanalyse(self, select: tuple[int, int] | None = None) -> None:
        """Analyse the article (again) with the stored corrections, in a worker.

        ``select``: a text span whose mention to select when done (an entity just added).
        """
        self._generation += 1
        self._analyse(self._generation, select)

    @work(thread=True, exclusive=True, group="analysis")
    def _analyse(self, generation: int, select: tuple[int, int] | None = None) -> None:
        try:
            # A damaged corrections file: read without corrections, keep the file.
            analysed = self.session.analyse(strict=False)
            mentions = MentionIndex(analysed.analysis, len(self.article.text))
        except Exception as exc:  # any recogniser failure becomes a status, not a crash
            self.post_message(AnalysisFailed(f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(AnalysisReady(analysed, mentions, generation=generation,
                                        select=select))

    def on_analysis_ready(self, message: AnalysisReady) -> None:
        if message.generation != self._generation:
            return  # a newer analysis (after another correction) is on its way
        again = self.analysis is not None
        previous = self.view.selected
        previous_start = (self.mentions.mentions[previous].start
                          if previous is not None and self.mentions is not None else None)
        analysed = message.analysed
        self.session.adopt(analysed)
        self.mentions = message.mentions
        self._busy = ""
        if analysed.warning and analysed.warning != self._corrections_warning:
            self.notify(f"Not applied: {analysed.warning}. The file is left as it is.",
                        title="Corrections", severity="warning", timeout=10)
        self._corrections_warning = analysed.warning
        self._recogniser = strip_escapes(analysed.analysis.recogniser) or "recogniser"
        self.view.set_mentions(message.mentions)
        if again:
            self._restore_selection(message.select, previous_start)
        self._update_status()
        self.call_after_refresh(_trace, "highlights")
        if analysed.analysis.entities:
            self._prefetch(analysed.analysis)

    def _restore_selection(self, select: tuple[int, int] | None,
                           previous_start: int | None) -> None:
        """After a new analysis: select the added entity, or what was selected before."""
        mentions = self.mentions
        assert mentions is not None and self.analysis is not None
        index: int | None = None
        if select is not None:
            found = mentions.ranges.between(*select)
            index = found[0] if len(found) else None
            if index is None:
                name = self.article.text[select[0]:select[1]]
                self.notify(f"“{strip_escapes(name)}” was saved, but the recogniser does not "
                            "find it here as marked (mark whole words).", title="Add entity",
                            severity="warning", timeout=8)
        elif previous_start is not None:
            index = mentions.ranges.at(previous_start)
        self.panel.entity = None  # mention numbers changed: rebuild the panel's lists
        if index is not None:
            self.view.select(index, scroll=select is not None)
        elif self._shown_key is not None and self._shown_key in self.analysis.by_key():
            self.show_entity(self._shown_key)
        elif self._shown_key is not None:
            self._shown_key = None
            self.panel.clear()

    def on_analysis_failed(self, message: AnalysisFailed) -> None:
        self._busy = ""
        self._recogniser = "analysis failed"
        self._update_status()
        _trace("analysis-failed")
        self.notify(message.error, title="Analysis failed", severity="error", timeout=8)

    # -- glossary -----------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="prefetch")
    def _prefetch(self, analysis: Analysis) -> None:
        session = self.session
        try:
            queries = session.build_queries(analysis)
            session.queries = queries
            # Whatever is cached (even stale) shows at once; then fetch in batches.
            cached = session.cached_entries(queries)
            self.post_message(EntriesReady(cached, done=0, total=len(queries)))

            def progress(done: int, total: int) -> None:
                self.post_message(EntriesReady({}, done=done, total=total))

            # In a daemon thread: quitting never waits for a request in flight.
            found = run_detached(session.lookup_entries, queries, progress)
            self.post_message(EntriesReady(found, done=len(queries), total=len(queries),
                                           final=True))
        except Abandoned:  # the app is quitting; what arrived is in the cache
            return
        except Exception as exc:  # the glossary reports faults as entries; this is a bug
            self.post_message(GlossaryFailed(f"{type(exc).__name__}: {exc}"))

    @work(thread=True, group="lookup")
    def _lookup(self, key: str, query: EntityQuery, choose: str | None = None) -> None:
        try:
            entry = run_detached(self.session.lookup, query, choose=choose)
        except Abandoned:  # the app is quitting
            return
        except Exception as exc:  # network and cache faults: a status, never a crash
            self.post_message(GlossaryFailed(f"{type(exc).__name__}: {exc}", key))
            return
        self.post_message(EntriesReady({key: entry}))

    def on_entries_ready(self, message: EntriesReady) -> None:
        for key, entry in message.entries.items():
            self.entries[key] = entry
            self._fetching.discard(key)
            seen = self._pages_seen.setdefault(key, {})
            if entry.status is Status.FOUND and entry.title:
                seen.setdefault(entry.title, Candidate(entry.title, entry.description,
                                                       entry.url))
            for candidate in entry.candidates:
                seen.setdefault(candidate.title, candidate)
        self._note_network()
        if message.total:
            self._progress = "" if message.final or message.done >= message.total else \
                f"background {message.done}/{message.total}"
        self._update_status()
        shown = self._shown_key
        if shown is not None and (shown in message.entries or message.final):
            self._show_entry(shown)

    def on_glossary_failed(self, message: GlossaryFailed) -> None:
        error = GlossaryEntry(query="", lang=self.config.lang, status=Status.ERROR,
                              error=message.error)
        self._progress = ""
        self._network = "glossary unavailable" if not self.config.offline else "offline"
        if message.key is not None:
            failed = [message.key]
        else:
            failed = [key for key in self.queries if key not in self.entries]
            if self._shown_key is not None and self._shown_key not in self.entries:
                failed.append(self._shown_key)
        for key in failed:
            self._fetching.discard(key)
            self.entries[key] = error
        self._update_status()
        if self._shown_key is not None:
            self._show_entry(self._shown_key)

    def _fetch(self, key: str, *, choose: str | None = None, force: bool = False) -> None:
        query = self.queries.get(key)
        if query is None:
            return
        if choose is not None:
            query = replace(query, title=choose)
            self.queries[key] = query
        if key in self._fetching and not force and choose is None:
            return
        self._fetching.add(key)
        self._lookup(key, query, choose)

    def _show_entry(self, key: str) -> None:
        entry = self.entries.get(key)
        loading = key in self._fetching or (entry is None and bool(self._progress))
        retry_in = None
        if entry is not None and entry.retry_after is not None and entry.status is not \
                Status.FOUND:
            if self._retry_timer is None and key not in self._fetching:
                self._retry_in = max(1, round(entry.retry_after))
                self._retry_timer = self.set_interval(1, self._tick_retry)
            retry_in = self._retry_in
        self.panel.show_entry(entry, loading=loading, retry_in=retry_in)

    def _tick_retry(self) -> None:
        self._retry_in -= 1
        self._note_network()
        self._update_status()
        key = self._shown_key
        if key is None or self._retry_in > 0:
            if key is not None:
                self.panel.show_entry(self.entries.get(key), retry_in=self._retry_in)
            return
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None
        self._fetch(key, force=True)
        self._show_entry(key)

    def show_entity(self, key: str) -> None:
        """Show entity ``key`` in the panel, fetching its background if needed."""
        if self.mentions is None or self.analysis is None:
            return
        entity = self.analysis.by_key().get(key)
        if entity is None:
            return
        if key != self._shown_key and self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None
        self._shown_key = key
        self.panel.show_entity(entity, self.mentions, self.article.text)
        self.panel.show_note(self.corrections.note_for(entity.name))
        entry = self.entries.get(key)
        if entry is None and key in self.queries:
            self._fetch(key)
        self._show_entry(key)

    # -- article events -----------------------------------------------------------------
    @on(ArticleView.SelectionChanged)
    def _selection_changed(self, message: ArticleView.SelectionChanged) -> None:
        if message.index is not None and self.mentions is not None:
            self.show_entity(self.mentions.entities[message.index].key)

    def _align_header(self, margin: int) -> None:
        """Give the title and date the margins of the centred text column."""
        for name in ("#title", "#date"):
            widget = self.query_one(name)
            top, _, bottom, _ = widget.styles.padding
            widget.styles.padding = (top, margin, bottom, margin)

    @on(ArticleView.Activated)
    def _activated(self, message: ArticleView.Activated) -> None:
        if self.mentions is None:
            return
        self.show_entity(self.mentions.entities[message.index].key)
        self.panel.display = True
        for name in ("#meanings", "#mentions"):
            option_list = self.panel.query_one(name, OptionList)
            if option_list.display and option_list.option_count:
                option_list.focus()
                if option_list.highlighted is None:
                    option_list.highlighted = 0
                break

    @on(GlossaryPanel.MentionChosen)
    def _mention_chosen(self, message: GlossaryPanel.MentionChosen) -> None:
        self.view.select(message.index)
        self.view.focus()

    @on(GlossaryPanel.MeaningChosen)
    def _meaning_chosen(self, message: GlossaryPanel.MeaningChosen) -> None:
        self._fetch(message.key, choose=message.title)
        self._show_entry(message.key)

    @on(GlossaryPanel.Leave)
    def _leave_panel(self) -> None:
        self.view.focus()

    @on(GlossaryPanel.Retry)
    def _retry(self, message: GlossaryPanel.Retry) -> None:
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None
        self._fetch(message.key, force=True)
        self._show_entry(message.key)

    # -- find -----------------------------------------------------------------------------
    def action_find(self) -> None:
        """Open the find bar."""
        self.find_bar.open()

    @on(Input.Changed, "#find-input")
    def _find_changed(self, event: Input.Changed) -> None:
        self._find_query = event.value
        matches = find_all(self.article.text, event.value, MAX_MATCHES)
        self._matches_limited = len(matches) >= MAX_MATCHES
        current = None
        if len(matches):
            start, _ = self.view.visible_range()
            after = matches.next_after(start - 1)
            current = 0 if after is None else after
        self.view.set_matches(matches, current)
        self.find_bar.set_count(current, len(matches), self._matches_limited)

    def _step_match(self, step: int) -> None:
        matches = self.view.matches
        if not len(matches):
            self.bell()
            return
        current = self.view.current_match
        current = 0 if current is None else (current + step) % len(matches)
        self.view.set_matches(matches, current)
        self.find_bar.set_count(current, len(matches), self._matches_limited)

    @on(FindBar.Step)
    def _find_step(self, message: FindBar.Step) -> None:
        self._step_match(message.step)

    @on(FindBar.Closed)
    def _find_closed(self) -> None:
        self.view.focus()

    def action_find_next(self) -> None:
        """Go to the next match."""
        self._step_match(1)

    def action_find_previous(self) -> None:
        """Go to the previous match."""
        self._step_match(-1)

    # -- corrections ----------------------------------------------------------------------
    def selected_entity(self) -> Entity | None:
        """The entity of the selected mention, else the one shown in the panel."""
        if self.analysis is None:
            return None
        key = self._shown_key
        if self.view.selected is not None and self.mentions is not None:
            key = self.mentions.entities[self.view.selected].key
        return self.analysis.by_key().get(key) if key is not None else None

    def _entity_or_hint(self) -> Entity | None:
        entity = self.selected_entity()
        if entity is None:
            self.notify("Select an entity first (Tab, or click one).", timeout=3)
        return entity

    @work(thread=True, group="corrections")
    def _edit_corrections(self, change: Change, done: str,
                          select: tuple[int, int] | None = None) -> None:
        """Apply ``change`` to the stored corrections (locked, atomic) off the UI thread."""
        try:
            corrections = self.session.apply(change)
        except (ReaderError, OSError) as exc:
            self.post_message(CorrectionFailed(str(exc)))
            return
        if self.session.store.warning:  # saved, but e.g. the patterns copy is stale
            done = f"{done} ({self.session.store.warning})"
        self.post_message(CorrectionSaved(corrections, done, reanalyse=change.reanalyse,
                                          select=select))

    def on_correction_saved(self, message: CorrectionSaved) -> None:
        self.session.corrections = message.corrections
        self.notify(message.done, title="Corrections", timeout=5)
        if message.reanalyse:
            self._busy = "applying corrections…"
            self._update_status()
            self.reanalyse(message.select)
            return
        entity = self.panel.entity
        if entity is not None:
            self.panel.show_note(self.corrections.note_for(entity.name))

    def on_correction_failed(self, message: CorrectionFailed) -> None:
        self.notify(f"Not saved: {message.error}", title="Corrections", severity="error",
                    timeout=10)

    @on(ArticleView.MarkChanged)
    def _mark_changed(self, message: ArticleView.MarkChanged) -> None:
        if message.span is None:
            self._mark_hint = ""
        else:
            marked = " ".join(self.article.text[message.span[0]:message.span[1]].split())
            if len(marked) > 40:
                marked = marked[:39] + "…"
            self._mark_hint = (f"Mark “{strip_escapes(marked)}” · ←→↑↓ move · Shift+arrows "
                               "extend · Enter add entity · Esc cancel")
        self._update_status()

    @on(ArticleView.MarkDone)
    def _mark_done(self, message: ArticleView.MarkDone) -> None:
        name = self.article.text[message.start:message.end]
        label = "PER"
        if self.mentions is not None:
            found = self.mentions.ranges.between(message.start, message.end)
            if len(found):
                label = self.mentions.entities[found[0]].label
        self.push_screen(LabelScreen(name, label),
                         partial(self._label_chosen, (message.start, message.end)))

    def _label_chosen(self, span: tuple[int, int], choice: tuple[str, str] | None) -> None:
        self.view.set_mark(None)
        if choice is None:
            return
        name, label = choice
        self._edit_corrections(
            AddEntity(name, label),
            f"Added “{strip_escapes(name)}” ({label}): recognised in this and every later "
            "article.", select=span)

    def action_mark(self) -> None:
        """Start mark mode in the article (to add an entity)."""
        self.view.focus()
        self.view.action_mark()

    def action_hide_entity(self) -> None:
        """Hide the selected entity, in this article or in every article."""
        entity = self._entity_or_hint()
        if entity is not None:
            self.push_screen(HideScreen(entity.name), partial(self._hide_chosen, entity.name))

    def _hide_chosen(self, name: str, where: str | None) -> None:
        if where is None:
            return
        sha = self.article.sha256 if where == "article" else None
        place = "in this article" if sha else "in every article"
        self._edit_corrections(HideEntity(name, sha),
                               f"Hid “{strip_escapes(name)}” {place}. u shows it again.")

    def action_hidden_entities(self) -> None:
        """List the hidden entities; choosing one shows it again."""
        here = list(self.corrections.hidden_in.get(self.article.sha256, {}).values())
        everywhere = list(self.corrections.hidden.values())
        self.push_screen(HiddenScreen(here, everywhere), self._unhide_chosen)

    def _unhide_chosen(self, name: str | None) -> None:
        if name is None:
            return
        self._edit_corrections(UnhideEntity(name), f"“{strip_escapes(name)}” is shown again.")

    def action_choose_page(self) -> None:
        """Type or choose the glossary page of the selected entity."""
        entity = self._entity_or_hint()
        if entity is None:
            return
        if entity.key not in self.queries:
            self.notify("The glossary is still starting; try again in a moment.", timeout=3)
            return
        entry = self.entries.get(entity.key)
        title = entry.title if entry is not None and entry.status is Status.FOUND else ""
        candidates = [candidate for page, candidate in
                      self._pages_seen.get(entity.key, {}).items() if page != title]
        self.push_screen(PageScreen(entity.name, title, candidates),
                         partial(self._page_chosen, entity.key))

    def _page_chosen(self, key: str, title: str | None) -> None:
        if title is None:
            return
        self._fetch(key, choose=title)
        self._show_entry(key)
        query = self.queries.get(key)
        name = strip_escapes(query.name) if query is not None else ""
        self.notify(f"Glossary page for “{name}”: " +
                    (f"“{strip_escapes(title)}”" if title else "chosen by reader again"),
                    title="Corrections", timeout=4)

    def action_edit_note(self) -> None:
        """Write a personal note on the selected entity."""
        entity = self._entity_or_hint()
        if entity is not None:
            self.push_screen(NoteScreen(entity.name, self.corrections.note_for(entity.name)),
                             partial(self._note_written, entity.name))

    def _note_written(self, name: str, text: str | None) -> None:
        if text is None or text == self.corrections.note_for(name):
            return
        done = "Note saved." if text else "Note deleted."
        self._edit_corrections(SetNote(name, text), done)

    # -- other actions --------------------------------------------------------------------
    def action_help(self) -> None:
        """Show every key."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_index(self) -> None:
        """Open the entity index."""
        if self.analysis is None:
            self.notify("The entities are still being recognised…", timeout=3)
            return
        self.push_screen(IndexScreen(self.analysis.entities), self._index_chosen)

    def _index_chosen(self, key: str | None) -> None:
        if key is None or self.mentions is None:
            return
        index = self.mentions.first_of(key)
        if index is not None:
            self.view.select(index)
        self.view.focus()

    def action_toggle_panel(self) -> None:
        """Show or hide the glossary panel."""
        self.panel.display = not self.panel.display
        if not self.panel.display:
            self.view.focus()

    def action_cycle_theme(self) -> None:
        """Switch to the next theme."""
        names = sorted(name for name in self.available_themes if name != "textual-ansi")
        position = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(position + 1) % len(names)]
        self.notify(f"Theme: {self.theme}", timeout=2)

    def action_open_entity_page(self) -> None:
        """Open the selected entity's Wikipedia page in the browser (else copy the URL)."""
        entity = self._entity_or_hint()
        if entity is None:
            return
        entry = self.entries.get(entity.key)
        if entry is None:
            self.notify("Its background is still being fetched.", timeout=3)
            return
        from reader.app.browser import open_url

        open_url(self, entry.url if entry.ok else "", f"the page of {strip_escapes(entity.name)}")

    def action_open_source(self) -> None:
        """Open the article's web page: the URL it came from, else its canonical URL."""
        from reader.app.browser import open_url
        from reader.article import is_web_url

        source = self.article.source
        open_url(self, source if is_web_url(source) else self.article.url,
                 "the article's web page")

    def action_export(self) -> None:
        """Ask for a path (default beside the article) and write the annotated Markdown."""
        if self.analysis is None:
            self.notify("The entities are still being recognised…", timeout=3)
            return
        from reader.export import suggested_path

        default = str(suggested_path(self.article.source, "md", self.article.title))
        self.push_screen(ExportScreen(default), self._export_chosen)

    def _export_chosen(self, choice: tuple[str, bool] | None) -> None:
        if choice is not None:
            self._export(self.session.bundle(), *choice)

    @work(thread=True, group="export")
    def _export(self, bundle: ExportBundle, path: str, overwrite: bool) -> None:
        from reader.atomic import write_text

        try:
            text = bundle.render("md")
            write_text(path, text, overwrite=overwrite)
        except FileExistsError:
            self.call_from_thread(self.notify, f"{path} appeared meanwhile; not replaced.",
                                  title="Export", severity="warning")
            return
        except (OSError, ValueError) as exc:
            self.call_from_thread(self.notify, f"{path}: {exc}", title="Export failed",
                                  severity="error", timeout=8)
            return
        self.call_from_thread(self.notify, f"Wrote {path}", title="Export", timeout=4)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Command palette entries for the main actions."""
        yield from super().get_system_commands(screen)
        yield SystemCommand("Entity index", "All entities by type; type to filter",
                            self.action_index)
        yield SystemCommand("Find in article", "Highlight every match", self.action_find)
        yield SystemCommand("Next entity", "Select the next entity mention",
                            self.view.action_next_mention)
        yield SystemCommand("Jump to an entity", "Labels over the visible entities",
                            self.view.action_jump)
        yield SystemCommand("Toggle glossary panel", "Show or hide the background panel",
                            self.action_toggle_panel)
        yield SystemCommand("Next theme", "Cycle through the themes", self.action_cycle_theme)
        yield SystemCommand("Export Markdown", "Write an annotated Markdown copy",
                            self.action_export)
        yield SystemCommand("Add an entity…", "Mark words in the article (m), then its type",
                            self.action_mark)
        yield SystemCommand("Hide the selected entity…", "In this article or everywhere (x)",
                            self.action_hide_entity)
        yield SystemCommand("Show hidden entity…", "Hidden entities; show one again (u)",
                            self.action_hidden_entities)
        yield SystemCommand("Choose the glossary page…",
                            "Type a page title or pick another meaning (c)",
                            self.action_choose_page)
        yield SystemCommand("Write a note…", "Your note on the selected entity (a)",
                            self.action_edit_note)
        yield SystemCommand("Keys", "Every key of the reader", self.action_help)
