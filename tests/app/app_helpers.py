"""Helpers shared by the app tests (imported as ``app_helpers``: tests/app is on sys.path)."""

from __future__ import annotations

from typing import Any


async def settle(pilot: Any) -> None:
    """Wait until every worker (analysis, prefetch, lookups) is done and drawn.

    Workers start workers (the analysis result starts the prefetch), so wait in rounds.
    """
    app = pilot.app
    for _ in range(20):
        await pilot.pause()
        if not any(worker.is_running or worker.state.name == "PENDING"
                   for worker in app.workers):
            break
        await app.workers.wait_for_complete()
    await pilot.pause()
