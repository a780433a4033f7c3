"""Where batches run: in worker processes, or on a Dask cluster.

An engine's :meth:`~LocalEngine.map` takes an iterator of batches (lists of tasks) and
yields their :class:`~reader.corpus.work.BatchResult` objects in input order, with a
bounded number of batches in flight (so a huge corpus is never held in memory). The
recogniser is loaded once per worker process and kept; where processes are forked it is
loaded once before the fork and shared by the workers (copy on write; the loaded objects
are frozen out of the garbage collector, so they stay shared). The local engine's workers
only recognise (step 2 of :mod:`reader.corpus.work`); this process prepares each batch
and finishes it (clustering and encoding) while they recognise the next ones.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from reader.config import Config
from reader.corpus.documents import Bad, Task
from reader.corpus.work import BatchResult, Item, Recognised, finish, prepare, recognise_batch
from reader.corrections import Corrections


class Engine(Protocol):
    """Runs batches and yields their results in input order."""

    #: Worker processes (or Dask workers).
    workers: int

    def map(self, batches: Iterable[list[Task | Bad]]) -> Iterator[BatchResult]:
        """Results of ``batches``, in order."""

    def close(self) -> None:
        """Stop the workers."""


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def ordered(submit: Callable[[list[Task | Bad]], Callable[[], BatchResult]],
            batches: Iterable[list[Task | Bad]], window: int) -> Iterator[BatchResult]:
    """Submit batches (at most ``window`` in flight) and yield results in input order;
    ``submit`` returns a function that waits for the batch's result."""
    pending: deque[Callable[[], BatchResult]] = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield pending.popleft()()
    while pending:
        yield pending.popleft()()


_WORKER: dict[str, Any] = {}


def _die_with_parent(parent: int) -> None:
    """End this worker when the run's process ends, even by SIGKILL (a worker left behind
    would hold the output's lock): the kernel's parent-death signal on Linux, else a
    thread that watches the parent."""
    import signal
    import threading
    import time

    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0:  # PR_SET_PDEATHSIG
            if os.getppid() != parent:  # the parent died before the call
                os._exit(1)
            return
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _init_worker(config: Config, corrections: Corrections, parent: int) -> None:
    """Pool initializer: die with the parent, keep the settings, load the recogniser once."""
    _die_with_parent(parent)
    _WORKER["config"], _WORKER["corrections"] = config, corrections
    try:
        from reader.analysis import get_recogniser

        get_recogniser(config.model, extra_patterns=corrections.patterns())
    except Exception:  # reported by the first batch, in the main process
        pass


def _recognise_in_worker(items: list[Item]) -> Recognised:
    return recognise_batch(items, _WORKER["config"], _WORKER["corrections"])


class LocalEngine:
    """Batches in a pool of ``jobs`` worker processes, which recognise; this process
    prepares each batch and finishes it (clusters and encodes: :mod:`reader.corpus.work`)
    while the workers recognise the next ones, so even ``jobs == 1`` uses two cores."""

    def __init__(self, jobs: int, config: Config, corrections: Corrections) -> None:
        import multiprocessing

        self.workers = max(1, jobs)
        self.config = config
        self.corrections = corrections
        methods = multiprocessing.get_all_start_methods()
        if "fork" in methods:  # load once here: forked workers share it (copy on write)
            from reader.analysis import get_recogniser

            get_recogniser(config.model, extra_patterns=corrections.patterns())
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self._pool: Any = context.Pool(self.workers, initializer=_init_worker,
                                       initargs=(config, corrections, os.getpid()))

    def map(self, batches: Iterable[list[Task | Bad]]) -> Iterator[BatchResult]:
        """Results of ``batches`` in order (see :func:`ordered`)."""
        pool, corrections = self._pool, self.corrections

        def submit(batch: list[Task | Bad]) -> Callable[[], BatchResult]:
            entries, items = prepare(batch)
            pending = pool.apply_async(_recognise_in_worker, (items,))
            return lambda: finish(entries, pending.get(), corrections)

        yield from ordered(submit, batches, 2 * self.workers)

    def close(self) -> None:
        """Stop the worker processes."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
