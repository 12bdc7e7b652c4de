"""The store suite runs against both backends: every test taking `fresh_store` runs on a
SQLite file and on a fresh database of a throwaway PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from corroborate.store import SQLiteStore, open_store


@pytest.fixture(params=["sqlite", "postgres"])
def fresh_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SQLiteStore]:
    if request.param == "sqlite":
        store = open_store(str(tmp_path / "ledger.db"))
    else:
        store = open_store(request.getfixturevalue("pg_cluster").new_database())
    with store:  # type: ignore[attr-defined]
        yield store  # type: ignore[misc]
