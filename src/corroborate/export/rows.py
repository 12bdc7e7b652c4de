"""The export schema: which columns a documents or claims row has, in order.

Later issues add columns at the end; existing ones never change meaning.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from corroborate.store import Store

DOCUMENT_COLUMNS = (
    "id", "path", "row", "format", "url", "outlet", "outlet_source", "title", "title_source",
    "byline", "published", "published_source", "language", "claims_status", "content_hash",
    "text", "noise",
)
CLAIM_COLUMNS = (
    "id", "doc_id", "start", "end", "text", "source", "chain", "cue", "certainty", "hedges",
    "source_start", "source_end", "cue_start", "cue_end", "content_start", "content_end",
    "attributed_by",
)
ENTITY_COLUMNS = ("id", "name", "type", "mentions", "documents")
TABLES = ("documents", "claims", "entities")
_COLUMNS = {"documents": DOCUMENT_COLUMNS, "claims": CLAIM_COLUMNS, "entities": ENTITY_COLUMNS}


def rows(store: Store, table: str) -> Iterator[dict[str, Any]]:
    """Rows of `table` with exactly the export columns, in order."""
    sources = {"documents": store.documents, "claims": store.claims, "entities": store.entities}
    if table not in sources:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    for row in sources[table]():
        yield {column: row[column] for column in _COLUMNS[table]}


def columns(table: str) -> tuple[str, ...]:
    return _COLUMNS[table]
