"""CPU time of each ingest stage over the ingest_speed corpus (seeds, samples, test reports).

Process time, not wall time, so that other work on a shared machine distorts it less. Prints
each stage's CPU seconds and the share of the places and actors stages. Usage:

    OPENBLAS_NUM_THREADS=1 python benchmarks/stage_cpu.py [--repeat 1]
"""

from __future__ import annotations

import argparse
import time

from ingest_speed import corpus  # benchmarks/ is on sys.path when this script runs

from corroborate.nlp.parsing import load_nlp
from corroborate.pipeline import BATCH_SIZE, build_pipeline
from corroborate.registry import Work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    raws = corpus(args.repeat)
    load_nlp()
    pipe = build_pipeline()
    cost = {stage.name: 0.0 for stage in pipe.stages}
    for start in range(0, len(raws), BATCH_SIZE):
        batch = [Work(raw) for raw in raws[start : start + BATCH_SIZE]]
        for stage in pipe.stages:
            began = time.process_time()
            stage.run([work for work in batch if work.error is None])
            cost[stage.name] += time.process_time() - began
    total = sum(cost.values())
    print(f"{len(raws)} reports, CPU seconds per stage:")
    for name, seconds in cost.items():
        print(f"{name:>10}: {seconds:7.2f}  ({seconds / total:6.1%})")


if __name__ == "__main__":
    main()
