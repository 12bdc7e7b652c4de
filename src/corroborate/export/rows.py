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
)
TABLES = ("documents", "claims")


def rows(store: Store, table: str) -> Iterator[dict[str, Any]]:
    """Rows of `table` with exactly the export columns, in order."""
    if table == "documents":
        for document in store.documents():
            yield {column: document[column] for column in DOCUMENT_COLUMNS}
    elif table == "claims":
        for claim in store.claims():
            yield {column: claim[column] for column in CLAIM_COLUMNS}
    else:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")


def columns(table: str) -> tuple[str, ...]:
    return DOCUMENT_COLUMNS if table == "documents" else CLAIM_COLUMNS
