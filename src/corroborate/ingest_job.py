"""The main job: read reports, process them and store them, one transaction per report."""

from __future__ import annotations

import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import BinaryIO

from corroborate.errors import InputError, StoreError
from corroborate.ingest import read_inputs
from corroborate.link import link_ledger
from corroborate.model import RawReport, Report
from corroborate.pipeline import BATCH_SIZE, Pipeline, content_hash, default_pipeline, report_key
from corroborate.scale import BatchExecutor
from corroborate.scale.executors import ResultFuture
from corroborate.store import PutOutcome, Store

ErrorHandler = Callable[[InputError], None]


@dataclass
class IngestSummary:
    read: int = 0
    stored: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0

    def line(self) -> str:
        return (
            f"read {self.read}, stored {self.stored}, replaced {self.replaced}, "
            f"unchanged {self.unchanged}, failed {self.failed}"
        )

    def count(self, outcome: PutOutcome | None) -> None:
        name = "failed" if outcome is None else str(outcome)
        setattr(self, name, getattr(self, name) + 1)


def ingest(
    paths: Iterable[str],
    store: Store,
    on_error: ErrorHandler,
    stdin: BinaryIO | None = None,
    wrap: Callable[[Iterator[RawReport | InputError]], Iterable[RawReport | InputError]] = iter,
    executor: BatchExecutor | None = None,
) -> IngestSummary:
    """Ingest every report under `paths` into `store`.

    A report that cannot be read, processed or stored is passed to `on_error` and counted
    as failed; the others still go in. Reports already stored unchanged are not processed
    again. Two different reports with one identity (a URL) in one run: the first is kept
    and the second is an error naming both, so neither silently overwrites the other and a
    re-ingest gives the same ledger. `wrap` lets a caller add a progress bar.

    With an `executor` (corroborate.scale: worker processes, a Dask cluster) the pipeline
    runs there, a bounded number of batches at a time, and this process stays the one
    writer, storing results in input order: the ledger is the same as without one.

    After the run, cross-report linking (copies, propositions) covers the new and replaced
    reports; it also catches up on any report an interrupted run stored but did not link.
    """
    summary = IngestSummary()
    pipeline = default_pipeline()
    writer = _Writer(pipeline, store, on_error, summary, executor)
    batch_size = executor.batch_size if executor is not None else BATCH_SIZE
    pending: list[RawReport] = []
    seen: dict[str, tuple[str, str]] = {}  # key -> (location, content hash) in this run
    for item in wrap(read_inputs(paths, stdin)):
        summary.read += 1
        if not isinstance(item, InputError):
            item = _first_of_its_key(item, seen)
        if isinstance(item, InputError):
            on_error(item)
            summary.count(None)
        elif item is None:
            summary.count(PutOutcome.UNCHANGED)  # the very same report again: nothing to do
        elif store.is_current(report_key(item), content_hash(item), pipeline.signature):
            summary.count(PutOutcome.UNCHANGED)
        else:
            pending.append(item)
            if len(pending) >= batch_size:
                writer.submit(pending)
                pending = []
    writer.submit(pending)
    writer.finish()
    _link(store, on_error, summary)
    return summary


def _link(store: Store, on_error: ErrorHandler, summary: IngestSummary) -> None:
    """Cross-report linking after the run. Every report is stored by now; a failure here is
    one error (counted as failed, so the exit status says so) and the next run retries it,
    not a crash that would hide the summary."""
    try:
        link_ledger(store)
    except Exception as err:  # noqa: BLE001 - report it and keep the stored ledger
        on_error(InputError("(linking across reports)", f"{type(err).__name__}: {err}"))
        summary.count(None)


def _first_of_its_key(
    raw: RawReport, seen: dict[str, tuple[str, str]]
) -> RawReport | InputError | None:
    """`raw` if its identity is new in this run; None if the same report came before; an
    error if a different report with the same identity came before."""
    # the same text and fields at another place of the container is the same report
    key, digest = report_key(raw), content_hash(replace(raw, row=None))
    if key not in seen:
        seen[key] = (raw.location, digest)
        return raw
    first, first_digest = seen[key]
    if first_digest == digest:
        return None
    what = f"URL {raw.url}" if raw.url else "identity"
    return InputError(
        raw.location, f"same {what} as {first} but different content; the first is kept"
    )


class _Writer:
    """Processes batches (here, or on the executor) and stores their reports in the order
    the batches were submitted, waiting for the oldest once `executor.window` are in flight."""

    def __init__(
        self,
        pipeline: Pipeline,
        store: Store,
        on_error: ErrorHandler,
        summary: IngestSummary,
        executor: BatchExecutor | None,
    ) -> None:
        self.pipeline, self.store, self.on_error, self.summary = pipeline, store, on_error, summary
        self.executor = executor
        self.in_flight: deque[tuple[list[RawReport], ResultFuture]] = deque()
        # batches held back until the run proves big enough for the executor's workers
        self.held: list[list[RawReport]] | None = [] if executor and executor.min_batches else None

    def submit(self, batch: list[RawReport]) -> None:
        if not batch:
            return
        if self.executor is None:
            self._store_here(batch)
        elif self.held is not None:
            self.held.append(batch)
            if len(self.held) >= self.executor.min_batches:
                held, self.held = self.held, None
                for earlier in held:
                    self.submit(earlier)
        else:
            self.in_flight.append((batch, self.executor.submit(batch)))
            while len(self.in_flight) >= self.executor.window:
                self._store_oldest()

    def finish(self) -> None:
        for batch in self.held or ():  # a small run: here, no workers started
            self._store_here(batch)
        while self.in_flight:
            self._store_oldest()

    def _store_here(self, batch: list[RawReport]) -> None:
        self._store(batch, [outcome for _, outcome in self.pipeline.process_many(batch)])

    def _store_oldest(self) -> None:
        batch, future = self.in_flight.popleft()
        try:
            outcomes: Sequence[Report | InputError] = future.result()
        except Exception as err:  # noqa: BLE001 - a worker died (killed, out of memory)
            reason = f"the worker processing it failed ({type(err).__name__}: {err})"
            outcomes = [InputError(raw.location, reason) for raw in batch]
        self._store(batch, outcomes)

    def _store(self, batch: list[RawReport], outcomes: Sequence[Report | InputError]) -> None:
        for raw, outcome in zip(batch, outcomes, strict=True):
            if isinstance(outcome, InputError):
                self.on_error(outcome)
                self.summary.count(None)
            else:
                put = _put(self.store, raw, outcome, self.pipeline.signature, self.on_error)
                self.summary.count(put)


def _put(
    store: Store, raw: RawReport, report: Report, signature: str, on_error: ErrorHandler
) -> PutOutcome | None:
    """Store one report; a report the store refuses is that report's error, not the run's
    (the store rolls its transaction back, so nothing stored before changes)."""
    try:
        return store.put(report_key(raw), report, signature)
    except (StoreError, ValueError, UnicodeError, sqlite3.Error) as err:
        on_error(InputError(raw.location, f"cannot store the report ({err})"))
        return None
