"""Peak memory and time of proposition linking as a ledger grows: incremental (`link_new`,
what ingest runs past `FULL_BELOW` claims) against the whole regroup (`--full`).

    OPENBLAS_NUM_THREADS=1 python benchmarks/link_memory.py --runs 6 --claims 10000 [--full]

A synthetic ledger (`link_speed.py`'s generator: claims straight into a SQLite store, no
NLP) grows by `--claims` claims per run; after each run the propositions are linked in a
child process, which prints its own peak RSS and linking time. The first line, the
baseline, is a child that imports the same modules and opens the store without linking.
Copy linking and `check`'s index are left out: only the propositions are measured.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from link_speed import PER_REPORT, report  # noqa: E402  (the same synthetic reports)

from corroborate.store import SQLiteStore  # noqa: E402

CHILD = """
import resource, sys, time
from corroborate.link import propositions
from corroborate.store import SQLiteStore
store = SQLiteStore(sys.argv[1])
started = time.perf_counter()
if sys.argv[2] != "none":
    propositions.FULL_BELOW = 0 if sys.argv[2] == "incremental" else 1 << 62
    propositions.link_propositions(store)
seconds = time.perf_counter() - started
count = len(store.propositions())
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, seconds, count)
"""


def link_in_child(db: Path, mode: str) -> tuple[float, float, int]:
    """(peak RSS in MB, seconds linking, propositions) of one linking in a fresh process."""
    done = subprocess.run([sys.executable, "-c", CHILD, str(db), mode], check=True,
                          capture_output=True, text=True)
    peak, seconds, count = done.stdout.split()
    return float(peak), float(seconds), int(count)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=6)
    parser.add_argument("--claims", type=int, default=10_000, help="claims added per run")
    parser.add_argument("--full", action="store_true", help="regroup the whole ledger")
    args = parser.parse_args()
    mode = "full" if args.full else "incremental"
    rng, number = random.Random(11), 0
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "ledger.db"
        SQLiteStore(db).close()
        peak, _, _ = link_in_child(db, "none")
        print(f"baseline (imports, open store): peak RSS {peak:.0f} MB")
        print(f"linking: {mode}")
        print("| claims in the ledger | new | linking s | peak RSS MB | propositions |")
        for _ in range(args.runs):
            with SQLiteStore(db) as store:
                for _ in range(args.claims // PER_REPORT):
                    store.put(f"file:{number}", report(rng, number), "bench")
                    number += 1
            peak, seconds, count = link_in_child(db, mode)
            print(f"| {number * PER_REPORT} | {args.claims} | {seconds:.1f} | {peak:.0f} "
                  f"| {count} |", flush=True)


if __name__ == "__main__":
    main()
