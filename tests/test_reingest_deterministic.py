"""Ingesting the same reports in two fresh processes stores the same ledger.

Python salts string hashes per process, so anything that iterates a set of strings to make a
choice (which spelling names an actor, which claim a proposition is labelled by) can differ
from one run to the next. The two runs below differ only in `PYTHONHASHSEED`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not there")
TABLES = ["documents", "claims", "entities", "places", "actors", "propositions"]
# Invented: a surname written alone after two people who share it. Which of them it joins
# used to follow the order of a set of names, so it changed with the hash seed (seeds 1 and 4
# order these two names differently).
NAMESAKES = """Family of missing reporter appeals for news

HALVERN, Aug 20 (Wire) - The family of James Morrison, the reporter held in the north of the
country since 2019, said on Wednesday they had received no word from his captors. Morrison had
worked for several outlets before he was seized near the border crossing. Diane Morrison, his
mother, said the family still hoped for his release. Officials in the capital said they were
working to find Morrison.
"""


def _corroborate(args: list[str], hash_seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    command = [sys.executable, "-c", "from corroborate.cli import main; main()", *args]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _ledger(reports: Path, db: Path, hash_seed: str) -> dict[str, str]:
    _corroborate(["ingest", str(reports), "--db", str(db)], hash_seed)
    return {t: _corroborate(["export", t, "--db", str(db)], hash_seed) for t in TABLES}


def test_two_processes_with_other_string_hashes_store_the_same_ledger(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    shutil.copytree(SEEDS, reports)
    (reports / "namesakes.txt").write_text(NAMESAKES, encoding="utf-8")
    first = _ledger(reports, tmp_path / "a.db", "1")
    second = _ledger(reports, tmp_path / "b.db", "4")
    assert first["claims"].strip() and first["actors"].strip()
    for table in TABLES:
        assert first[table] == second[table], f"export {table} differs between the runs"
