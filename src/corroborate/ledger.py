"""The main job: read reports, process them and store them, one transaction per report."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from corroborate.errors import InputError
from corroborate.ingest import read_inputs
from corroborate.model import RawReport
from corroborate.pipeline import PIPELINE, content_hash, process, report_key
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


def ingest(
    paths: Iterable[str],
    store: Store,
    on_error: ErrorHandler,
    stdin: BinaryIO | None = None,
    wrap: Callable[[Iterator[RawReport | InputError]], Iterable[RawReport | InputError]] = iter,
) -> IngestSummary:
    """Ingest every report under `paths` into `store`.

    A report that cannot be read or processed is passed to `on_error` and counted as
    failed; the others still go in. `wrap` lets a caller add a progress bar.
    """
    summary = IngestSummary()
    for item in wrap(read_inputs(paths, stdin)):
        summary.read += 1
        if isinstance(item, InputError):
            summary.failed += 1
            on_error(item)
            continue
        outcome = _process_and_store(item, store, on_error)
        if outcome is None:
            summary.failed += 1
        else:
            setattr(summary, str(outcome), getattr(summary, str(outcome)) + 1)
    return summary


def _process_and_store(raw: RawReport, store: Store, on_error: ErrorHandler) -> PutOutcome | None:
    key = report_key(raw)
    if store.is_current(key, content_hash(raw), PIPELINE):
        return PutOutcome.UNCHANGED
    try:
        report = process(raw)
    except InputError as err:
        on_error(err)
        return None
    except Exception as err:  # a bug in a stage must not stop the other reports
        on_error(InputError(raw.location, f"internal error while processing ({err!r})"))
        return None
    return store.put(key, report, PIPELINE)
