"""Exports of the ledger (JSON Lines, CSV; places also GeoJSON)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TextIO

from corroborate.errors import CorroborateError
from corroborate.export.rows import TABLES as STORED_TABLES
from corroborate.export.rows import columns, rows
from corroborate.export.writers import WRITERS
from corroborate.store import Store

__all__ = ["FORMATS", "TABLES", "export"]
FORMATS = tuple(WRITERS)
# Propositions are computed views (corroborate.link.timeline), each with its claims nested.
TABLES = (*STORED_TABLES, "propositions")


def export(store: Store, table: str, fmt: str, out: TextIO) -> int:
    """Write every row of `table` to `out` in format `fmt`; return the number of rows."""
    if fmt == "geojson" and table != "places":
        raise CorroborateError(f"--format geojson needs coordinates: export places, not {table}")
    if table == "propositions":
        from corroborate.link.timeline import PROPOSITION_COLUMNS

        return WRITERS[fmt](_propositions(store), PROPOSITION_COLUMNS, out)
    return WRITERS[fmt](rows(store, table), columns(table), out)


def _propositions(store: Store) -> Iterator[dict[str, Any]]:
    from corroborate.link.timeline import summaries, to_json

    for found in summaries(store):
        yield to_json(found)
