"""A reading session: one article with its analysis, glossary entries and notes.

Every front end goes through :class:`Session`: the app (in its workers), ``reader
entities``, ``reader prefetch`` and ``reader export``. The workflow is

    article --analyse()--> Analysed (analysis with the reader's corrections)
            --build_queries()--> glossary queries by entity key
            --lookup_entries() / cached_entries()--> glossary entries by entity key
            --bundle()--> ExportBundle (entries and notes by entity key) --> Markdown / JSON

and corrections are change objects (:mod:`reader.session.changes`) applied with
:meth:`Session.apply`. The methods that do work (``analyse``, ``build_queries``, ``*_entries``,
``lookup``, ``apply``) read the session's article, configuration and store but change no
state, so they are safe in a worker thread; a front end adopts their results on its own
thread (:meth:`adopt`, or by assigning :attr:`entries`). Imports no Textual.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Generator, Mapping
from contextlib import closing
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from glossary.status import Status
from reader.analysis.model import Analysis
from reader.article import Article
from reader.config import Config
from reader.corrections import Corrections, CorrectionsStore, store_for
from reader.errors import ReaderError

if TYPE_CHECKING:
    from glossary.models import EntityQuery, GlossaryEntry
    from glossary.service import Glossary
    from reader.analysis.process import RecogniserProcess
    from reader.session.bundle import ExportBundle
    from reader.session.changes import Change

#: Analyses a text without the reader's corrections (tests and benchmarks inject one; the
#: default is the configured recogniser with the reader's added names).
Analyser = Callable[[str], Analysis]
#: ``progress(done, total)`` while glossary entries are looked up.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Analysed:
    """An analysis with the corrections it was made with (``warning``: why they could
    not be read, when the session was asked to go on without them)."""

    analysis: Analysis
    corrections: Corrections
    warning: str = ""


class Session:
    """The article, its analysis with the reader's corrections, glossary entries and notes.

    ``analyser`` replaces the recogniser (hidden names are still removed); ``glossary``
    replaces the one built from the configuration on first use. Close the session (or use
    it as a context manager) to close the glossary.
    """

    def __init__(self, article: Article, config: Config | None = None, *,
                 analyser: Analyser | None = None, glossary: Glossary | None = None,
                 store: CorrectionsStore | None = None,
                 whole: Callable[[], Article] | None = None) -> None:
        self.article = article
        #: Reads the whole article when ``article`` is only the start of a long file
        #: (:mod:`reader.article_start`): see :meth:`load_whole` and :meth:`adopt_article`.
        self._whole = whole
        self.config = config or Config()
        self.store = store or store_for(self.config)
        self._analyser = analyser
        self._glossary = glossary
        #: The corrections the current analysis was made with (or saved since).
        self.corrections = Corrections()
        #: The current analysis (None until :meth:`adopt`).
        self.analysis: Analysis | None = None
        #: Glossary queries and entries by entity key.
        self.queries: dict[str, EntityQuery] = {}
        self.entries: dict[str, GlossaryEntry] = {}
        #: The corrections' patterns and the recogniser started by :meth:`prepare_analysis`.
        self._prepared: tuple[list[dict[str, Any]], RecogniserProcess | None] | None = None
        self._running: RecogniserProcess | None = None

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the glossary, if one was opened, and stop a recogniser still running."""
        process = sys.modules.get("reader.analysis.process")
        if process is not None:
            process.stop_all()
        if self._glossary is not None:
            self._glossary.close()

    # -- the article ----------------------------------------------------------------------
    @property
    def partial(self) -> bool:
        """True while :attr:`article` is only the start of the file (nothing is analysed
        until the whole is adopted)."""
        return self._whole is not None

    def load_whole(self) -> Article:
        """Read the whole article of a session that has its start only (changes nothing:
        safe in a worker). Raises :class:`ReaderError` as :func:`reader.article.load`."""
        if self._whole is None:
            return self.article
        return self._whole()

    def adopt_article(self, article: Article) -> None:
        """Make ``article`` (from :meth:`load_whole`) the session's article."""
        self.article = article
        self._whole = None

    # -- analysis -----------------------------------------------------------------------
    def load_corrections(self, *, strict: bool = True) -> tuple[Corrections, str]:
        """The stored corrections and ``""``; unless ``strict``, an unreadable file gives
        no corrections and the reason (the file is left as it is)."""
        try:
            return self.store.load(), ""
        except ReaderError as exc:
            if strict:
                raise
            return Corrections(), str(exc)

    def analyse(self, *, strict: bool = True) -> Analysed:
        """Recognise and cluster the article's entities with the stored corrections.

        Changes nothing (safe in a worker); :meth:`adopt` makes the result current.
        """
        from reader.pipeline import analyse_article, apply_hidden

        corrections, warning = self.load_corrections(strict=strict)
        if self._analyser is not None:
            analysis = apply_hidden(self._analyser(self.article.text), corrections,
                                    self.article.sha256)
        else:
            analysis = analyse_article(self.article, self.config, corrections)
        return Analysed(analysis, corrections, warning)

    def prepare_analysis(self) -> None:
        """For a long text, start loading the recogniser (a child process) now, while the
        front end draws; :meth:`analyse_progressively` then uses it."""
        if self._analyser is not None or self._prepared is not None:
            return
        from reader.pipeline import start_recogniser

        corrections, _ = self.load_corrections(strict=False)
        self._prepared = (corrections.patterns(),
                          start_recogniser(self.article, self.config, corrections))

    def analyse_progressively(
            self, first: tuple[int, int] = (0, 0), *,
            strict: bool = True) -> Generator[tuple[Analysed, int, int], None, None]:
        """:meth:`analyse` in steps: ``(analysed, done, total)`` for provisional analyses
        of the pieces of a long text recognised so far (those holding the text range
        ``first`` come first), then the final one (``done == total``), which equals what
        :meth:`analyse` gives. A cached analysis (or an injected analyser's) is final at once.
        The recogniser runs in a child process, started by :meth:`prepare_analysis` (it
        loads while the cache is read) or, without that, only when the cache has nothing
        (a reopened long text costs no recogniser). Changes nothing (safe in a worker)."""
        if self._analyser is not None:  # an injected analyser: in one step
            yield self.analyse(strict=strict), 1, 1
            return
        corrections, warning = self.load_corrections(strict=strict)
        from reader.pipeline import analyse_article_progressively, start_recogniser

        prepared, self._prepared = self._prepared, None
        patterns, child = prepared if prepared is not None else ([], None)
        if child is not None and patterns != corrections.patterns():
            child.stop()  # corrected since: the recogniser is loaded anew with them
            child = None
        looked_up = child is None
        if looked_up:  # nothing loading yet: the cache first, a recogniser if needed
            cached = self._cached_long(corrections)
            if cached is not None:
                yield Analysed(cached, corrections, warning), 1, 1
                return
            child = start_recogniser(self.article, self.config, corrections)
        self._running = child
        try:
            with closing(analyse_article_progressively(
                    self.article, self.config, corrections, first, child,
                    looked_up=looked_up and child is not None)) as steps:
                for step in steps:
                    yield (Analysed(step.analysis, corrections, warning), step.done,
                           step.total)
        finally:
            if self._running is child:
                self._running = None

    def _cached_long(self, corrections: Corrections) -> Analysis | None:
        """The cached analysis of a text longer than one piece (None for a shorter one:
        analysed in this process, which reads the cache itself)."""
        from reader.analysis.version import MAX_CHUNK
        from reader.pipeline import cached_article_analysis

        if len(self.article.text) <= MAX_CHUNK:
            return None
        try:
            return cached_article_analysis(self.article, self.config, corrections)
        except ReaderError:  # an unknown model: the recogniser says so
            return None

    def refocus(self, start: int, end: int) -> None:
        """Have a progressive analysis still running recognise the text range
        ``[start, end)`` next (the reader went there). Safe from another thread."""
        child = self._running
        if child is not None:
            child.refocus(start, end)

    def cached_analysis(self, max_bytes: int | None = None) -> Analysed | None:
        """What :meth:`analyse` (not strict) would give, if it is in the analysis cache and
        its cache file holds at most ``max_bytes``; else None. Loads no recogniser, so it
        is quick enough before the first frame. None with an injected analyser."""
        from reader.pipeline import cached_article_analysis

        if self._analyser is not None:
            return None
        corrections, warning = self.load_corrections(strict=False)
        try:
            analysis = cached_article_analysis(self.article, self.config, corrections,
                                               max_bytes)
        except ReaderError:  # an unknown model: the analysis worker reports it
            return None
        return None if analysis is None else Analysed(analysis, corrections, warning)

    def adopt(self, analysed: Analysed) -> None:
        """Make ``analysed`` the session's analysis and corrections."""
        self.analysis = analysed.analysis
        self.corrections = analysed.corrections

    def run_analysis(self) -> Analysis:
        """Analyse (strictly: unreadable corrections are an error) and adopt the result."""
        analysed = self.analyse()
        self.adopt(analysed)
        return analysed.analysis

    # -- glossary -----------------------------------------------------------------------
    @property
    def glossary(self) -> Glossary:
        """The glossary (opened on first use; cache in the cache directory)."""
        if self._glossary is None:
            from reader.lookup import glossary_for

            self._glossary = glossary_for(self.config)
        return self._glossary

    @property
    def glossary_opened(self) -> Glossary | None:
        """The glossary if it was opened or given, else None (nothing is opened)."""
        return self._glossary

    def build_queries(self, analysis: Analysis | None = None) -> dict[str, EntityQuery]:
        """One glossary query per entity of ``analysis`` (default: the current one), by key."""
        from reader.lookup import queries_for

        analysis = analysis if analysis is not None else self.analysis
        if analysis is None:
            return {}
        entities = analysis.entities
        queries = queries_for(self.article, analysis, self.config.lang)
        return {entity.key: query for entity, query in zip(entities, queries, strict=True)}

    def cached_entries(self, queries: Mapping[str, EntityQuery]) -> dict[str, GlossaryEntry]:
        """The cached entries (fresh or stale) of ``queries``, by key; never the network."""
        cached: dict[str, GlossaryEntry] = {}
        for key, query in queries.items():
            entry = self.glossary.cached(query)
            if entry is not None:
                cached[key] = entry
        return cached

    def offline_entries(self, queries: Mapping[str, EntityQuery]) -> dict[str, GlossaryEntry]:
        """An entry for every query from the cache: cached, or "not cached"."""
        cached = self.cached_entries(queries)
        from glossary.models import GlossaryEntry

        return {key: cached.get(key) or GlossaryEntry(query.name, query.lang, Status.NOT_CACHED)
                for key, query in queries.items()}

    def lookup_entries(self, queries: Mapping[str, EntityQuery],
                       progress: Progress | None = None) -> dict[str, GlossaryEntry]:
        """Entries for ``queries`` by key: cached ones, the rest fetched in batches."""
        if not queries:
            return {}
        results = self.glossary.lookup_many(list(queries.values()), progress=progress)
        return {key: results[query.name] for key, query in queries.items()
                if query.name in results}

    def gather_entries(self, progress: Progress | None = None) -> dict[str, GlossaryEntry]:
        """Queries and entries for the current analysis (the cache only when offline),
        kept in :attr:`queries` and :attr:`entries` and returned."""
        self.queries = self.build_queries()
        if self.config.offline:
            self.entries = self.offline_entries(self.queries) if self.queries else {}
        else:
            self.entries = self.lookup_entries(self.queries, progress)
        return self.entries

    def lookup(self, query: EntityQuery, *, choose: str | None = None) -> GlossaryEntry:
        """The entry for one query; ``choose`` first saves the reader's page for its name
        (``""`` lets the glossary choose again) and looks that page up."""
        if choose is not None:
            from reader.session.changes import ChoosePage

            self.apply(ChoosePage(query.name, query.lang, choose))
            query = replace(query, title=choose)
        return self.glossary.lookup(query)

    # -- corrections, notes and export ----------------------------------------------------
    def apply(self, change: Change) -> Corrections:
        """Apply a correction to the store (locked, atomic) and return all corrections now.

        The session's own :attr:`corrections` are not changed (the caller adopts them, on
        its thread); ``change.reanalyse`` says whether the analysis must be run again.
        """
        from reader.session.changes import apply_change

        return apply_change(self.store, change)

    def notes(self) -> dict[str, str]:
        """The reader's notes on the current analysis's entities, by entity key."""
        if self.analysis is None:
            return {}
        return {entity.key: note for entity in self.analysis.entities
                if (note := self.corrections.note_for(entity.name))}

    def bundle(self) -> ExportBundle:
        """The export bundle of the current analysis, entries and notes."""
        if self.analysis is None:
            raise ReaderError("the article has not been analysed yet")
        keys = self.analysis.by_key()
        from reader.session.bundle import ExportBundle

        return ExportBundle(self.article, self.analysis,
                            {key: entry for key, entry in self.entries.items() if key in keys},
                            self.notes())
