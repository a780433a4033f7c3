"""Benchmark: article extraction on the local news test site (tests/news_server.py).

For every page with an article, it fetches the page over HTTP from the local server, then
extracts it with reader's web stack (``reader.web.load.article_from``: trafilatura, JSON-LD,
built-in fallback) and, for comparison, with the built-in HTML parser alone (what reader
did before). Printed per page: the headline exact, the date right, block recall (gold
blocks found as whole blocks), clutter strings leaked, and the median extraction time of
``--repeat`` runs (the page is already in memory: parsing and extraction only).

Goal: on every page recall >= 0.95, 0 clutter, exact headline; the 300 KB page in <= 150 ms.
The pages that must be refused (consent wall, no article) are listed with the error.
Usage: ``.venv/bin/python bench/web_extract.py [--repeat 5]``; exit 1 if a goal is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from support import test_module

from reader.article import Article, from_blocks, parse_date
from reader.errors import ReaderError
from reader.formats import html_blocks
from reader.web import charset
from reader.web.fetch import fetch
from reader.web.load import article_from

NewsServer = test_module("news_server",
                         needs=("news_texts", "news_pages", "news_pages_extra")).NewsServer

SIZE_GOAL_BYTES = 250_000
TIME_GOAL_MS = 150.0


def _norm(text: str) -> str:
    return " ".join(text.split())


def score(article: Article, page: object) -> tuple[bool, bool, float, int]:
    """(title exact, date right, block recall, clutter strings leaked) of ``article``."""
    story = page.story  # type: ignore[attr-defined]
    found = {_norm(article.paragraph_text(p)) for p in article.paragraphs}
    gold = [_norm(text) for _kind, text in story.blocks]
    recall = sum(text in found for text in gold) / len(gold)
    leaked = sum(1 for s in page.clutter if s in article.text)  # type: ignore[attr-defined]
    date = article.date.isoformat() if article.date else ""
    return article.title == story.title, date == story.date, recall, leaked


def builtin(fetched: object) -> Article:
    """What the built-in HTML parser alone makes of the page."""
    text, _codec = charset.decode(fetched.content, fetched.content_type)  # type: ignore
    title, blocks, date = html_blocks(text)
    return from_blocks(blocks, source="builtin", title=title, date=parse_date(date))


def _stray_tags(count: int) -> float:
    """Milliseconds the built-in parser takes on ``count`` unclosed divs, paragraphs and
    stray end tags (quadratic before it counted its open elements)."""
    html = "<div>" * count + "<p>x" * count + "</span>" * count
    start = time.perf_counter()
    html_blocks(html)
    return (time.perf_counter() - start) * 1000


def main() -> int:
    """Print the table; exit 1 if a goal is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="extraction runs per page")
    args = parser.parse_args()
    missed = 0
    print("| page | KB | title | date | recall | clutter | ms | built-in recall | "
          "built-in clutter | built-in title |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    with NewsServer() as server:
        for path, page in server.pages.items():
            fetched = fetch(server.url(path), timeout=5)
            if page.story is None:
                try:
                    article_from(fetched)
                    result = "accepted (wrong)"
                    missed += 1
                except ReaderError as exc:
                    result = f"refused: {type(exc).__name__}"
                print(f"| {path} | {len(fetched.content) / 1000:.0f} | {result} |"
                      " | | | | | | |")
                continue
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                article = article_from(fetched)
                times.append((time.perf_counter() - start) * 1000)
            ms = statistics.median(times)
            title, date, recall, leaked = score(article, page)
            b_title, _b_date, b_recall, b_leaked = score(builtin(fetched), page)
            big = len(fetched.content) >= SIZE_GOAL_BYTES
            if not (title and recall >= 0.95 and leaked == 0) or (big and ms > TIME_GOAL_MS):
                missed += 1
            print(f"| {path} | {len(fetched.content) / 1000:.0f} | {'yes' if title else 'NO'} "
                  f"| {'yes' if date else 'NO'} | {recall:.2f} | {leaked}/{len(page.clutter)} "
                  f"| {ms:.1f} | {b_recall:.2f} | {b_leaked}/{len(page.clutter)} "
                  f"| {'yes' if b_title else 'no'} |")
    print(f"\npages missing a goal: {missed}")
    small, large = _stray_tags(10_000), _stray_tags(40_000)
    print(f"built-in parser, unclosed and stray tags: 10,000 of each {small:.0f} ms, "
          f"40,000 of each {large:.0f} ms (ratio {large / small:.1f}; linear is 4, "
          "quadratic 16)")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
