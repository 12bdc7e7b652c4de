"""Incremental proposition linking (`link_new`): new claims grouped in batches against the
stored propositions they touch, on both backends, without reading the whole ledger."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from corroborate.cli import main
from corroborate.link import link_ledger
from corroborate.link import propositions as props
from corroborate.model import Certainty, Claim
from corroborate.store import SQLiteStore
from tests.conftest import make_report
from tests.link.test_propositions import CLAIMS, _members
from tests.link.test_propositions_reports import _partition, _report
from tests.link.test_propositions_reports import (
    test_reports_ids_stable_across_reingest_and_new_reports as _ids_stable_check,
)


@pytest.fixture(autouse=True)
def incremental(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ledger here is small: link it incrementally all the same, in small batches."""
    monkeypatch.setattr(props, "FULL_BELOW", -1)
    monkeypatch.setattr(props, "BATCH", 2)


@pytest.fixture
def empty(store_on_both: SQLiteStore) -> SQLiteStore:
    return store_on_both


def _put_claim(store: SQLiteStore, name: str) -> None:
    text, source, cue, certainty, published, outlet = CLAIMS[name]
    claim = Claim(0, len(text), text, source=source, chain=(source,) if source else (),
                  cue=cue, certainty=certainty,
                  hedges=(cue,) if certainty is Certainty.DENIED else ())
    store.put(f"file:{name}", make_report(text, claims=(claim,), content_hash=f"hash-{name}",
                                          published=published, outlet=outlet, title=name), "p1")


def _state(store: SQLiteStore) -> list[tuple[int, str, list[tuple[str, str | None]]]]:
    """Each proposition's id, label and members (report key, stance)."""
    return [
        (p.id, p.label, sorted((e.doc_key, e.stance) for e in store.evidence(proposition_id=p.id)))
        for p in store.propositions()
    ]


@pytest.mark.parametrize("order", ["abcde", "edcba"])
def test_reports_linked_one_by_one_group_as_a_full_regroup(empty: SQLiteStore,
                                                           order: str) -> None:
    for name in order:
        _put_claim(empty, name)
        link_ledger(empty)  # each report meets the propositions stored before it
    incremental = _members(empty)
    assert frozenset({"Officials", "Residents", "The"}) in incremental
    assert len(incremental) == 2  # the harbour alone; "Fine." too short to group
    before = _state(empty)
    link_ledger(empty, full=True)
    assert _state(empty) == before  # the whole regroup agrees, ids and stances included


def test_reingest_and_new_reports_keep_ids(tmp_path: Path) -> None:
    _ids_stable_check(tmp_path)  # the same check as for the whole regroup, incrementally


class _NoWholeReads:
    """A store whose whole-ledger reads fail: incremental linking must not use them."""

    def __init__(self, store: SQLiteStore) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        if name in {"claim_vectors", "claim_vector_matrix", "proposition_keys",
                    "replace_propositions"}:
            raise AssertionError(f"incremental linking read the whole ledger: {name}")
        return getattr(self._store, name)

    def evidence(self, claim_ids: list[int] | None = None, proposition_id: int | None = None
                 ) -> list[Any]:
        assert claim_ids is not None, "incremental linking read every claim"
        return self._store.evidence(claim_ids, proposition_id)


def test_incremental_reads_only_batches_and_their_neighbours(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "l.db") as store:
        for name in "ab":
            _put_claim(store, name)
        link_ledger(store)
        for name in "cde":
            _put_claim(store, name)
        props.link_propositions(_NoWholeReads(store))  # type: ignore[arg-type]
        assert frozenset({"Officials", "Residents", "The"}) in _members(store)


def test_killed_between_batches_resumes_to_the_same_ledger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = ["wire", "chain1", "denial", "chain2", "other", "copy"]

    def ledger(path: Path) -> SQLiteStore:
        store = SQLiteStore(path)
        for key in keys[:2]:
            store.put(f"file:{key}", _report(key)[0], "p1")  # type: ignore[arg-type]
        link_ledger(store)
        for key in keys[2:]:
            store.put(f"file:{key}", _report(key)[0], "p1")  # type: ignore[arg-type]
        return store

    with ledger(tmp_path / "whole.db") as whole:
        link_ledger(whole)
        expected = _state(whole)
    with ledger(tmp_path / "killed.db") as killed:
        update, calls = killed.update_propositions, []

        def dies_on_the_third(*args: Any) -> None:
            calls.append(1)
            if len(calls) == 3:
                raise KeyboardInterrupt  # as a kill: nothing after this batch is written
            update(*args)

        monkeypatch.setattr(killed, "update_propositions", dies_on_the_third)
        with pytest.raises(KeyboardInterrupt):
            link_ledger(killed)
        partial = _partition(killed)[0]
        monkeypatch.setattr(killed, "update_propositions", update)
        link_ledger(killed)
        assert _state(killed) == expected
    assert partial  # the batches before the kill were kept


def test_link_cli_full_regroups_what_was_linked_incrementally(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    with SQLiteStore(db) as store:
        for name in "dcba":
            _put_claim(store, name)
            link_ledger(store)
        before = _state(store)
    runner = CliRunner()
    full = runner.invoke(main, ["link", "--full", "--db", str(db)])
    assert full.exit_code == 0 and full.output.strip() == "2 propositions"
    with SQLiteStore(db) as store:
        assert _state(store) == before
    missing = runner.invoke(main, ["link", "--db", str(tmp_path / "nothing.db")])
    assert missing.exit_code == 1 and "no ledger at" in missing.output
