"""Storage of the ledger behind a small protocol; SQLite is the embedded default."""

from corroborate.store.base import PutOutcome, Store
from corroborate.store.sqlite import SQLiteStore
from corroborate.store.tables import (
    ClaimRow,
    DocumentRow,
    EntityRow,
    LedgerStats,
    MentionRow,
    NoiseRow,
    SearchHit,
    SourceCount,
)

__all__ = [
    "ClaimRow",
    "DocumentRow",
    "EntityRow",
    "LedgerStats",
    "MentionRow",
    "NoiseRow",
    "PutOutcome",
    "SQLiteStore",
    "SearchHit",
    "SourceCount",
    "Store",
    "open_store",
]


def open_store(path: str) -> Store:
    """Open (creating and migrating if needed) the store at `path`: a SQLite file, or a
    PostgreSQL database given as a `postgresql://…` URL (the `postgres` extra)."""
    from corroborate.store.postgres import PostgresStore, is_postgres_url

    if is_postgres_url(path):
        return PostgresStore(path)
    return SQLiteStore(path)
