"""`update_propositions`: a linking batch's propositions replace those it took apart, on
both backends, and only what changed is written (a batch regroups many stored claims that
come out where they were)."""

from __future__ import annotations

from pathlib import Path

from corroborate.model import Claim
from corroborate.store import SQLiteStore
from tests.conftest import make_report

Group = tuple[int, str, int, list[tuple[int, str]]]


def _claims(store: SQLiteStore, count: int = 5) -> list[int]:
    """`count` stored claims, one report each; their ids in order."""
    for n in range(count):
        text = f"Officials said bridge {n} was closed."
        claim = Claim(start=0, end=len(text), text=text, source="Officials", cue="said")
        store.put(f"file:r{n}", make_report(text, content_hash=f"h{n}", claims=(claim,)), "p1")
    return sorted(claim.id for claim in store.claims())


def _state(store: SQLiteStore) -> tuple[list[tuple[int, str, int]], dict[int, tuple], dict]:
    propositions = [(p.id, p.label, p.claim_id) for p in store.propositions()]
    members = {item.claim_id: (item.proposition_id, item.stance) for item in store.evidence()
               if item.proposition_id is not None}
    return propositions, members, store.proposition_keys()


def _first(ids: list[int]) -> tuple[list[Group], list[tuple[str, int]]]:
    a, b, c, d, e = ids
    groups = [
        (1, "bridge 0", a, [(a, "supports"), (b, "supports")]),
        (2, "bridge 2", c, [(c, "supports"), (d, "refutes")]),
        (3, "bridge 4", e, [(e, "supports")]),
    ]
    keys = [("ka", 1), ("kb", 1), ("kc", 2), ("kd", 2), ("ke", 3)]
    return groups, keys


def test_update_replaces_taken_apart_propositions_and_keeps_the_rest(
    fresh_store: SQLiteStore,
) -> None:
    ids = _claims(fresh_store)
    a, b, c, d, e = ids
    groups, keys = _first(ids)
    fresh_store.update_propositions([], groups, keys, 4)
    assert _state(fresh_store) == (
        [(1, "bridge 0", a), (2, "bridge 2", c), (3, "bridge 4", e)],
        {a: (1, "supports"), b: (1, "supports"), c: (2, "supports"), d: (2, "refutes"),
         e: (3, "supports")},
        dict(keys),
    )
    # 1 comes back as it was; 2 loses d, whose stance changes, to a new proposition 4; 3 is
    # not taken apart and stays
    again = [
        (1, "bridge 0", a, [(b, "supports"), (a, "supports")]),  # members in another order
        (2, "bridge 2", c, [(c, "supports")]),
        (4, "bridge 3", d, [(d, "supports")]),
    ]
    fresh_store.update_propositions(
        [1, 2], again, [("ka", 1), ("kb", 1), ("kc", 2), ("kd", 4)], 5)
    assert _state(fresh_store) == (
        [(1, "bridge 0", a), (2, "bridge 2", c), (3, "bridge 4", e), (4, "bridge 3", d)],
        {a: (1, "supports"), b: (1, "supports"), c: (2, "supports"), d: (4, "supports"),
         e: (3, "supports")},
        {"ka": 1, "kb": 1, "kc": 2, "kd": 4, "ke": 3},
    )
    assert fresh_store.next_proposition_id() == 5
    # a proposition taken apart and not given back is gone; one whose label changes is
    # rewritten
    fresh_store.update_propositions(
        [1, 4], [(1, "bridge 1", b, [(a, "supports"), (b, "supports"), (d, "discusses")])],
        [("ka", 1), ("kb", 1), ("kd", 1)], 6)
    assert _state(fresh_store) == (
        [(1, "bridge 1", b), (2, "bridge 2", c), (3, "bridge 4", e)],
        {a: (1, "supports"), b: (1, "supports"), c: (2, "supports"), d: (1, "discusses"),
         e: (3, "supports")},
        {"ka": 1, "kb": 1, "kc": 2, "kd": 1, "ke": 3},
    )


def test_update_writes_only_what_changed(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "l.db") as store:
        ids = _claims(store, 6)
        groups, keys = _first(ids[:5])
        store.update_propositions([], groups, keys, 4)

        def written(removed: list[int], given: list[Group]) -> int:
            before = store._conn.total_changes
            store.update_propositions(removed, given, [], 4)
            return store._conn.total_changes - before - 1  # less the id counter

        assert written([1, 2, 3], groups) == 0  # given back as stored
        a, b, c, d, e, f = ids
        joined = (1, "bridge 0", a, [(a, "supports"), (b, "supports"), (f, "supports")])
        assert written([1], [joined]) == 1  # f's row alone
        assert written([3], [(3, "bridge 4", e, [(e, "discusses")])]) == 2  # e's, rewritten
        assert written([1], [(1, "bridge 5", f, joined[3])]) == 1  # the label and centre
        assert written([2, 3], [(2, "bridge 2", c, [(c, "supports"), (d, "refutes"),
                                                    (e, "discusses")])]) == 3  # 3 gone
        assert _state(store)[:2] == (
            [(1, "bridge 5", f), (2, "bridge 2", c)],
            {a: (1, "supports"), b: (1, "supports"), f: (1, "supports"),
             c: (2, "supports"), d: (2, "refutes"), e: (2, "discusses")},
        )
