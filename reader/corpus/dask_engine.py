"""The Dask engine: the same per-batch work on a Dask distributed cluster.

Needs the optional extra ``reader[dask]`` (``dask`` and ``distributed``) on the client and
on every worker, and the input files readable by the workers at the same paths (JSONL
documents travel with the batches). Each batch ("partition") is one task; a worker process
loads the recogniser once and keeps it for every batch it runs; the client receives the
results in input order and writes them itself, so the output equals a local run's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from reader.config import Config
from reader.corpus.documents import Bad, Task
from reader.corpus.engines import ordered
from reader.corpus.work import BatchResult, annotate_batch
from reader.corrections import Corrections
from reader.errors import ReaderError

#: Seconds to wait for the scheduler.
CONNECT_TIMEOUT: float = 20


class DaskEngine:
    """Batches on the Dask cluster whose scheduler is at ``address``."""

    def __init__(self, address: str, config: Config, corrections: Corrections) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise ReaderError("--engine dask needs Dask: pip install 'reader[dask]'") from None
        try:
            self.client: Any = Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ReaderError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        self.config = config
        self.corrections = corrections

    def map(self, batches: Iterable[list[Task | Bad]]) -> Iterator[BatchResult]:
        """Results of ``batches`` in input order."""
        client = self.client

        def submit(batch: list[Task | Bad]) -> Any:
            future = client.submit(annotate_batch, batch, self.config, self.corrections,
                                   pure=False)
            return future.result

        yield from ordered(submit, batches, 2 * self.workers)

    def close(self) -> None:
        """Disconnect from the cluster (the cluster keeps running)."""
        self.client.close()
