"""Parallel ingest: worker processes give the ledger one process gives, and a run killed
with SIGKILL at any point, then run again, ends with that same ledger."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from corroborate.ingest_job import ingest
from corroborate.store import SQLiteStore
from tests.conftest import REPO
from tests.scale.conftest import fail
from tests.scale.ledger import ledger_content


def _documents(path: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:  # not created or not migrated yet
        return 0


def _start_cli(corpus: list[str], db: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", "from corroborate.cli import main; main()", "ingest",
               *corpus, "--db", str(db), "--workers", "2"]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    # its own process group: the kill takes the writer and its workers at once
    return subprocess.Popen(command, env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _kill_when(process: subprocess.Popen[bytes], ready: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 600  # a guard against a hung run, not a speed target
    while not ready():
        assert process.poll() is None, "the run ended before the point where it is killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert process.poll() is None, "the run ended before the point where it is killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL


@pytest.mark.parametrize("point", ["first report stored", "every report stored, linking"])
def test_kill_9_then_rerun_gives_the_uninterrupted_ledger(
    point: str, corpus: list[str], reference: Path, tmp_path: Path
) -> None:
    total = _documents(reference)
    db = tmp_path / "ledger.db"
    process = _start_cli(corpus, db)
    wanted = 1 if point == "first report stored" else total
    _kill_when(process, lambda: _documents(db) >= wanted)
    killed = ledger_content(db)
    assert killed != ledger_content(reference)  # it really was stopped short
    # at the second point the worker processes had stored every report: they gave the
    # reports the uninterrupted single-process run gave (the ids, below, included)

    with SQLiteStore(db) as store:  # the re-run: here, in this process
        summary = ingest(corpus, store, fail)
    assert summary.failed == 0 and summary.unchanged == len(killed["documents"])
    # ids included: results are stored in input order, so the stored part is a prefix
    assert ledger_content(db) == ledger_content(reference)
