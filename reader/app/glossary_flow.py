"""The main screen's glossary flow: prefetch every entity, look one up again, show entries.

Workers run the session's glossary calls (:class:`reader.session.Session`) and post the
entries, by entity key; their failures reach :meth:`GlossaryFlow.glossary_failed` through
the main screen's one worker handler. Network faults become panel states, never crashes.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual import on, work

from glossary.status import Status
from reader.analysis.model import Analysis
from reader.app.detached import Abandoned, run_detached
from reader.app.messages import (
    EntriesReady,
    GlossaryNotice,
    LookupProgress,
    MeaningChosen,
    Retry,
    RetryTick,
)
from reader.app.screen_base import ScreenBase

if TYPE_CHECKING:
    from glossary.models import EntityQuery


class GlossaryFlow(ScreenBase):
    """Glossary entries for the article's entities, and the panel that shows them."""

    # -- workers ------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="prefetch", exit_on_error=False)
    def prefetch(self, analysis: Analysis) -> None:
        """Cached entries at once (even stale), then every entity's entry in batches."""
        session = self.session
        session.glossary.on_notice = self._post_notice
        queries = session.build_queries(analysis)
        session.queries = queries
        self.post_message(EntriesReady(session.cached_entries(queries)))
        self.post_message(LookupProgress(0, len(queries)))

        def progress(done: int, total: int) -> None:
            self.post_message(LookupProgress(done, total))

        try:  # in a daemon thread: quitting never waits for a request in flight
            found = run_detached(session.lookup_entries, queries, progress)
        except Abandoned:  # the app is quitting; what arrived is in the cache
            return
        self.post_message(EntriesReady(found, final=True))

    def _lookup(self, key: str, query: EntityQuery, choose: str | None) -> None:
        def job() -> None:
            try:
                entry = run_detached(self.session.lookup, query, choose=choose)
            except Abandoned:  # the app is quitting
                return
            self.post_message(EntriesReady({key: entry}))

        self.run_worker(job, name=key, group="lookup", thread=True, exit_on_error=False)

    def fetch(self, key: str, *, choose: str | None = None, force: bool = False) -> None:
        """Look entity ``key`` up (again); ``choose`` saves and uses the reader's page."""
        query = self.session.queries.get(key)
        if query is None:
            return
        if choose is not None:
            query = replace(query, title=choose)
            self.session.queries[key] = query
        if key in self.fetching and not force and choose is None:
            return
        self.fetching.add(key)
        self._lookup(key, query, choose)

    # -- results ------------------------------------------------------------------------
    def _post_notice(self, text: str) -> None:  # from the glossary's thread
        self.post_message(GlossaryNotice(text))

    @on(GlossaryNotice)
    def _glossary_notice(self, message: GlossaryNotice) -> None:
        self.notify(message.text, title="Glossary", timeout=10)

    @on(EntriesReady)
    def _entries_ready(self, message: EntriesReady) -> None:
        from glossary.models import Candidate  # the model classes after the first frame

        for key, entry in message.entries.items():
            self.session.entries[key] = entry
            self.fetching.discard(key)
            seen = self.pages_seen.setdefault(key, {})
            if entry.status is Status.FOUND and entry.title:
                seen.setdefault(entry.title, Candidate(entry.title, entry.description,
                                                       entry.url))
            for candidate in entry.candidates:
                seen.setdefault(candidate.title, candidate)
        if message.final or not self.session.queries or len(message.entries) == 1:
            self.note_network()  # not for the cache's answer: nothing was asked yet
        self.status.errors = sum(1 for entry in self.session.entries.values()
                                 if entry.status is Status.ERROR)
        if message.final:
            self.status.progress = ""
        shown = self.shown_key
        if shown is not None and (shown in message.entries or message.final):
            self.show_entry(shown)

    @on(LookupProgress)
    def _lookup_progress(self, message: LookupProgress) -> None:
        done = message.done >= message.total
        self.status.progress = "" if done else f"background {message.done}/{message.total}"
        if message.done:
            self.note_network()

    def glossary_failed(self, error: str, key: str | None = None) -> None:
        """A glossary worker failed: its entities say so (``key``: one lookup's entity)."""
        from glossary.models import GlossaryEntry

        failed_entry = GlossaryEntry(query="", lang=self.config.lang, status=Status.ERROR,
                                     error=error)
        self.status.progress = ""
        self.status.network = "glossary unavailable" if not self.config.offline else "offline"
        if key is not None:
            failed = [key]
        else:
            failed = [k for k in self.session.queries if k not in self.session.entries]
            if self.shown_key is not None and self.shown_key not in self.session.entries:
                failed.append(self.shown_key)
        for name in failed:
            self.fetching.discard(name)
            self.session.entries[name] = failed_entry
        self.status.errors = sum(1 for entry in self.session.entries.values()
                                 if entry.status is Status.ERROR)
        if self.shown_key is not None:
            self.show_entry(self.shown_key)

    def note_network(self) -> None:
        """Read the glossary's network state (online / offline / rate-limited)."""
        if self.config.offline:
            self.status.network = "offline"
        elif (glossary := self.session.glossary_opened) is not None:
            self.status.network = glossary.state.describe()

    # -- the panel ----------------------------------------------------------------------
    def show_entry(self, key: str) -> None:
        """Show the entry of entity ``key`` (or that it is being fetched)."""
        entry = self.session.entries.get(key)
        loading = key in self.fetching or (entry is None and bool(self.status.progress))
        query = self.session.queries.get(key)
        self.panel.show_entry(entry, loading=loading,
                              meanings=list(self.pages_seen.get(key, {}).values()),
                              chosen=(query.title or "") if query is not None else "")

    def show_entity(self, key: str) -> None:
        """Show entity ``key`` in the panel, fetching its background if needed."""
        if self.mentions is None or self.session.analysis is None:
            return
        entity = self.session.analysis.by_key().get(key)
        if entity is None:
            return
        self.shown_key = key
        self.panel.show_entity(entity, self.mentions, self.article.text, self.view.selected)
        self.panel.show_note(self.session.corrections.note_for(entity.name))
        if self.session.entries.get(key) is None and key in self.session.queries:
            self.fetch(key)
        self.show_entry(key)

    def action_retry_failed(self) -> None:
        """Fetch every entry that failed again (in batches), else the shown one."""
        failed = [key for key, entry in self.session.entries.items()
                  if entry.status is Status.ERROR and key in self.session.queries]
        self.panel.stop_countdown()
        if not failed:
            if self.shown_key is None:
                self.notify("Nothing failed; nothing to fetch again.", timeout=3)
                return
            self.fetch(self.shown_key, force=True)
            self.show_entry(self.shown_key)
            return
        if self.session.analysis is None:
            return
        self.fetching.update(failed)
        self.notify(f"Fetching {len(failed)} failed entr{'y' if len(failed) == 1 else 'ies'} "
                    "again…", timeout=3)
        self.prefetch(self.session.analysis)
        if self.shown_key is not None:
            self.show_entry(self.shown_key)

    @on(MeaningChosen)
    def _meaning_chosen(self, message: MeaningChosen) -> None:
        self.fetch(message.key, choose=message.title)
        self.show_entry(message.key)

    @on(Retry)
    def _retry(self, message: Retry) -> None:
        self.panel.stop_countdown()
        self.fetch(message.key, force=True)
        self.show_entry(message.key)

    @on(RetryTick)
    def _retry_tick(self) -> None:
        self.note_network()
