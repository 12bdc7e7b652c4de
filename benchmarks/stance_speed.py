"""Stance speed on one core: pairs per second of the shipped model, batched and one pair at a
time, against a baseline (TF-IDF cosine alone, with the model's own vectoriser).

    python benchmarks/stance_speed.py [--pairs 1000] [--runs 5] [--stance-model DIR]

With --stance-model (a `corroborate train stance-tune export` folder) it adds the same runs
with the fine-tuned cross-encoder reading the pairs the booster calls related.

Uses FNC-1 dev pairs read from ../shared/data (the model never trained on them).
"""

from __future__ import annotations

import os

# One core: must be set before numpy / scipy are imported.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

import argparse  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

from corroborate.datasets.fnc1 import dev_body_ids, read_bodies, read_stances  # noqa: E402
from corroborate.link.stance.model import load_model, stance_many, use_tuned  # noqa: E402

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "fnc1"


def dev_pairs(limit: int) -> list[tuple[str, str]]:
    bodies = read_bodies(DATA / "train_bodies.csv")
    dev = dev_body_ids(bodies)
    pairs = [p for p in read_stances(DATA / "train_stances.csv", bodies) if p.body_id in dev]
    return [(p.headline, bodies[p.body_id]) for p in pairs[:limit]]


def pairs_per_second(work: Callable[[], object], count: int, runs: int) -> float:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - start)
    return count / statistics.median(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--stance-model", type=Path, help="a fine-tuned cross-encoder folder")
    args = parser.parse_args()
    pairs = dev_pairs(args.pairs)
    model = load_model()
    vectorizer = model.featurizer.word_vectorizer

    def cosine_baseline() -> object:
        heads = vectorizer.transform([c for c, _ in pairs])
        texts = vectorizer.transform([t for _, t in pairs])
        return heads.multiply(texts).sum(axis=1)

    single = pairs[: max(len(pairs) // 10, 1)]
    results = {
        "baseline: TF-IDF cosine only (batch)": pairs_per_second(
            cosine_baseline, len(pairs), args.runs
        ),
        "stance_many (batch)": pairs_per_second(
            lambda: stance_many(pairs, model), len(pairs), args.runs
        ),
        "stance, one pair per call": pairs_per_second(
            lambda: [stance_many([pair], model) for pair in single], len(single), args.runs
        ),
    }
    if args.stance_model:
        use_tuned(args.stance_model)
        results["stance_many + fine-tuned cross-encoder (batch)"] = pairs_per_second(
            lambda: stance_many(pairs, model), len(pairs), args.runs
        )
        results["the same, one pair per call"] = pairs_per_second(
            lambda: [stance_many([pair], model) for pair in single], len(single), args.runs
        )
        use_tuned(None)
    print(f"{len(pairs)} FNC-1 dev pairs, median of {args.runs} runs, one thread")
    for name, rate in results.items():
        print(f"  {name:<40} {rate:10.0f} pairs/s")


if __name__ == "__main__":
    main()
