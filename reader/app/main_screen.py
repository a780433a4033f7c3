"""The main screen: composes the article, the glossary panel and the status line, and
routes what they report.

Start-up shows the text at once; the recogniser runs in a worker through the session
(:class:`reader.session.Session`, the same code as the commands') and its result comes
back as :class:`reader.app.messages.AnalysisReady`; then the glossary flow fetches the
background of every entity. The flows live in their own modules: find
(:mod:`reader.app.finding`), glossary (:mod:`reader.app.glossary_flow`) and corrections
(:mod:`reader.app.correcting`). Every worker's failure is handled here, in one place.
"""

from __future__ import annotations

import gc
from contextlib import closing
from threading import Thread
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static
from textual.worker import Worker, WorkerState, get_current_worker

from reader.app.article_view import ArticleView
from reader.app.correcting import CorrectionsFlow
from reader.app.finding import FindFlow
from reader.app.glossary_flow import GlossaryFlow
from reader.app.glossary_panel import GlossaryPanel
from reader.app.marks import MentionIndex
from reader.app.messages import (
    Activated,
    AnalysisProgress,
    AnalysisReady,
    ArticleLoaded,
    CorrectionSaved,
    LeavePanel,
    MentionChosen,
    SelectionChanged,
)
from reader.app.status_line import StatusLine
from reader.app.widgets import FindBar, Legend
from reader.article import title_in_text
from reader.sanitize import strip_escapes

if TYPE_CHECKING:
    from textual.timer import Timer

    from reader.app.app import ReaderApp
    from reader.session import ExportBundle

#: A cached analysis up to this size is read before the first frame (larger ones in the
#: analysis worker, after it); for a longer text, the cache is not even looked for then
#: (hashing the text would delay the first frame).
INLINE_CACHE_BYTES = 256 * 1024
INLINE_TEXT_CHARS = 500_000
#: Seconds the view rests after scrolling before the recogniser is sent there.
REFOCUS_DELAY = 0.2


