"""The main job: read reports, process them and store them, one transaction per report."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from corroborate.errors import InputError
from corroborate.ingest import read_inputs
from corroborate.model import RawReport
from corroborate.pipeline import BATCH_SIZE, PIPELINE, content_hash, process_many, report_key
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
) -> IngestSummary:
    """Ingest every report under `paths` into `store`.

    A report that cannot be read or processed is passed to `on_error` and counted as
    failed; the others still go in. Reports already stored unchanged are not processed
    again. `wrap` lets a caller add a progress bar.
    """
    summary = IngestSummary()
    pending: list[RawReport] = []
    for item in wrap(read_inputs(paths, stdin)):
        summary.read += 1
        if isinstance(item, InputError):
            on_error(item)
            summary.count(None)
        elif store.is_current(report_key(item), content_hash(item), PIPELINE):
            summary.count(PutOutcome.UNCHANGED)
        else:
            pending.append(item)
            if len(pending) >= BATCH_SIZE:
                _process_and_store(pending, store, on_error, summary)
    _process_and_store(pending, store, on_error, summary)
    return summary


def _process_and_store(
    pending: list[RawReport], store: Store, on_error: ErrorHandler, summary: IngestSummary
) -> None:
    for raw, outcome in process_many(pending):
        if isinstance(outcome, InputError):
            on_error(outcome)
            summary.count(None)
        else:
            summary.count(store.put(report_key(raw), outcome, PIPELINE))
    pending.clear()
