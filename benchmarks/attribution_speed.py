"""Reports per second of the attribution extractor (trained model and rules) on one CPU thread.

Text: the PolNeAR dev articles, read from the shared data folder (never copied into the
repo). Each figure is the median of several passes over all articles.

    python benchmarks/attribution_speed.py [--polnear ../shared/data/polnear/dev] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from corroborate.evaluate.attribution import get_extractor

DEFAULT_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "polnear" / "dev"


def reports_per_second(extract: Callable[[str], object], texts: list[str], runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        for text in texts:
            extract(text)
        timings.append(time.perf_counter() - started)
    return len(texts) / statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted((args.polnear / "text").glob("*.txt"))]
    words = sum(len(text.split()) for text in texts)
    print(f"{len(texts)} reports, {words / len(texts):.0f} words each on average")
    for name in ("model", "rules"):
        extract = get_extractor(name)
        extract(texts[0])  # load the model and tokenizer outside the timing
        rate = reports_per_second(extract, texts, args.runs)
        print(f"{name:>6}: {rate:6.1f} reports/s  ({rate * words / len(texts):,.0f} words/s)")


if __name__ == "__main__":
    main()
