"""Cross-report linking speed on a synthetic ledger: grouping (propositions) time and peak
memory, `check`'s index build, and `check` latency p50 / p95 beside the same checks reading
every claim vector (the exact scan), with the index's recall@100 against it.

    OPENBLAS_NUM_THREADS=1 python benchmarks/link_speed.py --claims 10000 [--checks 50]

Claims are generated straight into a fresh store (no NLP): sentences built from a small
vocabulary of actors, actions and places, so that many claims restate one another. Below
`corroborate.link.index.MIN_INDEXED` claim vectors there is no index: both rows are the scan.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from corroborate.link.check import check
from corroborate.link.copies import link_copies
from corroborate.link.index import update_index
from corroborate.link.propositions import link_propositions
from corroborate.model import Claim, Report
from corroborate.store import SQLiteStore

sys.path.insert(0, str(Path(__file__).parent))
from scale import _Unindexed, recall  # noqa: E402  (the same baseline and recall)

ACTORS = ["Government troops", "Rebel fighters", "Foreign advisers", "Militia units",
          "Police officers", "Border guards", "Drone operators", "Artillery crews"]
ACTIONS = ["shelled", "captured", "withdrew from", "reinforced", "surrounded", "entered",
           "evacuated", "bombed"]
PLACES = [f"the town of {name}{n}" for name in ("Veltra", "Meriden", "Ostrava", "Kalun")
          for n in range(60)]
SOURCES = [None, "officials", "activists", "state television", "a local council", "residents"]
PER_REPORT = 50


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(ACTORS)} {rng.choice(ACTIONS)} {rng.choice(PLACES)} on " \
           f"day {rng.randrange(30)}."


def report(rng: random.Random, number: int) -> Report:
    text, claims = "", []
    for _ in range(PER_REPORT):
        body = sentence(rng)
        source = rng.choice(SOURCES)
        claims.append(Claim(len(text), len(text) + len(body), body, source=source,
                            chain=(source,) if source else (), cue="said" if source else None))
        text += body + " "
    return Report(path=f"r{number}.txt", format="text", content_hash=f"h{number}", raw=text,
                  text=text.strip(), noise=(), title=f"Report {number}", title_source=None,
                  published=f"2021-{1 + number % 12:02d}-{1 + number % 28:02d}",
                  published_source=None, byline=None, outlet=f"Outlet {number % 40}",
                  outlet_source=None, url=None, language="en", claims_status="extracted",
                  claims=tuple(claims))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--checks", type=int, default=50)
    args = parser.parse_args()
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "b.db") as store:
        for number in range(args.claims // PER_REPORT):
            store.put(f"file:{number}", report(rng, number), "bench")
        started = time.perf_counter()
        link_copies(store)
        copies = time.perf_counter() - started
        started = time.perf_counter()
        count = link_propositions(store)
        grouping = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started = time.perf_counter()
        indexed = update_index(store)
        building = time.perf_counter() - started
        sentences = [sentence(rng) for _ in range(args.checks)]
        check(store, sentences[0])  # warm: the encoder and the stance model load once
        latencies = _latencies(store, sentences)
        exact = _latencies(_Unindexed(store), sentences)
        found, tolerant = recall(store, sentences)
    print(f"claims {args.claims}: copies {copies:.1f} s, propositions {count} in "
          f"{grouping:.1f} s (peak RSS {peak:.0f} MB); {indexed} in {building:.1f} s")
    print(f"  check p50 {latencies[0]:.0f} ms, p95 {latencies[1]:.0f} ms (CPU "
          f"{latencies[2]:.0f} / {latencies[3]:.0f}) over {args.checks}; exact scan p50 "
          f"{exact[0]:.0f} ms, p95 {exact[1]:.0f} ms (CPU {exact[2]:.0f} / {exact[3]:.0f}); "
          f"recall@100 {found:.3f} (ties interchangeable: {tolerant:.3f})")


def _latencies(store: object, sentences: list[str]) -> tuple[float, float, float, float]:
    """Wall-clock p50 and p95 in ms, then this process's CPU time p50 and p95 (on a shared
    machine the wall clock includes waiting for a core)."""
    wall, cpu = [], []
    for text in sentences:
        started, started_cpu = time.perf_counter(), time.process_time()
        check(store, text)  # type: ignore[arg-type]
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return (*_p50_p95(wall), *_p50_p95(cpu))


def _p50_p95(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.95))]


if __name__ == "__main__":
    main()
