"""The glossary's network state: online, offline (by setting, or for a while after the host
could not be reached) or rate-limited (until a given time), and what a failure means for it.

A UI shows :meth:`NetworkState.describe` in its status line; :class:`NetworkGate` holds the
state for a :class:`glossary.service.Glossary` and turns client errors into entries.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from glossary.errors import WikiConnectionError, WikipediaException, WikiRateLimitError
from glossary.errors import describe_error as _describe
from glossary.models import GlossaryEntry, Status
from glossary.settings import GlossarySettings


class NetworkMode(StrEnum):
    """Whether the glossary may use the network."""

    ONLINE = "online"
    OFFLINE = "offline"
    RATE_LIMITED = "rate_limited"


@dataclass(frozen=True)
class NetworkState:
    """The glossary's network state, for a status line."""

    mode: NetworkMode = NetworkMode.ONLINE
    #: POSIX time after which the network is tried again (None: now / never, by setting).
    retry_at: float | None = None
    #: Why (the last error), or "" when online.
    message: str = ""

    def seconds_until_retry(self, now: float | None = None) -> float:
        """Seconds until the network is tried again (0 if it may be tried now)."""
        if self.retry_at is None:
            return 0.0
        return max(0.0, self.retry_at - (time.time() if now is None else now))

    def describe(self, now: float | None = None) -> str:
        """A short line such as "rate-limited, retry in 12 s"."""
        if self.mode is NetworkMode.RATE_LIMITED:
            return f"rate-limited, retry in {round(self.seconds_until_retry(now))} s"
        if self.mode is NetworkMode.OFFLINE:
            return "offline" + (f" ({self.message})" if self.message else "")
        return "online"


def _template(status: Status, error: str, retry_after: float | None = None) -> GlossaryEntry:
    """An entry without a query: the service fills in the name and language."""
    return GlossaryEntry(query="", lang="", status=status, error=error, retry_after=retry_after)


class NetworkGate:
    """The network state of one glossary, and the entries that failures turn into.

    ``on_change`` is called (from the looking-up thread) whenever the state changes.
    """

    def __init__(self, settings: GlossarySettings, clock: Callable[[], float],
                 on_change: Callable[[NetworkState], None] | None = None) -> None:
        self.settings = settings
        self.clock = clock
        self.on_change = on_change
        self._lock = threading.Lock()
        self._state = NetworkState(NetworkMode.OFFLINE if settings.offline
                                   else NetworkMode.ONLINE)

    @property
    def state(self) -> NetworkState:
        """The current state."""
        return self._state

    def set(self, state: NetworkState) -> None:
        """Change the state (and tell ``on_change`` if it changed)."""
        with self._lock:
            changed = state != self._state
            self._state = state
        if changed and self.on_change is not None:
            self.on_change(state)

    def succeeded(self) -> None:
        """A request went through: online again."""
        if self._state.mode is not NetworkMode.ONLINE or self._state.message:
            self.set(NetworkState())

    def blocked(self) -> GlossaryEntry | None:
        """A template error entry if the network must not be used now, else None."""
        if self.settings.offline:
            return _template(Status.NOT_CACHED, "offline mode: not in the cache")
        state = self._state
        if state.mode is NetworkMode.ONLINE:
            return None
        wait = state.seconds_until_retry(self.clock())
        if wait <= 0:
            return None
        if state.mode is NetworkMode.RATE_LIMITED:
            return _template(Status.ERROR, f"rate-limited, retry in {round(wait)} s", wait)
        return _template(Status.NOT_CACHED, f"offline ({state.message}): not in the cache")

    def failed(self, exc: WikipediaException) -> GlossaryEntry:
        """The template entry for a failed request; rate limits and unreachable hosts
        change the state (a dropped connection or a bad answer does not)."""
        message = _describe(exc)
        now = self.clock()
        if isinstance(exc, WikiRateLimitError):
            wait = float(exc.retry_after) if exc.retry_after is not None else 60.0
            self.set(NetworkState(NetworkMode.RATE_LIMITED, now + wait, message))
            return _template(Status.ERROR, message, wait)
        if isinstance(exc, WikiConnectionError):
            self.set(NetworkState(NetworkMode.OFFLINE, now + self.settings.offline_backoff,
                                  message))
            return _template(Status.NOT_CACHED, f"{message}: not in the cache")
        return _template(Status.ERROR, message)
