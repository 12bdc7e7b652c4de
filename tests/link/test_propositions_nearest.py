"""The nearest grouped claims of incremental linking (`propositions._nearest_grouped`):
through `check`'s index when the ledger has one, with what the exact scan finds when every
cell is probed, the grouped claims stored since the index was built, never an ungrouped
claim, and a stored claim's copies whatever the probes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corroborate.link import index
from corroborate.link import propositions as props
from corroborate.link.index import update_index
from corroborate.store import SQLiteStore
from tests.link.test_index import _add, _queries, _Unindexed


@pytest.fixture
def ledger(store_on_both: SQLiteStore, monkeypatch: pytest.MonkeyPatch) -> SQLiteStore:
    """Ten reports grouped and indexed, an eleventh grouped after the index was built, a
    twelfth stored and not grouped."""
    monkeypatch.setattr(index, "MIN_INDEXED", 50)
    monkeypatch.setattr(props, "FULL_BELOW", -1)
    rng = np.random.default_rng(1)
    for number in range(10):
        _add(store_on_both, number, rng)
    props.regroup_all(store_on_both)
    assert update_index(store_on_both).startswith("index built")
    _add(store_on_both, 10, rng)
    props.link_new(store_on_both)
    _add(store_on_both, 11, rng)
    return store_on_both


def _ask(store: SQLiteStore, raw: np.ndarray) -> list[int]:
    mean, count, _ = props._ledger_mean(store)
    mean = props.common(mean, count)
    return props._nearest_grouped(store, props._unit_less(raw, mean), mean, raw)


def _ungrouped(store: SQLiteStore) -> set[int]:
    ids = [claim.id for claim in store.claims()]
    return set(ids) - set(store.propositions_of(ids))


def test_probing_every_cell_finds_what_the_scan_finds(
    ledger: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = ledger.vector_index()
    assert built is not None and built.cells > 1
    monkeypatch.setattr(index, "PROBE", built.cells)
    raw = _queries(6)
    found = _ask(ledger, raw)
    assert found == _ask(_Unindexed(ledger), raw)  # type: ignore[arg-type]
    assert len(found) >= 2 * props.CANDIDATES  # queries share some of their nearest


def test_grouped_since_the_build_are_found_and_ungrouped_never(
    ledger: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "PROBE", 1)
    ungrouped = _ungrouped(ledger)
    assert len(ungrouped) == 40
    since = [claim_id for claim_id, _ in ledger.claim_vector_pages(10_000, grouped=True)][0]
    new_ids, blob = ledger.new_claim_vectors()
    grouped_new = [(i, v) for i, v in zip(new_ids, np.frombuffer(blob, dtype=np.float16)
                                          .reshape(len(new_ids), -1), strict=True)
                   if i not in ungrouped]
    assert len(grouped_new) == 40 and since
    # a grouped claim stored after the build is its own nearest claim, found without a cell
    first_id, first_vector = grouped_new[0]
    found = _ask(ledger, first_vector.astype(np.float32)[None, :])
    assert first_id in found
    assert not set(found) & ungrouped
    assert not set(_ask(ledger, _queries(20))) & ungrouped


def test_nothing_stored_since_the_build(
    store_on_both: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "MIN_INDEXED", 50)
    rng = np.random.default_rng(4)
    for number in range(3):
        _add(store_on_both, number, rng)
    props.regroup_all(store_on_both)
    update_index(store_on_both)
    assert not store_on_both.new_claim_vectors()[0]
    assert len(_ask(store_on_both, _queries(2))) >= props.CANDIDATES


def test_a_stored_claim_is_found_through_its_own_cell(
    ledger: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "PROBE", 1)
    indexed = ledger.cell_vectors(list(range(ledger.vector_index().cells)))  # type: ignore[union-attr]
    for cell in indexed[:5]:
        claim_ids = np.frombuffer(cell.claim_ids, dtype=np.int64)
        vector = index.cell_matrix(cell, 16)[:1]
        assert int(claim_ids[0]) in _ask(ledger, vector)


def test_linking_through_the_index_probing_every_cell_equals_the_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "MIN_INDEXED", 50)
    monkeypatch.setattr(props, "FULL_BELOW", -1)
    monkeypatch.setattr(props, "BATCH", 15)
    states = []
    for through_index in (True, False):
        rng = np.random.default_rng(3)
        with SQLiteStore(tmp_path / f"{through_index}.db") as store:
            for number in range(6):
                _add(store, number, rng)
            props.regroup_all(store)
            update_index(store)
            monkeypatch.setattr(index, "PROBE", store.vector_index().cells)  # type: ignore[union-attr]
            for number in range(6, 9):
                _add(store, number, rng)
            props.link_new(store if through_index else _Unindexed(store))  # type: ignore[arg-type]
            states.append(sorted(
                sorted(e.claim_id for e in store.evidence(proposition_id=p.id))
                for p in store.propositions()))
    assert states[0] == states[1]
    assert len(states[0]) < 9 * 40  # claims were grouped
