"""The PostgreSQL store keeps the SQLite store's schema and gives the same ledger."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from corroborate.export import TABLES, export
from corroborate.ingest import read_inputs
from corroborate.link import link_ledger
from corroborate.link.check import check, to_json
from corroborate.pipeline import default_pipeline, process_many, report_key
from corroborate.samples import sample_files
from corroborate.store import SQLiteStore, open_store
from corroborate.store.migrations import MIGRATIONS
from corroborate.store.pg_migrations import PG_MIGRATIONS, PG_ONLY_COLUMNS


def test_every_sqlite_migration_has_its_postgres_twin() -> None:
    # adding a migration to migrations.py? add the same change to pg_migrations.py
    assert len(PG_MIGRATIONS) == len(MIGRATIONS)


def test_both_backends_have_the_same_tables_and_columns(pg_cluster, tmp_path: Path) -> None:
    SQLiteStore(tmp_path / "x.db").close()
    with sqlite3.connect(tmp_path / "x.db") as conn:
        names = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'")]
        sqlite_columns = {
            name: {row[1] for row in conn.execute(f"PRAGMA table_info({name})")}
            for name in names
        }
    with open_store(pg_cluster.new_database()) as store:
        rows = store._conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name <> 'corroborate_schema'"
        ).fetchall()
    pg_columns: dict[str, set[str]] = {}
    for table, column in ((row[0], row[1]) for row in rows):
        if column not in PG_ONLY_COLUMNS.get(table, set()):
            pg_columns.setdefault(table, set()).add(column)
    assert pg_columns == sqlite_columns


@pytest.fixture(scope="module")
def processed() -> list[tuple[str, object]]:
    """The bundled samples through the pipeline, once, as (key, report)."""
    raws = [raw for raw in read_inputs(sample_files()) if not isinstance(raw, Exception)]
    return [(report_key(raw), report) for raw, report in process_many(raws)]


def _ledger(store: object, processed: list[tuple[str, object]]) -> dict[str, str]:
    for key, report in processed:
        store.put(key, report, default_pipeline().signature)
    link_ledger(store)
    exported = {}
    for table in TABLES:
        out = io.StringIO()
        export(store, table, "jsonl", out)
        exported[table] = out.getvalue()
    return exported


def test_both_backends_give_the_same_ledger(pg_cluster, tmp_path: Path, processed) -> None:
    with SQLiteStore(tmp_path / "ledger.db") as lite, open_store(
        pg_cluster.new_database()
    ) as pg:
        assert _ledger(pg, processed) == _ledger(lite, processed)
        assert pg.stats() == lite.stats()
        sentence = lite.document(1).title
        assert to_json(check(pg, sentence)) == to_json(check(lite, sentence))
        word = sentence.split()[-1]
        # the same reports found; their order is each engine's ranking (BM25, ts_rank)
        assert sorted(h.id for h in pg.search(word)) == sorted(h.id for h in lite.search(word))


def test_every_command_takes_a_postgres_url(pg_cluster, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from corroborate.cli import main

    report = tmp_path / "report.txt"
    report.write_text(
        "Bridge reopened in the valley\n\nEngineers reopened the river bridge on Tuesday, "
        "the transport ministry said. Rebels denied that they had shelled the market.\n",
        encoding="utf-8",
    )
    url = pg_cluster.new_database().replace("corroborate@", "corroborate:secret@")
    outputs = {}
    for db in (str(tmp_path / "ledger.db"), url):
        def run(*args: str, db: str = db) -> str:
            result = CliRunner().invoke(main, [*args, "--db", db], catch_exceptions=False)
            assert result.exit_code == 0, result.output
            return result.stdout.replace(db, "DB")

        outputs[db] = [
            run("ingest", str(report), "--workers", "1"), run("stats"), run("claims"),
            run("show", "1"), run("export", "claims"),
            # the hit, not its snippet: FTS5's snippet() and ts_headline() cut differently
            run("search", "bridge").splitlines()[0],
            run("propositions"), run("check", "Engineers reopened the river bridge"),
        ]
    lite, pg = outputs.values()
    assert "secret" not in "".join(pg)  # the password is never printed
    pg[0] = pg[0].replace(pg[0].split(": ")[0].split("\n")[-1], "DB")  # the redacted URL
    assert pg == lite
