"""`set_copies`: each document's copy link set, on both backends, and only the rows whose
link changes written (a write re-indexes the document's full text)."""

from __future__ import annotations

from pathlib import Path

from corroborate.store import SQLiteStore
from tests.conftest import make_report


def _three(store: SQLiteStore) -> list[int]:
    for name in "abc":
        store.put(f"file:{name}", make_report(f"Report {name} text.", content_hash=name), "p1")
    return sorted(d.id for d in store.documents())


def _links(store: SQLiteStore) -> dict[int, int | None]:
    return {d.id: d.copy_of for d in store.documents()}


def test_set_copies_sets_links_from_none_to_none_and_between(fresh_store: SQLiteStore) -> None:
    a, b, c = _three(fresh_store)
    fresh_store.set_copies({a: None, b: a, c: a})
    assert _links(fresh_store) == {a: None, b: a, c: a}
    fresh_store.set_copies({a: None, b: a, c: None})  # c leaves, b stays
    assert _links(fresh_store) == {a: None, b: a, c: None}
    fresh_store.set_copies({a: c, b: c, c: None})  # the original changes
    assert _links(fresh_store) == {a: c, b: c, c: None}
    assert len(fresh_store.search("Report")) == 3  # the text index still reads them


def test_set_copies_writes_only_changed_rows(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "l.db") as store:
        a, b, c = _three(store)
        store.set_copies({a: None, b: a, c: None})
        written = store._conn.total_changes
        store.set_copies({a: None, b: a, c: None})
        assert store._conn.total_changes == written  # nothing changed, nothing written
        store.set_copies({a: None, b: a, c: a})
        assert store._conn.total_changes > written
