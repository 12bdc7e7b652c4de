"""The executors' contract with the ingest job, without starting worker processes."""

from __future__ import annotations

import json
import pickle
from concurrent.futures import Future
from pathlib import Path

import pytest

from corroborate.errors import CorroborateError, InputError
from corroborate.ingest_job import ingest
from corroborate.scale import ProcessExecutor, open_executor, process_batch
from corroborate.store import SQLiteStore

TEXTS = [
    "Engineers reopened the river bridge on Tuesday, the transport ministry said.",
    "Rebels denied that they had shelled the northern market on Friday.",
    "Two clinics in the valley closed after the power cuts, aid workers reported.",
    "The governor said that the curfew would be lifted at the end of the month.",
    "Residents said that smoke was still rising over the depot on Sunday morning.",
]


def _export(path: Path) -> str:
    lines = [json.dumps({"url": f"https://example.org/{n}", "title": f"Report {n}", "text": t})
             for n, t in enumerate(TEXTS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


class FailingSecondBatch:
    """Runs batches here; the second batch's worker 'dies'."""

    window, batch_size, min_batches = 2, 2, 0

    def __init__(self) -> None:
        self.batches = 0

    def submit(self, batch: list) -> Future:
        self.batches += 1
        future: Future = Future()
        if self.batches == 2:
            future.set_exception(RuntimeError("worker killed"))
        else:
            future.set_result(process_batch(batch))
        return future

    def close(self) -> None:
        pass


def test_a_failed_worker_fails_its_batch_only(tmp_path: Path) -> None:
    errors: list[InputError] = []
    with SQLiteStore(tmp_path / "ledger.db") as store:
        summary = ingest([_export(tmp_path / "r.jsonl")], store, errors.append,
                         executor=FailingSecondBatch())
        titles = [d.title for d in store.documents()]
    assert (summary.stored, summary.failed) == (3, 2)
    assert titles == ["Report 0", "Report 1", "Report 4"]  # in input order
    assert [e.location.rsplit(" ", 1)[-1] for e in errors] == ["3", "4"]
    assert all("worker killed" in e.reason for e in errors)


def test_a_small_run_with_default_workers_starts_no_process(tmp_path: Path) -> None:
    executor = ProcessExecutor(2, min_batches=4)
    with SQLiteStore(tmp_path / "ledger.db") as store:
        summary = ingest([_export(tmp_path / "r.jsonl")], store, pytest.fail,
                         executor=executor)
    assert summary.stored == len(TEXTS)
    assert not executor._pool._processes  # two batches, under four: no worker started
    executor.close()


def test_errors_cross_process_boundaries_intact() -> None:
    error = pickle.loads(pickle.dumps(InputError("a.txt, row 2", "no text")))
    assert (error.location, error.reason, str(error)) == ("a.txt, row 2", "no text",
                                                         "a.txt, row 2: no text")


def test_bad_worker_and_cluster_options_are_clear_errors() -> None:
    with pytest.raises(CorroborateError, match="at least 1"):
        open_executor(0, None)
    assert open_executor(1, None) is None  # one worker: the pipeline runs in this process
    with pytest.raises(CorroborateError, match="local:N"):
        open_executor(None, "local:many")
