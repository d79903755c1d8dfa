"""The Dask engine: the same `process_batch` on a Dask distributed cluster. Each
worker process loads the pipeline once and keeps it; batches are sent to the
workers with a bounded number in flight, and results come back in input order,
so the outputs (and the partitioned OUT_DIR/mentions_dataset/) hold exactly the
records of a local run.

Point it at a real cluster with --scheduler tcp://HOST:8786, the workers started
with `dask worker tcp://HOST:8786` on machines that have newsfacts installed."""
from __future__ import annotations

from typing import Any

from pipeline.records import Article


class DaskEngine:
    def __init__(self, opts: Any) -> None:
        from pipeline.jobs import EngineError

        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise EngineError("--engine dask needs Dask: pip install 'newsfacts[dask]'") from exc
        self.opts = opts
        self.cluster = None
        try:
            if opts.scheduler:
                _probe(opts.scheduler)
                self.client = Client(opts.scheduler, timeout="30s")
            else:
                from pipeline.jobs import one_thread_per_worker

                one_thread_per_worker()
                self.cluster = LocalCluster(
                    n_workers=opts.workers, threads_per_worker=1, processes=True, dashboard_address=None
                )
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as exc:
            if self.cluster is not None:
                self.cluster.close()
            raise EngineError(f"cannot reach the Dask scheduler {opts.scheduler!r}: {exc}") from exc
        n = max(1, len(self.client.scheduler_info().get("workers", {})) or opts.workers)
        self.workers = n
        self.window = n * 2

    def submit(self, todo: list[Article]):
        from pipeline.jobs import Done

        if not todo:
            return Done([])
        from pipeline.jobs import process_batch

        return self.client.submit(process_batch, todo, self.opts.model, self.opts.ref_date, pure=False)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()



def _probe(address: str) -> None:
    """Fail fast, not after the client's timeout, when nothing listens there."""
    import socket
    from urllib.parse import urlparse

    url = urlparse(address if "://" in address else f"tcp://{address}")
    if url.scheme == "tcp" and url.hostname and url.port:
        with socket.create_connection((url.hostname, url.port), timeout=5):
            pass
