"""Helpers of the app tests (tests/app and tests/reliability): the seed article's entities
by whole-word matching (no recogniser), and waiting until the app's workers are done.

Imported as ``app_support``: tests/ is on sys.path (the root conftest lives there).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.analysis.model import Analysis, Entity, Mention
from reader.config import Config

if TYPE_CHECKING:
    from reader.app.app import ReaderApp

#: The seed article of the repository.
SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_11cfe1e1f379c513.txt"
#: Offline, and a closed port should anything try the network anyway.
OFFLINE = Config(offline=True, api_url="http://127.0.0.1:9/{lang}/api.php")
#: The ``make_app`` fixture: ``make_app(article=seed, *, config=OFFLINE,
#: analyser=hand_analysis, glossary=None)`` builds a :class:`ReaderApp`.
MakeApp = Callable[..., "ReaderApp"]

#: Entities of the seed article (key, label, canonical name, forms found in the text).
SEED_ENTITIES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("misc:koalition", "MISC", "Koalition der Willigen", ("Koalition der Willigen",)),
    ("loc:kreml", "LOC", "Kreml", ("Kreml",)),
    ("per:peskow", "PER", "Dmitri Peskow", ("Dmitri Peskow", "Peskow")),
    ("loc:moskau", "LOC", "Moskau", ("Moskau",)),
    ("loc:kiew", "LOC", "Kiew", ("Kiew",)),
    ("loc:ukraine", "LOC", "Ukraine", ("Ukraine",)),
    ("loc:russland", "LOC", "Russland", ("Russlands", "Russland")),
    ("org:nato", "ORG", "Nato", ("Nato",)),
    ("org:interfax", "ORG", "Interfax", ("Interfax",)),
)


def hand_analysis(text: str,
                  entities: Sequence[tuple[str, str, str, tuple[str, ...]]] = SEED_ENTITIES,
                  recogniser: str = "hand 1.0") -> Analysis:
    """An analysis built by matching the given forms as whole words (no recogniser)."""
    taken: list[tuple[int, int]] = []
    result: list[Entity] = []
    for key, label, name, forms in entities:
        entity = Entity(key=key, name=name, label=label,
                        aliases=[f for f in forms if f != name])
        for form in sorted(forms, key=len, reverse=True):
            for match in re.finditer(rf"\b{re.escape(form)}\b", text):
                if any(match.start() < end and start < match.end() for start, end in taken):
                    continue
                taken.append(match.span())
                entity.mentions.append(Mention(match.start(), match.end(), form))
        entity.mentions.sort(key=lambda m: m.start)
        if entity.mentions:
            result.append(entity)
    return Analysis(result, recogniser)


async def settle(pilot: Any) -> None:
    """Wait until every worker (analysis, prefetch, lookups) is done and drawn.

    Workers start workers (the analysis result starts the prefetch), so wait in rounds,
    until two rounds in a row find none (a worker's result may still be a message in a
    queue, whose handler starts the next worker).
    """
    app = pilot.app
    quiet = 0
    for _ in range(40):
        await pilot.pause()
        if any(worker.is_running or worker.state.name == "PENDING" for worker in app.workers):
            quiet = 0
            await app.workers.wait_for_complete()
            continue
        quiet += 1
        if quiet == 2:
            break
    await pilot.pause()
