"""Issue #18's columns: a claim's source as written, a report's dateline, and mentions
filed under the name the report settles on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from corroborate.model import Claim, Mention
from corroborate.store import SQLiteStore
from corroborate.store.migrations import MIGRATIONS
from tests.conftest import make_report

TEXT = "Ali Nur said the dam held. He said the river fell. al-Waer and Al-Waer were calm."


def _claims() -> tuple[Claim, ...]:
    first, second = TEXT.index("Ali Nur"), TEXT.index("He said")
    return (
        Claim(first, first + 26, TEXT[first : first + 26], source="Ali Nur", chain=("Ali Nur",),
              cue="said", source_as_written="Ali Nur"),
        Claim(second, second + 24, TEXT[second : second + 24], source="Ali Nur",
              chain=("Ali Nur",), cue="said", source_as_written="He"),
    )


def test_sqlite_stores_source_as_written_and_dateline(fresh_store: SQLiteStore) -> None:
    report = make_report(
        TEXT,
        claims=_claims(),
        dateline_place="TOLVA",
        dateline_date="2019-05-02",
        dateline_agency="Corvus",
    )
    fresh_store.put("file:a", report, "p1")
    assert [(c.source, c.source_as_written) for c in fresh_store.claims()] == [
        ("Ali Nur", "Ali Nur"),
        ("Ali Nur", "He"),
    ]
    [document] = list(fresh_store.documents())
    assert (document.dateline_place, document.dateline_date, document.dateline_agency) == (
        "TOLVA",
        "2019-05-02",
        "Corvus",
    )


def test_sqlite_files_case_variants_under_the_reports_name(fresh_store: SQLiteStore) -> None:
    lower, upper = TEXT.index("al-Waer"), TEXT.index("Al-Waer")
    mentions = (
        Mention(lower, lower + 7, "al-Waer", "LOC", name="Al-Waer"),
        Mention(upper, upper + 7, "Al-Waer", "LOC", name="Al-Waer"),
    )
    fresh_store.put("file:a", make_report(TEXT, mentions=mentions), "p1")
    [entity] = list(fresh_store.entities())
    assert (entity.name, entity.mentions) == ("Al-Waer", 2)


def test_sqlite_upgrade_adds_the_columns_empty(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    connection = sqlite3.connect(path)
    mine = next(i for i, script in enumerate(MIGRATIONS) if "source_as_written" in script)
    for number, script in enumerate(MIGRATIONS[:mine], start=1):
        connection.executescript(script)
        connection.execute(f"PRAGMA user_version = {number}")
    connection.commit()
    connection.close()
    with SQLiteStore(path) as store:
        store.put("file:a", make_report(TEXT, claims=_claims(), dateline_agency="Corvus"), "p1")
        assert [c.source_as_written for c in store.claims()] == ["Ali Nur", "He"]
        assert [d.dateline_agency for d in store.documents()] == ["Corvus"]
