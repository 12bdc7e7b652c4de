"""Start-up time and memory of the query commands on an empty ledger (issue 10).

Each command runs as a fresh process, `--runs` times; the figure is the median wall time and
the peak RSS of the child. The baseline, run the same way in the same script, is a bare
`python -c pass` of the same interpreter: what no command can go below.

    python benchmarks/cli_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = (
    ("--version",),
    ("stats",),
    ("claims",),
    ("search", "bridge"),
    ("export", "claims"),
    ("show", "1"),
)


def timed(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and the child's peak RSS in MiB."""
    start = time.perf_counter()
    subprocess.run(argv, capture_output=True, check=False)
    seconds = time.perf_counter() - start
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def median_of(argv: list[str], runs: int) -> tuple[float, float]:
    results = [timed(argv) for _ in range(runs)]
    return statistics.median(s for s, _ in results), max(m for _, m in results)


def empty_ledger(folder: Path) -> str:
    from corroborate.store import open_store

    path = folder / "empty.db"
    open_store(str(path)).close()
    return str(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    cli = [sys.executable, "-c", "from corroborate.cli import main; main()"]
    with tempfile.TemporaryDirectory() as folder:
        db = empty_ledger(Path(folder))
        seconds, _ = median_of([sys.executable, "-c", "pass"], args.runs)
        print(f"{'baseline: python -c pass':>32}: {seconds * 1000:6.0f} ms")
        for command in COMMANDS:
            db_args = [] if command == ("--version",) else ["--db", db]
            seconds, peak = median_of([*cli, *command, *db_args], args.runs)
            name = "corroborate " + " ".join(command)
            print(f"{name:>32}: {seconds * 1000:6.0f} ms  (peak RSS so far {peak:.0f} MiB)")


if __name__ == "__main__":
    main()
