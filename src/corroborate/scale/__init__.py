"""More than one core: the pipeline's batches run in worker processes (`ProcessExecutor`) or
on a Dask cluster (`DaskExecutor`) while the ingest job stays the one writer."""

from corroborate.scale.executors import (
    BatchExecutor,
    DaskExecutor,
    ProcessExecutor,
    default_workers,
    open_executor,
    process_batch,
)

__all__ = [
    "BatchExecutor",
    "DaskExecutor",
    "ProcessExecutor",
    "default_workers",
    "open_executor",
    "process_batch",
]
