"""The store's part of `check`'s index (cells, the index row, the trigger that drops it) on
both backends, and the full-text search that leaves out a large ledger's commonest words."""

from __future__ import annotations

import numpy as np
import pytest

from corroborate.model import Claim
from corroborate.store import SQLiteStore, sqlite
from corroborate.store.tables import VectorCellRow, VectorIndexRow
from tests.conftest import make_report


def _put(store: SQLiteStore, key: str, texts: list[str], version: str = "p1") -> list[int]:
    body, claims = "", []
    for text in texts:
        claims.append(Claim(len(body), len(body) + len(text), text))
        body += text + " "
    store.put(key, make_report(body.strip(), claims=tuple(claims), content_hash=key + version),
              version)
    doc_id = store._conn.execute("SELECT id FROM documents WHERE key = ?", (key,)).fetchone()[0]
    return [c.id for c in store.claims(doc_id=doc_id)]


def _vector(value: float) -> bytes:
    return np.full(4, value, dtype=np.float16).tobytes()


def _index(vectors: int) -> VectorIndexRow:
    return VectorIndexRow(vectors, 2, np.zeros((2, 4), dtype=np.float32).tobytes(),
                          np.array([vectors, 0], dtype=np.int64).tobytes(),
                          np.zeros(4).tobytes(), '{"documents": 0, "counts": {}}')


def test_vector_index_cells_and_new_vectors(fresh_store: SQLiteStore) -> None:
    first = _put(fresh_store, "file:a", ["One claim here.", "Another claim there."])
    fresh_store.put_claim_vectors([(i, _vector(n)) for n, i in enumerate(first)])
    assert fresh_store.vector_index() is None
    assert fresh_store.vector_counts() == (2, 0)
    cell = VectorCellRow(0, np.array(first, dtype=np.int64).tobytes(),
                         _vector(0) + _vector(1), np.array([1, 1], dtype=np.int64).tobytes())
    fresh_store.put_vector_index(_index(2), [cell], [(i, 0) for i in first], True)
    assert fresh_store.vector_index() == _index(2)
    assert fresh_store.cell_vectors([0, 1]) == [cell]
    assert fresh_store.vector_counts() == (2, 2)
    later = _put(fresh_store, "file:b", ["A third claim, stored later."])
    fresh_store.put_claim_vectors([(later[0], _vector(5))])
    assert fresh_store.new_claim_vectors() == (later, _vector(5))
    moved = VectorCellRow(0, np.array(first + later, dtype=np.int64).tobytes(),
                          _vector(0) + _vector(1) + _vector(5),
                          np.array([1, 1, 1], dtype=np.int64).tobytes())
    fresh_store.put_vector_index(_index(3), [moved], [(later[0], 0)], False)
    assert fresh_store.cell_vectors([0]) == [moved]  # the cell replaced, not added twice
    assert fresh_store.new_claim_vectors() == ([], b"")


def test_vector_index_dropped_when_an_indexed_vector_goes(fresh_store: SQLiteStore) -> None:
    ids = _put(fresh_store, "file:a", ["One claim here.", "Another claim there."])
    fresh_store.put_claim_vectors([(i, _vector(1)) for i in ids])
    fresh_store.put_vector_index(_index(2), [], [(i, 0) for i in ids], True)
    _put(fresh_store, "file:b", ["A claim never indexed."])  # adding keeps it
    assert fresh_store.vector_index() is not None
    _put(fresh_store, "file:a", ["The report rewritten."], "p2")  # replacing drops it
    assert fresh_store.vector_index() is None


def test_vector_index_a_vector_without_a_cell_may_go(fresh_store: SQLiteStore) -> None:
    ids = _put(fresh_store, "file:a", ["One claim here."])
    fresh_store.put_claim_vectors([(ids[0], _vector(1))])
    fresh_store.put_vector_index(_index(1), [], [(ids[0], 0)], True)
    new = _put(fresh_store, "file:b", ["A claim stored later."])
    fresh_store.put_claim_vectors([(new[0], _vector(2))])
    _put(fresh_store, "file:b", ["Rewritten before the next linking."], "p2")
    assert fresh_store.vector_index() is not None  # the index never held it


