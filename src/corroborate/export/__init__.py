"""Exports of the ledger (JSON Lines, CSV)."""

from __future__ import annotations

from typing import TextIO

from corroborate.export.rows import TABLES, columns, rows
from corroborate.export.writers import WRITERS
from corroborate.store import Store

__all__ = ["FORMATS", "TABLES", "export"]
FORMATS = tuple(WRITERS)


def export(store: Store, table: str, fmt: str, out: TextIO) -> int:
    """Write every row of `table` to `out` in format `fmt`; return the number of rows."""
    return WRITERS[fmt](rows(store, table), columns(table), out)
