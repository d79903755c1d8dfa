"""The engines that process batches of documents: in this process (one worker), in
a pool of worker processes, or on a Dask distributed cluster. Every engine calls
`process_batch`, which loads the pipeline once per process. An engine's `submit`
takes a batch and returns a handle whose `result()` is the batch's results in
order; `window` is how many batches may be in flight at once.

The Dask engine: each Dask worker process loads the pipeline once and keeps it;
results come back in input order, so the outputs (and the partitioned
OUT_DIR/mentions_dataset/) hold exactly the records of a local run. Point it at
a real cluster with --scheduler tcp://HOST:8786, the workers started with
`dask worker tcp://HOST:8786` on machines that have newsfacts installed.

Nothing here imports the batch run (pipeline.jobs): engines know batches, not
outputs."""
from __future__ import annotations

import os
import sys
from datetime import date
from typing import Any, Protocol

from pipeline.claims import claims_of_document
from pipeline.parsing import sentence_parser
from pipeline.ingest import Problem
from pipeline.records import Article
from pipeline.runner import Result, run

_NLP: dict[str, Any] = {}
_PARSERS: dict[str, Any] = {}


class EngineOptions(Protocol):
    """What an engine needs of a run's options (pipeline.jobs.Options has it)."""

    model: str
    ref_date: date | None
    workers: int
    engine: str
    scheduler: str | None


class EngineError(RuntimeError):
    """The engine cannot run (e.g. Dask is not installed or the scheduler is unreachable)."""


def process_batch(items: list[Article | Problem], model: str, ref_date: date | None) -> list[Result]:
    """Process one batch; the pipeline is loaded once per process and kept."""
    if model not in _NLP:
        from pipeline.nlp import build

        _NLP[model] = build(model)
    if model not in _PARSERS:
        _PARSERS[model] = sentence_parser(model)
    results = list(run(_NLP[model], items, ref_date=ref_date, batch_size=max(1, len(items))))
    # Link claims here too, so a worker process, not the writer, does that work.
    texts = {a.doc_id: a.text for a in items if isinstance(a, Article)}
    for r in results:
        if r.document["status"] == "ok":
            r.claims = claims_of_document(r.document, texts[r.document["doc_id"]], r.mentions,
                                          _PARSERS[model])
    return results


class Done:
    """A result already computed (the serial engine's handle)."""

    def __init__(self, value: list[Result]) -> None:
        self.value = value

    def result(self) -> list[Result]:
        return self.value




def make_engine(opts: EngineOptions):
    if opts.engine == "dask":
        return DaskEngine(opts)
    if opts.workers > 1:
        return PoolEngine(opts)
    return SerialEngine(opts)


class SerialEngine:
    window = 0
    workers = 1

    def __init__(self, opts: EngineOptions) -> None:
        self.opts = opts

    def submit(self, todo: list[Article | Problem]) -> Done:
        return Done(process_batch(todo, self.opts.model, self.opts.ref_date) if todo else [])

    def close(self) -> None:
        pass


def one_thread_per_worker() -> None:
    """Worker processes get one BLAS thread each: OpenBLAS starts a thread per core
    in every process, and N workers with N threads each on N cores would fight over
    them. Set before workers start (it reaches only processes started later), and
    only where the user has not chosen."""
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def _worker_start(parent: int) -> None:
    """Workers leave Ctrl-C, SIGTERM and SIGHUP to the parent, which stops the run
    once, cleanly, and stops them. A worker whose parent is gone (SIGKILLed) exits:
    on Linux the kernel kills it when the process that started it dies
    (PR_SET_PDEATHSIG), and everywhere a watchdog thread checks that its parent
    process is still there, so none lives on holding a caller's pipes."""
    import signal
    import threading
    import time

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    ppid = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
        if os.getppid() != ppid:  # the parent died before the call took hold
            os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != ppid or not _alive(parent):
                # the forkserver between us and the run outlives it, holding the
                # caller's stdout and stderr: it goes too (its other workers then die
                # with it, by the kernel's hand)
                if ppid != parent and os.getppid() == ppid:
                    try:
                        os.kill(ppid, signal.SIGKILL)
                    except OSError:
                        pass
                os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    """Whether process `pid` is running: a killed run that its caller has not yet
    waited for is a zombie, gone for this purpose."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] not in (b"Z", b"X")
    except FileNotFoundError:
        return False
    except (OSError, IndexError):
        pass  # no /proc here: ask the kernel
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


class PoolEngine:
    """Worker processes, each loading the pipeline once."""

    def __init__(self, opts: EngineOptions) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.opts = opts
        self.workers = opts.workers
        one_thread_per_worker()
        # forkserver: workers start clean, not as copies of a parent holding big buffers
        ctx = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
        self.pool = ProcessPoolExecutor(
            max_workers=opts.workers, mp_context=ctx, initializer=_worker_start, initargs=(os.getpid(),)
        )
        self.window = opts.workers * 4  # slack, so an in-order wait on one slow batch idles no worker

    def submit(self, todo: list[Article | Problem]):
        if not todo:
            return Done([])
        return self.pool.submit(process_batch, todo, self.opts.model, self.opts.ref_date)

    def warm(self) -> None:
        """Load the pipeline in every worker now rather than on first use."""
        for f in [self.pool.submit(process_batch, [], self.opts.model, None) for _ in range(self.opts.workers * 2)]:
            f.result()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def stop(self) -> None:
        """Stop at once: queued batches cancelled, workers killed (they ignore the
        signals the parent handles) and waited for."""
        procs = list(getattr(self.pool, "_processes", {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for p in procs:
            try:
                p.kill()
            except (OSError, ValueError):
                pass
        for p in procs:
            try:
                p.join(timeout=10)
            except (OSError, ValueError, AssertionError):
                pass


class DaskEngine:
    def __init__(self, opts: EngineOptions) -> None:
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
        if not todo:
            return Done([])
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