def test_postgres_statistics_renewed_with_the_index(pg_cluster) -> None:
    """The planner's row estimate for the vectors without a cell follows the index: taken
    while none had one, it would read the whole table on every `check`."""
    from corroborate.store.postgres import PostgresStore

    with PostgresStore(pg_cluster.new_database()) as store:
        ids = _put(store, "file:a", [f"Claim number {n} here." for n in range(300)])
        store.put_claim_vectors([(i, _vector(1)) for i in ids])
        store._conn.execute("ANALYZE claim_vectors")  # as after a bulk load
        assert _estimated_without_cell(store) > 100
        store.put_vector_index(_index(300), [], [(i, 0) for i in ids], True)
        assert _estimated_without_cell(store) < 10


def _estimated_without_cell(store: SQLiteStore) -> float:
    plan = store._conn.execute(
        "EXPLAIN (FORMAT JSON) SELECT claim_id FROM claim_vectors WHERE cell IS NULL"
    ).fetchone()[0]
    return float(plan[0]["Plan"]["Plan Rows"])


@pytest.fixture
def common_ledger(fresh_store: SQLiteStore, monkeypatch: pytest.MonkeyPatch):
    return fresh_store, _common(fresh_store, monkeypatch)


def _common(store: SQLiteStore, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    monkeypatch.setattr(sqlite, "COMMON_FLOOR", 10)
    monkeypatch.setattr(sqlite, "FTS_POSTINGS", 10)
    texts = [f"Officials said patrol {n} crossed the river." for n in range(30)]
    texts += ["Officials said the Veltra bridge was closed.", "Veltra was quiet."]
    return _put(store, "file:a", texts)


def test_search_claims_leaves_out_words_most_claims_hold(common_ledger) -> None:
    store, ids = common_ledger
    # "veltra": 2 claims, "bridge": 1, "said": 31 (over the 10 postings)
    assert sorted(store.search_claims(["said", "Veltra", "bridge"], 50)) == ids[-2:]


def test_search_claims_keeps_the_rarest_when_every_word_is_common(common_ledger) -> None:
    store, ids = common_ledger
    found = store.search_claims(["said", "river", "Officials"], 50)
    assert sorted(found) == ids[:30]  # "river": 30 claims, "said" and "officials": 31


def test_search_claims_with_the_planners_word_statistics(
    pg_cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL, with the statistics ANALYZE keeps of the commonest words, a word far
    over the postings searched is not counted, and the rarest of words all over them is
    the planner's; the claims found are the same as from exact counts (SQLite's)."""
    from corroborate.store.postgres import PostgresStore

    with PostgresStore(pg_cluster.new_database()) as store:
        _words_counted_by_the_planner(store, _common(store, monkeypatch))


def _words_counted_by_the_planner(store: SQLiteStore, ids: list[int]) -> None:
    store._conn.execute("ANALYZE claims")
    counted: list[object] = []
    execute = store._conn.execute

    def recording(sql: str, params: tuple[object, ...] = ()) -> object:
        if "count(*)" in sql:
            counted.extend(params)
        return execute(sql, params)

    store._conn.execute = recording  # type: ignore[method-assign]
    assert sorted(store.search_claims(["said", "Veltra", "bridge"], 50)) == ids[-2:]
    assert "said" not in counted and "Veltra" in counted  # 31 claims: over 1.25 x 10
    assert sorted(store.search_claims(["said", "river", "Officials"], 50)) == ids[:30]


def test_search_claims_small_ledger_searches_every_word(fresh_store: SQLiteStore) -> None:
    ids = _put(fresh_store, "file:a", ["Officials said a patrol crossed.", "Veltra was quiet."])
    assert sorted(fresh_store.search_claims(["said", "Veltra"], 50)) == ids


def test_vector_index_built_and_used_through_the_store_api(
    fresh_store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corroborate.link import index

    monkeypatch.setattr(index, "MIN_INDEXED", 10)
    rng = np.random.default_rng(4)
    ids = _put(fresh_store, "file:a", [f"Claim number {n} of the report." for n in range(60)])
    vectors = rng.normal(size=(60, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    fresh_store.put_claim_vectors(
        [(i, v.astype(np.float16).tobytes()) for i, v in zip(ids, vectors, strict=True)])
    assert index.update_index(fresh_store).startswith("index built")
    built = fresh_store.vector_index()
    assert built is not None and built.vectors == 60
    monkeypatch.setattr(index, "PROBE", built.cells)
    query = vectors[7]
    found = index.nearest(fresh_store, query, 5, 10)
    assert found.claim_ids[0] == ids[7] and found.frequencies is not None
    scores = vectors.astype(np.float16).astype(np.float32) @ query
    assert found.claim_ids == [ids[i] for i in np.argsort(-scores, kind="stable")[:5]]
