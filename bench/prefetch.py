"""Benchmark: prefetching the glossary of the seed article, batched vs. one lookup per entity.

Runs the local MediaWiki test server (tests/wiki_server.py) with 100 ms added latency per
request, analyses the seed article with ``reader.analysis.analyse`` and looks up every
entity (with ``reader.lookup.queries_for``):

- ours: ``Glossary.lookup_many`` (batched titles, batched follow-ups);
- per entity: the same client, but one ``Glossary.lookup`` per entity (one title request
  per entity, plus its own follow-ups), as a client without batching would do;
- cached: ``Glossary.cached`` and ``Glossary.lookup`` once everything is in the cache.

Target: ours needs at most a quarter of the requests and of the time; a cached lookup
takes under 1 ms. Usage: ``.venv/bin/python bench/prefetch.py [--latency 0.1]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from support import SEED, test_module

from glossary.service import Glossary
from glossary.settings import GlossarySettings
from reader.analysis import analyse
from reader.article import load
from reader.lookup import queries_for

WikiServer = test_module("wiki_server").WikiServer


def _glossary(server: WikiServer, directory: Path) -> Glossary:
    return Glossary(GlossarySettings(api_url=server.api_url,
                                     cache_path=directory / "glossary.sqlite3",
                                     choices_path=directory / "choices.json"))


def main() -> int:
    """Run the benchmark and print a table; exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per request")
    args = parser.parse_args()
    article = load(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        analysis = analyse(article.text, cache_dir=Path(tmp) / "analysis")
        queries = queries_for(article, analysis, "de")
        rows: list[tuple[str, int, float]] = []
        with WikiServer() as server:
            server.set_latency(args.latency)
            ours = _glossary(server, Path(tmp) / "ours")
            start = time.perf_counter()
            entries = ours.lookup_many(queries)
            rows.append(("batched (ours)", server.request_count, time.perf_counter() - start))

            server.reset()
            server.set_latency(args.latency)
            naive = _glossary(server, Path(tmp) / "naive")
            start = time.perf_counter()
            naive_entries = {q.name: naive.lookup(q) for q in queries}
            rows.append(("one lookup per entity", server.request_count,
                         time.perf_counter() - start))
            naive.close()

            server.reset()
            cached_times: list[float] = []
            lookup_times: list[float] = []
            for _ in range(20):
                for query in queries:
                    t0 = time.perf_counter()
                    ours.cached(query)
                    t1 = time.perf_counter()
                    ours.lookup(query)
                    t2 = time.perf_counter()
                    cached_times.append(t1 - t0)
                    lookup_times.append(t2 - t1)
            cached_requests = server.request_count
            ours.close()

    statuses: dict[str, int] = {}
    for entry in entries.values():
        statuses[entry.status.value] = statuses.get(entry.status.value, 0) + 1
    same = sum(entries[n].title == naive_entries[n].title for n in entries)
    print(f"seed article: {len(queries)} entities ({analysis.recogniser}); "
          f"latency {args.latency * 1000:.0f} ms per request")
    print(f"outcome: {statuses}; same page as the per-entity client: {same}/{len(entries)}")
    print()
    print(f"{'client':<24}{'requests':>10}{'wall time':>12}")
    for name, requests, seconds in rows:
        print(f"{name:<24}{requests:>10}{seconds:>11.2f}s")
    (_, our_req, our_time), (_, naive_req, naive_time) = rows
    print(f"{'ratio':<24}{our_req / naive_req:>10.2f}{our_time / naive_time:>12.2f}"
          "   (target <= 0.25)")
    print()
    cached_ms = statistics.median(cached_times) * 1000
    lookup_ms = statistics.median(lookup_times) * 1000
    p95 = sorted(lookup_times)[int(len(lookup_times) * 0.95)] * 1000
    print(f"cached() median {cached_ms:.3f} ms; lookup() of a cached entry median "
          f"{lookup_ms:.3f} ms, p95 {p95:.3f} ms; requests {cached_requests} (target < 1 ms)")
    ok = (our_req <= naive_req / 4 and our_time <= naive_time / 4 and lookup_ms < 1.0
          and cached_requests == 0)
    print("targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
