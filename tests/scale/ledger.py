"""A ledger's whole content, for comparing two ledgers row by row."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

# Written by the store when it stores a report: differs between two runs by design.
VOLATILE = {"documents": {"ingested_at"}}


def ledger_content(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the SQLite ledger at `path` (full-text indexes aside:
    they are derived from the documents and claims), ids included, in a fixed order."""
    conn = sqlite3.connect(path)
    try:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
                "ORDER BY name"
            )
        ]
        content = {}
        for name in names:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({name})")]
            kept = [c for c in columns if c not in VOLATILE.get(name, set())]
            select = ", ".join(f'"{c}"' for c in kept)
            content[name] = sorted(
                conn.execute(f"SELECT {select} FROM {name}").fetchall(), key=repr
            )
        return content
    finally:
        conn.close()
