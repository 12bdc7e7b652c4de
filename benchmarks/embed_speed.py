"""Sentence-embedding speed on one core: sentences per second of the shipped static encoder,
the numpy teacher it was distilled from (where installed) and a baseline (the TF-IDF
vectoriser of `corroborate eval emergent`, fitted on the same sentences).

    python benchmarks/embed_speed.py [--sentences 1000] [--runs 5]

Uses Emergent article headlines read from ../shared/data (invented sentences if absent).
"""

from __future__ import annotations

import os

# One core: must be set before numpy / scipy / tokenizers are imported.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ[variable] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"

import argparse  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402

from corroborate.embed import load_encoder  # noqa: E402
from corroborate.evaluate.emergent import read_emergent, tfidf_encoder  # noqa: E402

EMERGENT = (
    Path(__file__).resolve().parents[1].parent
    / "shared" / "data" / "emergent" / "url-versions-2015-06-14-clean-train.csv"
)
INVENTED = [
    "Russian troops are fighting beside government forces",
    "The ministry denied that civilians were killed in the attack on the market",
    "Rebels captured the airport after two days of fighting, a spokesman said",
    "Heavy rain flooded several villages along the coast",
]


def sentences(count: int) -> list[str]:
    texts = [h.text for h in read_emergent(EMERGENT)] if EMERGENT.is_file() else INVENTED
    return (texts * (count // len(texts) + 1))[:count]


def per_second(work: Callable[[], object], count: int, runs: int) -> float:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - start)
    return count / statistics.median(seconds)


def teacher_encode() -> Callable[[Sequence[str]], object] | None:
    from corroborate.training.embed.teacher import TeacherUnavailable, load_teacher

    try:
        return load_teacher().encode
    except (TeacherUnavailable, ImportError) as err:
        print(f"teacher not benchmarked: {err}")
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sentences", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--teacher-sentences", type=int, default=200)
    args = parser.parse_args()
    texts = sentences(args.sentences)
    start = time.perf_counter()
    student = load_encoder()
    load_seconds = time.perf_counter() - start
    words = sum(len(t.split()) for t in texts)
    results = {
        "baseline: TF-IDF fit + transform (batch)": per_second(
            lambda: tfidf_encoder(texts), len(texts), args.runs
        ),
        "static student (batch)": per_second(lambda: student.encode(texts), len(texts), args.runs),
        "static student, one sentence per call": per_second(
            lambda: [student.encode([t]) for t in texts], len(texts), args.runs
        ),
    }
    teacher = teacher_encode()
    if teacher is not None:
        few = texts[: args.teacher_sentences]
        results["numpy teacher (batch)"] = per_second(lambda: teacher(few), len(few), args.runs)
    print(
        f"{len(texts)} headlines ({words / len(texts):.1f} words each), median of {args.runs} "
        f"runs, one thread; student loaded in {load_seconds * 1000:.0f} ms"
    )
    for name, rate in results.items():
        print(f"  {name:<42} {rate:10.0f} sentences/s  {rate * words / len(texts):10.0f} words/s")


if __name__ == "__main__":
    main()
