"""Ingest on a Dask cluster: two workers process the batches, this process writes, and the
cross-report work (copies, propositions) sees reports from both workers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from corroborate.ingest_job import ingest
from corroborate.scale import DaskExecutor
from corroborate.store import SQLiteStore
from tests.scale.conftest import fail
from tests.scale.ledger import ledger_content

distributed = pytest.importorskip("distributed")


def test_dask_local_cluster_gives_the_single_process_ledger(
    corpus: list[str], reference: Path, tmp_path: Path
) -> None:
    # threads, not processes: the workers share this process's loaded models, which keeps
    # the test short; `--dask local:N` starts processes
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        executor = DaskExecutor(client)
        assert executor.window == 4
        with SQLiteStore(tmp_path / "ledger.db") as store, distributed.get_task_stream(
            client
        ) as tasks:
            summary = ingest(corpus, store, fail, executor=executor)
        executor.close()
    assert len({task["worker"] for task in tasks.data}) == 2  # both workers took batches
    assert (summary.stored, summary.failed) == (11, 0)
    assert ledger_content(tmp_path / "ledger.db") == ledger_content(reference)
    with sqlite3.connect(tmp_path / "ledger.db") as conn:
        copies = conn.execute("SELECT count(*) FROM documents WHERE copy_of IS NOT NULL")
        shared = conn.execute(
            "SELECT count(*) FROM (SELECT pc.proposition_id FROM proposition_claims pc "
            "JOIN claims c ON c.id = pc.claim_id GROUP BY 1 HAVING count(DISTINCT c.doc_id) > 1)"
        )
        # the repost (last batch) is a copy of the first report (first batch), and claims
        # of reports from different batches share propositions
        assert copies.fetchone()[0] == 1 and shared.fetchone()[0] > 0