class MainScreen(FindFlow, GlossaryFlow, CorrectionsFlow):
    """The article with its highlighted entities, the glossary panel and the status line."""

    _generation = 0
    _parts_added = False
    _corrections_warning = ""
    _refocus_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        self.view = ArticleView(self.article, id="article")
        self.find_bar = FindBar(id="find-bar")
        self.panel = GlossaryPanel(id="panel")
        self.status = StatusLine(id="status")
        with Horizontal(id="main"):
            with Vertical(id="article-pane"):
                # A title that opens the text is not shown twice (only the date line).
                yield Static(id="title")
                yield Static(id="date")
                yield self.view
            yield self.panel
        with Horizontal(id="status-bar"):
            yield self.status
            yield Legend(id="legend")
        # The footer's place (its keys come after the first frame in any case).
        yield Static(id="footer-space")

    def on_mount(self) -> None:
        self._show_header()
        self.status.network = "offline" if self.config.offline else "connecting…"
        self.view.focus()
        self.watch(self.view, "text_margin", self._align_header)
        self.watch(self.view, "scroll_y", self._scrolled, init=False)
        # The recogniser after the first frame: a thread importing spaCy would hold the
        # GIL meanwhile. A small cached analysis is drawn with the first frame. A long
        # text's recogniser is a child process: it starts loading now, on another core.
        # Of a long file only the start is here: the whole is read after the first frame.
        cached = not self.session.partial and self._adopt_cached()
        if not cached and not self.session.partial:
            self.session.prepare_analysis()
        self.call_after_refresh(self._after_first_frame, not cached)

    def _after_first_frame(self, analyse: bool) -> None:
        """Start what the first frame did not need: the garbage collector (``reader
        open`` starts without it; what start-up made is kept out of its sight), the
        analysis when none was cached, and the bytecode of reader's modules for the next
        start."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()
        self.add_hidden_parts()
        if self.session.partial:
            self._load_whole()  # the analysis starts when the whole article is here
        elif analyse:
            self.reanalyse()
        from reader.bytecode import refresh_bytecode  # the next start compiles nothing

        Thread(target=refresh_bytecode, name="bytecode", daemon=True).start()  # atomic writes

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def _load_whole(self) -> None:
        """Read the whole article of a long file whose start is shown."""
        self.post_message(ArticleLoaded(self.session.load_whole()))

    @on(ArticleLoaded)
    def _article_loaded(self, message: ArticleLoaded) -> None:
        """Show the whole article (the place on screen stays), then analyse it."""
        article = message.article
        self.session.adopt_article(article)
        gc.freeze()  # its blocks live as long as the app: no collection need scan them
        self._show_header()
        self.view.set_article(article)
        if self.find_bar.input.value:  # typed while the start was shown: the whole's matches
            self.find(self.find_bar.input.value)
        # From the cache, else by a recogniser child started then; the message goes on to
        # the app, which restores the reading position.
        self.reanalyse()

    def _show_header(self) -> None:
        """The title (unless the text opens with it) and the date above the text."""
        title = self.query_one("#title", Static)
        title.update(Text(strip_escapes(self.article.title)))
        title.set_class(title_in_text(self.article), "-in-text")
        date = self.article.date.isoformat() if self.article.date else ""
        self.query_one("#date", Static).update(Text(date))

    def add_hidden_parts(self) -> None:
        """Mount the widgets the first frame hides (the find bar, the panel's lists and
        body) and the footer, whose keys never come with the first frame: styling them
        would delay it. Used at once by what shows them first."""
        if self._parts_added:
            return
        self._parts_added = True
        from reader.app.footer import ReaderFooter

        self.query_one("#article-pane").mount(self.find_bar)
        self.mount(ReaderFooter())
        self.query_one("#footer-space").remove()
        self.panel.add_parts()

    def _adopt_cached(self) -> bool:
        """Adopt a small cached analysis at once, so the first frame has the highlights
        (no recogniser is loaded); False when there is none."""
        if len(self.article.text) > INLINE_TEXT_CHARS:
            return False
        analysed = self.session.cached_analysis(max_bytes=INLINE_CACHE_BYTES)
        if analysed is None:
            return False
        self._generation += 1
        mentions = MentionIndex(analysed.analysis, len(self.article.text))
        message = AnalysisReady(analysed, mentions, self._generation, None)
        self._analysis_ready(message)  # now: the first frame has the highlights
        self.app.post_message(message)  # what the app does with an analysis (no bubbling)
        return True

    def _align_header(self, margin: int) -> None:
        """Give the title and date the margins of the centred text column."""
        for name in ("#title", "#date"):
            widget = self.query_one(name)
            top, _, bottom, _ = widget.styles.padding
            widget.styles.padding = (top, margin, bottom, margin)

    # -- analysis -----------------------------------------------------------------------
    def reanalyse(self, select: tuple[int, int] | None = None) -> None:
        """Analyse the article (again) with the stored corrections, in a worker.

        ``select``: a text span whose mention to select when done (an entity just added).
        While only the start of a long file is here, its whole is analysed when it comes.
        """
        if self.session.partial:
            return
        self._generation += 1
        self._analyse(self._generation, select, self.view.visible_range())

    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False)
    def _analyse(self, generation: int, select: tuple[int, int] | None = None,
                 first: tuple[int, int] = (0, 0)) -> None:
        # A damaged corrections file: read without corrections, keep the file. A long
        # text comes in steps: the pieces on screen (``first``) first.
        worker = get_current_worker()
        with closing(self.session.analyse_progressively(first, strict=False)) as steps:
            for analysed, done, total in steps:
                if worker.is_cancelled:
                    return  # closing the steps stops the recogniser
                mentions = MentionIndex(analysed.analysis, len(self.article.text))
                if done < total:
                    self.post_message(AnalysisProgress(analysed, mentions, generation,
                                                       done, total))
                else:
                    self.post_message(AnalysisReady(analysed, mentions, generation, select))

    def _scrolled(self) -> None:
        """While a long text is still being recognised, recognise where the reader went
        next (once the scrolling rests for a moment)."""
        if self.session.analysis is None:  # (a no-op unless a recogniser child runs)
            if self._refocus_timer is not None:
                self._refocus_timer.stop()
            self._refocus_timer = self.set_timer(REFOCUS_DELAY, self._refocus)

    def _refocus(self) -> None:
        self._refocus_timer = None
        self.session.refocus(*self.view.visible_range())

    @on(AnalysisProgress)
    def _analysis_progress(self, message: AnalysisProgress) -> None:
        """Highlight what is recognised so far (not adopted: the index, export and glossary
        wait for the final analysis)."""
        if message.generation != self._generation or self.session.analysis is not None:
            return  # a newer analysis is on its way, or the current one stays until then
        previous = self.view.selected
        start = (self.mentions.mentions[previous].start
                 if previous is not None and self.mentions is not None else None)
        self.mentions = message.mentions
        self.status.recogniser = (strip_escapes(message.analysed.analysis.recogniser)
                                  or "recogniser")
        self.status.entities = len(message.analysed.analysis.entities)
        self.status.busy = f"recognising {100 * message.done // message.total}%"
        self.view.set_mentions(message.mentions)
        if start is not None:
            index = message.mentions.ranges.at(start)
            if index is not None:
                self.view.select(index, scroll=False)

    @on(AnalysisReady)
    def _analysis_ready(self, message: AnalysisReady) -> None:
        if message.generation != self._generation:
            return  # a newer analysis (after another correction) is on its way
        again = self.session.analysis is not None or self.view.selected is not None
        previous = self.view.selected
        previous_start = (self.mentions.mentions[previous].start
                          if previous is not None and self.mentions is not None else None)
        analysed = message.analysed
        self.session.adopt(analysed)
        self.mentions = message.mentions
        if analysed.warning and analysed.warning != self._corrections_warning:
            self.notify(f"Not applied: {analysed.warning}. The file is left as it is.",
                        title="Corrections", severity="warning", timeout=10)
        self._corrections_warning = analysed.warning
        self.status.busy = ""
        self.status.recogniser = strip_escapes(analysed.analysis.recogniser) or "recogniser"
        self.status.entities = len(analysed.analysis.entities)
        self.view.set_mentions(message.mentions)
        if again:
            self._restore_selection(message.select, previous_start)
        if analysed.analysis.entities:  # after the highlights are drawn
            self.call_after_refresh(self.prefetch, analysed.analysis)

    def _restore_selection(self, select: tuple[int, int] | None,
                           previous_start: int | None) -> None:
        """After a new analysis: select the added entity, or what was selected before."""
        mentions = self.mentions
        assert mentions is not None and self.session.analysis is not None
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
        elif self.shown_key is not None and self.shown_key in self.session.analysis.by_key():
            self.show_entity(self.shown_key)
        elif self.shown_key is not None:
            self.shown_key = None
            self.panel.clear()

    @on(CorrectionSaved)
    def _correction_saved(self, message: CorrectionSaved) -> None:
        self._unsaved_note = None
        self.session.corrections = message.corrections
        self.notify(message.done, title="Corrections", timeout=5)
        if message.reanalyse:
            self.status.busy = "applying corrections…"
            self.reanalyse(message.select)
            return
        entity = self.panel.entity
        if entity is not None:
            self.panel.show_note(self.session.corrections.note_for(entity.name))

    # -- failures of every worker -------------------------------------------------------
    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state is not WorkerState.ERROR or worker.node is not self:
            return
        error = worker.error
        text = f"{type(error).__name__}: {error}"
        if worker.group == "analysis":  # any recogniser failure is a status, not a crash
            self.status.busy = ""
            self.status.recogniser = "analysis failed"
            self.notify(text, title="Analysis failed", severity="error", timeout=8)
        elif worker.group == "prefetch":  # the glossary reports faults as entries: a bug
            self.glossary_failed(text)
        elif worker.group == "lookup":  # network and cache faults: a status, never a crash
            self.glossary_failed(text, worker.name)
        elif worker.group == "article":  # the rest of the file is unreadable: as at start
            cast("ReaderApp", self.app).load_error = str(error)
            self.app.exit(return_code=2)
        elif worker.group == "find":  # a bug: the find bar says so, the app goes on
            self.find_bar.counter.update("find failed")
            self.notify(text, title="Find failed", severity="error", timeout=8)
        elif worker.group == "corrections":
            self.correction_failed(str(error))
        elif worker.group == "export" and isinstance(error, FileExistsError):
            self.notify(f"{worker.name} appeared meanwhile; not replaced.", title="Export",
                        severity="warning")
        elif worker.group == "export":
            self.notify(f"{worker.name}: {error}", title="Export failed", severity="error",
                        timeout=8)

    # -- article and panel events -------------------------------------------------------
    @on(SelectionChanged)
    def _selection_changed(self, message: SelectionChanged) -> None:
        if message.index is not None and self.mentions is not None:
            self.show_entity(self.mentions.entities[message.index].key)

    @on(Activated)
    def _activated(self, message: Activated) -> None:
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

    @on(MentionChosen)
    def _mention_chosen(self, message: MentionChosen) -> None:
        self.view.select(message.index)
        self.view.focus()

    @on(LeavePanel)
    def _leave_panel(self) -> None:
        self.view.focus()

    # -- index, panel, export -----------------------------------------------------------
    def action_index(self) -> None:
        """Open the entity index."""
        from glossary.models import Status
        from reader.app.index_screen import IndexScreen

        if self.session.analysis is None:
            self.notify("The entities are still being recognised…", timeout=3)
            return
        entries = self.session.entries
        descriptions = {key: entry.description for key, entry in entries.items()
                        if entry.status is Status.FOUND and entry.description}
        visible: set[str] = set()
        if self.mentions is not None:
            start, end = self.view.visible_range()
            visible = {self.mentions.entities[index].key
                       for index in self.mentions.ranges.between(start, end)}
        self.app.push_screen(IndexScreen(self.session.analysis.entities,
                                         descriptions=descriptions, text=self.article.text,
                                         visible=visible), self.jump_to_entity)

    def jump_to_entity(self, key: str | None) -> None:
        """Select the first mention of entity ``key`` (None: nothing) and focus the text."""
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

    def action_open_entity_page(self) -> None:
        """Open the selected entity's Wikipedia page in the browser (else copy the URL)."""
        entity = self._entity_or_hint()
        if entity is None:
            return
        entry = self.session.entries.get(entity.key)
        if entry is None:
            self.notify("Its background is still being fetched.", timeout=3)
            return
        from reader.app.browser import open_url

        open_url(self.app, entry.url if entry.ok else "",
                 f"the page of {strip_escapes(entity.name)}")

    def action_open_source(self) -> None:
        """Open the article's web page: the URL it came from, else its canonical URL."""
        from reader.app.browser import open_url
        from reader.article import is_web_url

        source = self.article.source
        open_url(self.app, source if is_web_url(source) else self.article.url,
                 "the article's web page")

    def action_export(self) -> None:
        """Ask for a path (default beside the article) and write the annotated Markdown."""
        if self.session.analysis is None:
            self.notify("The entities are still being recognised…", timeout=3)
            return
        from reader.app.screens import ExportScreen
        from reader.export import suggested_path

        default = str(suggested_path(self.article.source, "md", self.article.title))
        self.app.push_screen(ExportScreen(default), self._export_chosen)

    def _export_chosen(self, choice: tuple[str, bool, str, str] | None) -> None:
        if choice is not None:
            path, overwrite, fmt, style = choice
            bundle = self.session.bundle()
            self.run_worker(lambda: self._export(bundle, path, overwrite, fmt, style),
                            name=path, group="export", thread=True, exit_on_error=False)

    def _export(self, bundle: ExportBundle, path: str, overwrite: bool, fmt: str = "md",
                style: str = "links") -> None:
        from reader.atomic import write_text

        write_text(path, bundle.render(fmt, style=style or "links"), overwrite=overwrite)
        self.app.call_from_thread(self.notify, f"Wrote {path}", title="Export", timeout=4)
