"""The store suite runs against both backends: every test taking `fresh_store` runs on a
SQLite file and on a fresh database of a throwaway PostgreSQL server."""

from __future__ import annotations

import pytest

from corroborate.store import SQLiteStore


@pytest.fixture
def fresh_store(store_on_both: SQLiteStore) -> SQLiteStore:
    return store_on_both
