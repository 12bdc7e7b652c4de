"""Where the pipeline runs: worker processes on this machine, or a Dask cluster.

The ingest job reads the inputs, decides what needs processing, and hands batches of raw
reports to an executor; the executor runs `process_batch` somewhere and the job writes the
results, in the order it submitted them, to its one store. Only a bounded number of batches
is in flight (`window`), so memory does not grow with the corpus, and since results are
written in input order the ledger (ids included) is the same for any number of workers and
after any interruption (what was stored is a prefix of the input; a re-run stores the rest).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any, Protocol

from corroborate.errors import CorroborateError, InputError
from corroborate.model import RawReport, Report

BatchResult = list[Report | InputError]


class ResultFuture(Protocol):
    def result(self) -> BatchResult: ...


# Reports per task: small enough that a few dozen reports keep every worker busy, large
# enough that the pipeline still batches its model calls and the transfer cost stays small.
BATCH_SIZE = 4


class BatchExecutor(Protocol):
    window: int  # batches in flight at most
    batch_size: int  # reports per batch
    # below this many batches in a run, the run is processed in the calling process: for a
    # handful of reports, starting workers (each loads the models) costs more than it saves
    min_batches: int

    def submit(self, batch: Sequence[RawReport]) -> ResultFuture: ...
    def close(self) -> None: ...


def process_batch(batch: Sequence[RawReport]) -> BatchResult:
    """Run the pipeline on one batch, in a worker: each report's Report or its error (the
    pipeline confines a failure to its report). The raw reports are not sent back."""
    from corroborate.pipeline import default_pipeline  # spaCy and the models load here

    return [outcome for _, outcome in default_pipeline().process_many(batch)]


def default_workers() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class ProcessExecutor:
    """`workers` processes on this machine (started with `spawn`: a fresh interpreter, no
    copy of the writer's open database or threads)."""

    def __init__(self, workers: int, min_batches: int = 0) -> None:
        if workers < 1:
            raise CorroborateError(f"--workers must be at least 1, not {workers}")
        self.workers = workers
        self.window = 2 * workers  # one batch running and one waiting per worker
        self.batch_size = BATCH_SIZE
        self.min_batches = min_batches
        self._pool = ProcessPoolExecutor(
            workers, mp_context=get_context("spawn"), initializer=_start_worker,
            initargs=(os.getpid(),),
        )

    def submit(self, batch: Sequence[RawReport]) -> Future[BatchResult]:
        return self._pool.submit(process_batch, list(batch))

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _start_worker(parent: int) -> None:
    """One BLAS thread per worker (the workers already fill the cores), and exit when the
    writer is gone: a `kill -9` of the writer must not leave workers waiting for work."""
    from threadpoolctl import threadpool_limits  # scikit-learn's dependency

    threadpool_limits(1)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


class DaskExecutor:
    """A Dask cluster: `tcp://HOST:PORT` (a running scheduler whose workers have
    Corroborate installed) or `local:N` (a LocalCluster of N worker processes on this
    machine); or an existing `distributed.Client`."""

    def __init__(self, address: str | Any) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as err:
            raise CorroborateError(
                "--dask needs Dask: pip install 'corroborate[dask]'"
            ) from err
        self._cluster = None
        if isinstance(address, Client):
            self._client, self._own_client = address, False
        elif isinstance(address, str) and address.startswith("local:"):
            self._cluster = LocalCluster(
                n_workers=_count(address), threads_per_worker=1, dashboard_address=None
            )
            self._client, self._own_client = Client(self._cluster), True
        else:
            self._client, self._own_client = Client(address), True
        threads = sum(self._client.nthreads().values()) or 1
        self.window = 2 * threads
        self.batch_size = BATCH_SIZE
        self.min_batches = 0

    def submit(self, batch: Sequence[RawReport]) -> ResultFuture:
        # pure=False: two batches with equal content are still two tasks
        return self._client.submit(process_batch, list(batch), pure=False)  # type: ignore[no-any-return]

    def close(self) -> None:
        if self._own_client:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def _count(address: str) -> int:
    text = address.partition(":")[2]
    if not text.isdigit() or int(text) < 1:
        raise CorroborateError(f"--dask local:N needs a number of workers, not {address!r}")
    return int(text)


# With the default number of workers, a run of fewer batches than this stays in the calling
# process (about 16 reports: less than the seconds each worker spends loading the models).
DEFAULT_MIN_BATCHES = 4


def open_executor(workers: int | None, dask: str | None) -> BatchExecutor | None:
    """The executor the options ask for; None to run the pipeline in this process (one
    worker, no Dask). Workers asked for explicitly are used however small the run."""
    if dask:
        return DaskExecutor(dask)
    if workers is None:
        count = default_workers()
        return ProcessExecutor(count, DEFAULT_MIN_BATCHES) if count > 1 else None
    if workers < 1:
        raise CorroborateError(f"--workers must be at least 1, not {workers}")
    return ProcessExecutor(workers) if workers > 1 else None
