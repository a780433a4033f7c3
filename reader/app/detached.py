"""Work that must never hold up quitting: glossary lookups that wait on the network.

Textual runs thread workers in the event loop's default executor, and the process waits
for that executor's threads when the app ends, so a request in flight (up to the HTTP
timeout, more with retries) kept ``q`` from quitting for seconds. :func:`run_detached` runs
the call in a daemon thread instead and waits for it from the worker; when the app quits
(Textual cancels its workers), the worker stops waiting at once and the daemon thread is
dropped with the process. What the call stored before that stays stored (the glossary
writes each batch to its cache as it arrives).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

#: How often the waiting worker looks whether the app is quitting, seconds.
POLL = 0.05


class Abandoned(Exception):
    """The worker was cancelled (the app is quitting): nobody wants the result."""


def run_detached(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``function(*args, **kwargs)``, called in a daemon thread; its result or exception.

    Called from a Textual thread worker; raises :class:`Abandoned` as soon as that worker
    is cancelled, without waiting for ``function`` to return.
    """
    from textual.worker import get_current_worker

    worker = get_current_worker()
    done = threading.Event()
    outcome: list[tuple[bool, Any]] = []

    def call() -> None:
        try:
            outcome.append((True, function(*args, **kwargs)))
        except BaseException as exc:  # handed to the waiting worker
            outcome.append((False, exc))
        finally:
            done.set()

    threading.Thread(target=call, name=f"detached-{worker.name}", daemon=True).start()
    while not done.wait(POLL):
        if worker.is_cancelled:
            raise Abandoned
    ok, value = outcome[0]
    if ok:
        return value
    raise value
