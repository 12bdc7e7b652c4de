"""The export schema: which columns a documents, claims, entities, places or actors row
has, in order.

Derived from the table declarations in `corroborate.store.tables`: a row's fields in
order, less the ones the table keeps private. Later issues add columns at the end;
existing ones never change meaning.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from corroborate.store import Store
from corroborate.store.tables import ACTORS, CLAIMS, DOCUMENTS, ENTITIES, PLACES, Table, to_json

EXPORTED: dict[str, Table] = {
    table.name: table for table in (DOCUMENTS, CLAIMS, ENTITIES, PLACES, ACTORS)
}
TABLES = tuple(EXPORTED)
DOCUMENT_COLUMNS = DOCUMENTS.exported
CLAIM_COLUMNS = CLAIMS.exported
ENTITY_COLUMNS = ENTITIES.exported


def rows(store: Store, table: str) -> Iterator[dict[str, Any]]:
    """Rows of `table` with exactly the export columns, in order, as plain JSON values."""
    sources: dict[str, Callable[[], Iterable[Any]]] = {
        "documents": store.documents,
        "claims": store.claims,
        "entities": store.entities,
        "places": store.places,
        "actors": store.actors,
    }
    if table not in sources:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    for row in sources[table]():
        yield to_json(row, EXPORTED[table])


def columns(table: str) -> tuple[str, ...]:
    return EXPORTED[table].exported
