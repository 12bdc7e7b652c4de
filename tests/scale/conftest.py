"""A corpus with a syndicated copy, and the ledger of one uninterrupted single-process run
of it, to compare parallel, Dask and interrupted runs with."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.ingest_job import ingest
from corroborate.samples import SAMPLES_DIR, sample_files
from corroborate.store import SQLiteStore


def fail(err: Exception) -> None:
    raise AssertionError(f"unexpected error: {err}")


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The bundled samples (ten reports in eight files) and a repost of the first one under
    another headline and date, without its last paragraph: a copy for the copy linking."""
    original = (SAMPLES_DIR / "01_levant_ledger_depot_fire.txt").read_text(encoding="utf-8")
    body = original[original.index("A fuel depot on the eastern edge"):].strip()
    body = body[: body.rindex("\n\n")]
    repost = tmp_path_factory.mktemp("corpus") / "repost.txt"
    repost.write_text(
        "Fuel depot burns after drone strike in Deir ez-Zor countryside\n"
        f"16 Mar, 2024\nBy Staff Writer\n\n{body}\n",
        encoding="utf-8",
    )
    return [*sample_files(), str(repost)]


@pytest.fixture(scope="session")
def reference(corpus: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ledger of one uninterrupted run in this process."""
    path = tmp_path_factory.mktemp("reference") / "ledger.db"
    with SQLiteStore(path) as store:
        summary = ingest(corpus, store, fail)
    assert summary.failed == 0 and summary.stored == 11
    return path
