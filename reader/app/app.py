"""The reader application: the article, its highlighted entities and the glossary panel.

Start-up shows the text at once; the recogniser (spaCy can take a second to import) runs
in a thread worker and its result comes back as a message. Then a second worker fetches
the background of every entity through the glossary (serial, batched), so moving between
entities is instant. Network faults become panel states, never crashes.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
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

from glossary.models import EntityQuery, GlossaryEntry, Status
from reader.analysis.model import Analysis
from reader.app import keys
from reader.app.article_view import ArticleView
from reader.app.glossary_panel import GlossaryPanel
from reader.app.marks import MentionIndex, find_all
from reader.app.screens import ExportScreen, HelpScreen, IndexScreen
from reader.app.widgets import FindBar, Legend
from reader.article import Article
from reader.config import Config
from reader.sanitize import strip_escapes

if TYPE_CHECKING:
    from glossary.service import Glossary

#: Analyses a text (the default imports :mod:`reader.analysis` inside the worker).
Analyser = Callable[[str], Analysis]
#: Most find matches highlighted.
MAX_MATCHES = 100_000


def _trace(event: str) -> None:
    """Append ``event`` and the time to ``$READER_TRACE`` (used by bench/app_startup.py)."""
    path = os.environ.get("READER_TRACE")
    if path:
        with open(path, "a", encoding="utf-8") as stream:
            stream.write(f"{event} {time.time():.6f}\n")


class AnalysisReady(Message):
    """The analysis finished (``mentions`` is built in the worker, too)."""

    def __init__(self, analysis: Analysis, mentions: MentionIndex) -> None:
        super().__init__()
        self.analysis = analysis
        self.mentions = mentions


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
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("app")  # type: ignore[assignment]

    def __init__(self, article: Article, *, config: Config | None = None,
                 analyser: Analyser | None = None, glossary: Glossary | None = None) -> None:
        super().__init__()
        self.article = article
        self.config = config or Config()
        self._analyser = analyser
        self._glossary: Glossary | None = glossary
        self.analysis: Analysis | None = None
        self.mentions: MentionIndex | None = None
        self.queries: dict[str, EntityQuery] = {}
        self.entries: dict[str, GlossaryEntry] = {}
        self._fetching: set[str] = set()
        self._shown_key: str | None = None
        self._retry_timer: Timer | None = None
        self._retry_in = 0
        self._recogniser = "analysing…"
        self._network = "offline" if self.config.offline else "online"
        self._progress = ""
        self._find_query = ""
        self._matches_limited = False

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
        self._update_status()
        self.call_after_refresh(_trace, "text")
        self._analyse()

    def on_unmount(self) -> None:
        if self._glossary is not None:
            with contextlib.suppress(Exception):  # closing never keeps the user from quitting
                self._glossary.close()

    # -- status line --------------------------------------------------------------------
    def _update_status(self) -> None:
        parts = [self._recogniser]
        if self.analysis is not None:
            count = len(self.analysis.entities)
            parts.append(f"{count} entit{'y' if count == 1 else 'ies'}")
        parts.append(self._network)
        if self._progress:
            parts.append(self._progress)
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
        elif self._glossary is not None:
            self._network = self._glossary.state.describe()

    # -- analysis -----------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="analysis")
    def _analyse(self) -> None:
        text = self.article.text
        try:
            if self._analyser is not None:
                analysis = self._analyser(text)
            else:
                from reader.analysis import analyse  # heavy: imported off the UI thread

                analysis = analyse(text, model=self.config.model)
            mentions = MentionIndex(analysis, len(text))
        except Exception as exc:  # any recogniser failure becomes a status, not a crash
            self.post_message(AnalysisFailed(f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(AnalysisReady(analysis, mentions))

    def on_analysis_ready(self, message: AnalysisReady) -> None:
        self.analysis = message.analysis
        self.mentions = message.mentions
        self._recogniser = strip_escapes(message.analysis.recogniser) or "recogniser"
        self.view.set_mentions(message.mentions)
        self._update_status()
        self.call_after_refresh(_trace, "highlights")
        if message.analysis.entities:
            self._prefetch()

    def on_analysis_failed(self, message: AnalysisFailed) -> None:
        self._recogniser = "analysis failed"
        self._update_status()
        _trace("analysis-failed")
        self.notify(message.error, title="Analysis failed", severity="error", timeout=8)

    # -- glossary -----------------------------------------------------------------------
    def _open_glossary(self) -> Glossary:
        """The glossary (built on first use, in a worker thread)."""
        if self._glossary is None:
            from reader.lookup import glossary_for

            self._glossary = glossary_for(self.config)
        return self._glossary

    def _build_queries(self) -> dict[str, EntityQuery]:
        """One glossary query per entity (``queries_for`` keeps the entities' order)."""
        from reader.lookup import queries_for

        assert self.analysis is not None
        entities = self.analysis.entities
        queries = queries_for(self.article, self.analysis, self.config.lang)
        if len(queries) == len(entities):
            return {entity.key: query for entity, query in zip(entities, queries, strict=True)}
        by_name = {query.name: query for query in queries}
        return {e.key: by_name[e.name] for e in entities if e.name in by_name}

    @work(thread=True, exclusive=True, group="prefetch")
    def _prefetch(self) -> None:
        try:
            glossary = self._open_glossary()
            queries = self._build_queries()
            self.queries = queries
            keys_by_name: dict[str, list[str]] = {}
            for key, query in queries.items():
                keys_by_name.setdefault(query.name, []).append(key)
            # Whatever is cached (even stale) shows at once; then fetch in batches.
            cached: dict[str, GlossaryEntry] = {}
            for key, query in queries.items():
                entry = glossary.cached(query)
                if entry is not None:
                    cached[key] = entry
            self.post_message(EntriesReady(cached, done=0, total=len(queries)))

            def progress(done: int, total: int) -> None:
                self.post_message(EntriesReady({}, done=done, total=total))

            results = glossary.lookup_many(list(queries.values()), progress=progress)
            found = {key: entry for name, entry in results.items()
                     for key in keys_by_name.get(name, ())}
            self.post_message(EntriesReady(found, done=len(queries), total=len(queries),
                                           final=True))
        except Exception as exc:  # the glossary reports faults as entries; this is a bug
            self.post_message(GlossaryFailed(f"{type(exc).__name__}: {exc}"))

    @work(thread=True, group="lookup")
    def _lookup(self, key: str, query: EntityQuery, choose: str | None = None) -> None:
        try:
            glossary = self._open_glossary()
            if choose is not None:
                glossary.choose(query.name, query.lang, choose)
            entry = glossary.lookup(query)
        except Exception as exc:  # network and cache faults: a status, never a crash
            self.post_message(GlossaryFailed(f"{type(exc).__name__}: {exc}", key))
            return
        self.post_message(EntriesReady({key: entry}))

    def on_entries_ready(self, message: EntriesReady) -> None:
        for key, entry in message.entries.items():
            self.entries[key] = entry
            self._fetching.discard(key)
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
        entry = self.entries.get(key)
        if entry is None and key in self.queries:
            self._fetch(key)
        self._show_entry(key)

    # -- article events -----------------------------------------------------------------
    @on(ArticleView.SelectionChanged)
    def _selection_changed(self, message: ArticleView.SelectionChanged) -> None:
        if message.index is not None and self.mentions is not None:
            self.show_entity(self.mentions.entities[message.index].key)

    @on(ArticleView.MarginChanged)
    def _align_header(self, message: ArticleView.MarginChanged) -> None:
        for name in ("#title", "#date"):
            widget = self.query_one(name)
            top, right, bottom, _ = widget.styles.padding
            widget.styles.padding = (top, right, bottom, message.margin)

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
            self._export(*choice)

    @work(thread=True, group="export")
    def _export(self, path: str, overwrite: bool) -> None:
        import datetime as dt

        from reader.atomic import write_text
        from reader.export import to_markdown

        assert self.analysis is not None
        entities = self.analysis.by_key()
        entries = {entities[key].name: entry for key, entry in list(self.entries.items())
                   if key in entities}
        try:
            text = to_markdown(self.article, self.analysis, entries,
                               exported_at=dt.datetime.now(dt.UTC))
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
        yield SystemCommand("Keys", "Every key of the reader", self.action_help)
