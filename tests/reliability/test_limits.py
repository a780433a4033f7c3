"""Limits: a 10 MB article stays readable and responsive, long texts are analysed in
pieces, and input over the 16 MiB limit is refused with one clear line.

The app part injects a cheap analyser (one regular expression over the text), so that the
test measures the app, not the recogniser; analyse() on long texts is tested with a small
piece limit in test_chunking.py and at full size in the soak variant below. Nothing here
asserts a time: only that the state is right once the app has settled.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

import pytest
from app_support import OFFLINE, SEED, MakeApp, settle

from reader.analysis.model import Analysis, Entity, Mention
from reader.article import MAX_BYTES, Article, from_bytes, load
from reader.config import Config

#: (label, canonical name, forms) of the seed's main entities.
ENTITIES = (("PER", "Dmitri Peskow", ("Dmitri Peskow", "Peskow")), ("LOC", "Moskau", ("Moskau",)),
            ("LOC", "Kiew", ("Kiew",)), ("ORG", "Nato", ("Nato",)), ("LOC", "Kreml", ("Kreml",)),
            ("LOC", "Ukraine", ("Ukraine",)))


@cache
def big_text(size: int = 10_000_000) -> bytes:
    """About ``size`` characters of the seed's paragraphs, numbered, as UTF-8."""
    paragraphs = load(SEED).text.split("\n\n")
    out: list[str] = []
    total = 0
    while total < size:
        paragraph = f"{len(out)}. {paragraphs[len(out) % len(paragraphs)]}"
        out.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(out).encode("utf-8")


def fast_analysis(text: str) -> Analysis:
    """The ENTITIES by one regular expression (linear in the text)."""
    forms = {form: name for _, name, group in ENTITIES for form in group}
    pattern = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, forms), key=len,
                                                    reverse=True)) + r")\b")
    entities = {name: Entity(f"{label}:{name}", name, label) for label, name, _ in ENTITIES}
    for match in pattern.finditer(text):
        mention = Mention(match.start(), match.end(), match.group(0))
        entities[forms[mention.text]].mentions.append(mention)
    return Analysis([e for e in entities.values() if e.mentions], "fast 1.0")


@pytest.fixture(scope="module")
def big_article() -> Article:
    """The 10 MB article, loaded through the loader (decoding, sanitising, paragraphs)."""
    return from_bytes(big_text(), "big.txt")


async def test_a_10_mb_article_is_readable_and_responsive(big_article: Article,
                                                          make_app: MakeApp) -> None:
    text = big_article.text
    assert len(text) >= 10_000_000
    app = make_app(big_article, analyser=fast_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "0. Die Koalition der Willigen" in app.view.render_line(0).text  # first screen
        await settle(pilot)
        assert app.mentions is not None and len(app.mentions) > 100_000  # highlights arrived
        await pilot.press("G")  # to the end
        assert app.view.scroll_offset.y == app.view.max_scroll_y > 150_000
        last = text[text.rfind("\n\n") + 2:]
        screen = "".join(app.view.render_line(y).text for y in range(39))
        assert last.split()[-1] in screen
        await pilot.press("g", "tab")  # back to the top, first entity
        assert app.view.selected == 0 and app.view.scroll_offset.y == 0
        await pilot.press("full_stop")  # next mention of the same entity
        assert app.view.selected is not None and app.view.selected > 0
        await pilot.press("slash", *"wla")  # each key searches the 10 MB again
        count = text.lower().count("wla")
        assert len(app.view.matches) == count > 1000
        assert app.main.find_bar.count_text.endswith(f"/{count}")
        await pilot.press("enter")
        assert app.view.current_match == 1
        await pilot.press("escape", "escape")
        assert len(app.view.matches) == 0 and app.is_running


def test_stdin_over_the_limit_is_refused_with_one_line() -> None:
    with tempfile.TemporaryFile() as stdin:
        stdin.truncate(MAX_BYTES + 1)
        result = subprocess.run([sys.executable, "-m", "reader", "entities", "-"],
                                stdin=stdin, capture_output=True, text=True, timeout=60,
                                check=False)
    assert result.returncode == 2
    assert result.stderr == "reader: error: <stdin> is larger than the limit of 16 MiB\n"


@pytest.mark.soak
def test_soak_analyse_10_mb_in_pieces(big_article: Article, tmp_path: Path) -> None:
    """The real recogniser on 10 MB: no E088, offsets consistent, one entity per name."""
    from reader.analysis import analyse

    analysis = analyse(big_article.text, model="embedded", cache_dir=tmp_path)
    text = big_article.text
    assert all(text[m.start:m.end] == m.text for m, _ in analysis.mentions())
    names = [e.name for e in analysis.entities]
    assert len(names) == len(set(names)) and "Dmitri Peskow" in names
    assert len(analysis.mentions()) > 100_000


@pytest.mark.soak
async def test_soak_app_with_the_real_recogniser_on_10_mb(big_article: Article,
                                                          make_app: MakeApp) -> None:
    """Keys respond while the recogniser works (in a thread); the highlights arrive."""
    import time

    config = Config(offline=True, api_url=OFFLINE.api_url, model="embedded")
    app = make_app(big_article, config=config, analyser=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("G")
        assert app.view.scroll_offset.y == app.view.max_scroll_y
        await pilot.press("g", "slash", "z")
        assert len(app.view.matches) > 0
        await pilot.press("escape", "escape")
        deadline = time.monotonic() + 120
        while app.mentions is None:
            assert time.monotonic() < deadline and "failed" not in app.main.status.text
            await pilot.pause(0.2)
        await pilot.press("tab")
        assert app.view.selected == 0
