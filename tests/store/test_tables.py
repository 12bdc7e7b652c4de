"""The table declarations (store/tables.py) and the migrations' SQL must not drift apart."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from corroborate.store import SQLiteStore
from corroborate.store.tables import CLAIMS, DOCUMENTS, TABLES, Table, to_json
from tests.conftest import make_report


@pytest.fixture(scope="module")
def schema(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    """A fresh database migrated to the current version."""
    path: Path = tmp_path_factory.mktemp("schema") / "ledger.db"
    SQLiteStore(path).close()
    return sqlite3.connect(path)


def _table_info(conn: sqlite3.Connection, table: str) -> dict[str, sqlite3.Row]:
    conn.row_factory = sqlite3.Row
    return {row["name"]: row for row in conn.execute(f"PRAGMA table_info({table})")}


def test_tables_every_real_table_is_declared(schema: sqlite3.Connection) -> None:
    rows = schema.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [name for name, sql in rows if sql.upper().startswith("CREATE VIRTUAL TABLE")]
    # A virtual table (full-text search) keeps its data in shadow tables named after it.
    real = {name for name, _ in rows if not any(name.startswith(v) for v in virtual)}
    assert real == {table.name for table in TABLES}


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_tables_migrated_columns_match_the_declaration(
    schema: sqlite3.Connection, table: Table
) -> None:
    assert set(_table_info(schema, table.name)) == set(table.columns)
    assert len(set(table.columns)) == len(table.columns)


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_tables_optional_fields_are_the_nullable_columns(
    schema: sqlite3.Connection, table: Table
) -> None:
    info = _table_info(schema, table.name)
    for field in dataclasses.fields(table.row):
        if field.name in table.derived:
            continue
        nullable = not info[field.name]["notnull"] and not info[field.name]["pk"]
        assert nullable == ("None" in str(field.type)), f"{table.name}.{field.name}"


def test_tables_declared_exceptions_name_real_fields() -> None:
    for table in TABLES:
        assert set(table.derived) | set(table.private) <= set(table.fields), table.name
        assert not set(table.owner) & set(table.fields), table.name


def test_tables_to_json_gives_plain_values_in_export_order(fresh_store: SQLiteStore) -> None:
    fresh_store.put("file:a", make_report(), "p1")
    [document] = fresh_store.documents()
    [claim] = fresh_store.claims()
    exported = to_json(document, DOCUMENTS)
    assert tuple(exported) == DOCUMENTS.exported and "raw" not in exported
    assert exported["noise"] == [{"line": 0, "text": "2 min read", "reason": "furniture"}]
    plain = to_json(claim, CLAIMS)
    assert plain["chain"] == ["Officials"] and plain["hedges"] == []
    assert type(plain["certainty"]) is str
