"""How far a ledger's incrementally linked propositions are from a whole regroup of it.

    OPENBLAS_NUM_THREADS=1 python benchmarks/link_agreement.py LEDGER.db

Copies the ledger (SQLite's backup API; the original is left as it is), regroups the copy's
propositions whole (`regroup_all`, as `corroborate link --full` does) and scores the
ledger's propositions against the regroup's: B-cubed precision, recall and F1 over the
grouped claims (by claim id), how many propositions each has, how many of the regroup's
propositions kept their id with the same claims, and the regroup's time and peak RSS.
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import tempfile
import time
from pathlib import Path

from corroborate.evaluate.emergent import bcubed
from corroborate.link.propositions import regroup_all
from corroborate.store import SQLiteStore


def partition(store: SQLiteStore) -> dict[int, int]:
    """Each grouped claim's proposition."""
    return {e.claim_id: e.proposition_id for e in store.evidence()
            if e.proposition_id is not None}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("ledger")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "copy.db"
        with sqlite3.connect(args.ledger) as source, sqlite3.connect(copy) as target:
            source.backup(target)
        with SQLiteStore(copy) as store:
            linked = partition(store)
            started = time.perf_counter()
            regroup_all(store)
            seconds = time.perf_counter() - started
            whole = partition(store)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    claims = sorted(set(linked) & set(whole))
    precision, recall, f1 = bcubed([linked[c] for c in claims], [whole[c] for c in claims])
    members: dict[int, set[int]] = {}
    for claim, number in whole.items():
        members.setdefault(number, set()).add(claim)
    before: dict[int, set[int]] = {}
    for claim, number in linked.items():
        before.setdefault(number, set()).add(claim)
    same = sum(1 for number, group in members.items() if before.get(number) == group)
    print(f"{len(claims)} grouped claims ({len(linked)} linked, {len(whole)} regrouped); "
          f"propositions: linked {len(before)}, whole regroup {len(members)}, "
          f"{same} identical with the same id")
    print(f"linked against whole regroup: B-cubed P {precision:.3f} R {recall:.3f} "
          f"F1 {f1:.3f}; regroup {seconds:.0f} s, peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
