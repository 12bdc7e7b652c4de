"""Peak memory and time of proposition linking as a ledger grows: incremental (`link_new`,
what ingest runs past `FULL_BELOW` claims) against the whole regroup (`--full`).

    OPENBLAS_NUM_THREADS=1 python benchmarks/link_memory.py --runs 6 --claims 10000 [--full]

    OPENBLAS_NUM_THREADS=1 python benchmarks/link_memory.py --from LEDGER.db --new-after N

With `--from`: a copy of an ingested ledger whose reports after the first N (by id) lose
their propositions, then linked in a child process in each way from that same state
(incremental, through the ledger's index when it has one; scan, incremental reading every
vector; whole regroup; `--modes` picks): each one's peak RSS, wall and CPU time, a digest of
the propositions (ids, labels, central claims, members and stances: equal digests,
identical propositions), and how far they are from one another (B-cubed over the grouped
claims). `--src OLD/src` links with another checkout's
code (e.g. `git archive COMMIT src | tar -x -C OLD`), to compare before and after on the
same ledger state.

A synthetic ledger (`link_speed.py`'s generator: claims straight into a SQLite store, no
NLP) grows by `--claims` claims per run; after each run the propositions are linked in a
child process, which prints its own peak RSS and linking time. The first line, the
baseline, is a child that imports the same modules and opens the store without linking.
Copy linking and `check`'s index are left out: only the propositions are measured.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from link_speed import PER_REPORT, report  # noqa: E402  (the same synthetic reports)

from corroborate.store import SQLiteStore  # noqa: E402

CHILD = """
import hashlib, resource, sqlite3, sys, time
from corroborate.link import propositions
from corroborate.store import SQLiteStore
store = SQLiteStore(sys.argv[1])
started, cpu = time.perf_counter(), time.process_time()
if sys.argv[2] == "scan":  # incremental, every stored vector read for every batch
    store.vector_index = lambda: None
if sys.argv[2] != "none":
    propositions.FULL_BELOW = 1 << 62 if sys.argv[2] == "full" else 0
    propositions.link_propositions(store)
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
count = len(store.propositions())
digest, conn = hashlib.sha256(), sqlite3.connect(sys.argv[1])
for query in ("SELECT id, label, claim_id FROM propositions ORDER BY id",
              "SELECT claim_id, proposition_id, stance FROM proposition_claims ORDER BY claim_id"):
    for row in conn.execute(query):
        digest.update(repr(tuple(row)).encode())
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, seconds, cpu, count,
      digest.hexdigest()[:16])
"""


def link_in_child(
    db: Path, mode: str, src: str | None = None
) -> tuple[float, float, float, int, str]:
    """(peak RSS in MB, seconds linking, CPU seconds, propositions, their digest) of one
    linking in a fresh process, with the code under `src` if given."""
    env = dict(os.environ, PYTHONPATH=src) if src else None
    done = subprocess.run([sys.executable, "-c", CHILD, str(db), mode], check=True,
                          capture_output=True, text=True, env=env)
    peak, seconds, cpu, count, digest = done.stdout.split()
    return float(peak), float(seconds), float(cpu), int(count), digest


def unlink_after(db: Path, first: int) -> int:
    """Forget the propositions of the claims of the reports after the first `first`, as if
    those reports had just been stored; returns how many claims that leaves ungrouped."""
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        later = "SELECT id FROM claims WHERE doc_id > ?"
        conn.execute(f"DELETE FROM propositions WHERE claim_id IN ({later})", (first,))
        conn.execute(f"DELETE FROM proposition_claims WHERE claim_id IN ({later})", (first,))
        conn.execute("DELETE FROM propositions WHERE id NOT IN "
                     "(SELECT proposition_id FROM proposition_claims)")
        # the new claims' keys: they were never linked
        keys = [row[0] for row in conn.execute(
            "SELECT d.key || '#' || c.start FROM claims c JOIN documents d ON d.id = c.doc_id "
            "WHERE c.doc_id > ?", (first,))]
        # the keys that start with "KEY#": a range over the primary key ('$' follows '#'),
        # not LIKE, which scans the table for each key and reads '_' and '%' in URLs
        conn.executemany("DELETE FROM proposition_keys WHERE claim_key >= ? AND claim_key < ?",
                         [(key + "#", key + "$") for key in keys])
        return len(keys)


def from_ledger(
    source: Path, first: int, modes: list[str], src: str | None = None
) -> None:
    from corroborate.evaluate.emergent import bcubed

    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "base.db"
        with sqlite3.connect(source) as conn, sqlite3.connect(base) as target:
            conn.backup(target)
        ungrouped = unlink_after(base, first)
        print(f"{source}: reports after the first {first} unlinked ({ungrouped} claims)")
        found = {}
        for mode in modes:
            db = Path(folder) / f"{mode}.db"
            shutil.copy(base, db)
            peak, seconds, cpu, count, digest = link_in_child(db, mode, src)
            print(f"{mode}: {seconds:.0f} s wall, {cpu:.0f} s CPU, peak RSS {peak:.0f} MB, "
                  f"{count} propositions (digest {digest})", flush=True)
            with sqlite3.connect(db) as conn:
                found[mode] = dict(conn.execute(
                    "SELECT claim_id, proposition_id FROM proposition_claims").fetchall())
        for mode, against in (("incremental", "full"), ("scan", "full"),
                              ("incremental", "scan")):
            if mode in found and against in found:
                claims = sorted(set(found[mode]) & set(found[against]))
                scores = bcubed([found[mode][c] for c in claims],
                                [found[against][c] for c in claims])
                print(f"{mode} against {against}: B-cubed P {{:.3f}} R {{:.3f}} F1 {{:.3f}} "
                      "over {} claims".format(*scores, len(claims)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--from", dest="source", help="an ingested SQLite ledger")
    parser.add_argument("--new-after", type=int, default=1000)
    parser.add_argument("--modes", nargs="+", choices=("incremental", "scan", "full"),
                        default=["incremental", "full"],
                        help="with --from: which linkings (scan: incremental without the "
                             "index, every vector read for each batch)")
    parser.add_argument("--src", help="with --from: link with the code under this folder")
    parser.add_argument("--runs", type=int, default=6)
    parser.add_argument("--claims", type=int, default=10_000, help="claims added per run")
    parser.add_argument("--full", action="store_true", help="regroup the whole ledger")
    args = parser.parse_args()
    if args.source:
        from_ledger(Path(args.source), args.new_after, args.modes, args.src)
        return
    mode = "full" if args.full else "incremental"
    rng, number = random.Random(11), 0
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "ledger.db"
        SQLiteStore(db).close()
        peak, *_ = link_in_child(db, "none")
        print(f"baseline (imports, open store): peak RSS {peak:.0f} MB")
        print(f"linking: {mode}")
        print("| claims in the ledger | new | linking s | peak RSS MB | propositions |")
        for _ in range(args.runs):
            with SQLiteStore(db) as store:
                for _ in range(args.claims // PER_REPORT):
                    store.put(f"file:{number}", report(rng, number), "bench")
                    number += 1
            peak, seconds, _, count, _ = link_in_child(db, mode)
            print(f"| {number * PER_REPORT} | {args.claims} | {seconds:.1f} | {peak:.0f} "
                  f"| {count} |", flush=True)


if __name__ == "__main__":
    main()
