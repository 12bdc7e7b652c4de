"""Ingest throughput with and without the trained parser (issue: parser cost on ingest).

Processes the seeds, the bundled samples and the test reports (repeated to about 100
reports) through `process_many` twice in the same process: once with the whole trained
pipeline, once with a baseline in which the pipeline only tokenises (tagger, parser and NER
disabled), so the difference is what the parser and NER cost. Prints the median of several
runs. Usage:

    python benchmarks/ingest_speed.py [--runs 5] [--repeat 6]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from unittest import mock

from corroborate import pipeline
from corroborate.ingest import read_inputs
from corroborate.model import RawReport
from corroborate.read.nlp import load_nlp
from corroborate.samples import sample_files

REPO = Path(__file__).resolve().parents[1]
SOURCES = [str(REPO.parent / "shared" / "seeds"), *sample_files()]
SOURCES += [str(p) for p in sorted((REPO / "tests" / "data" / "reports").iterdir())
            if p.suffix in (".txt", ".html")]


def corpus(repeat: int) -> list[RawReport]:
    reports = [r for r in read_inputs(SOURCES) if isinstance(r, RawReport)]
    return reports * repeat


def timed(raws: list[RawReport], nlp_loader: Callable) -> tuple[float, int]:  # type: ignore[type-arg]
    with mock.patch.object(pipeline, "load_nlp", nlp_loader):
        start = time.perf_counter()
        outcomes = list(pipeline.process_many(raws))
        elapsed = time.perf_counter() - start
    words = sum(len(report.text.split()) for _, report in outcomes if hasattr(report, "text"))
    return elapsed, words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=4)
    args = parser.parse_args()
    raws = corpus(args.repeat)
    full = load_nlp()
    tokens_only = load_nlp.__wrapped__()  # a second copy, so disabling pipes spares `full`
    tokens_only.select_pipes(enable=[])
    modes = {"baseline (tokenizer only)": lambda: tokens_only, "full pipeline": lambda: full}
    timed(raws[:8], modes["full pipeline"])  # warm-up: lexicons, dateparser, langid
    for name, loader in modes.items():
        runs = [timed(raws, loader) for _ in range(args.runs)]
        seconds = statistics.median(elapsed for elapsed, _ in runs)
        words = runs[0][1]
        print(
            f"{name:>26}: {len(raws) / seconds:7.1f} reports/s  {words / seconds:9.0f} words/s  "
            f"(median of {args.runs} runs, {len(raws)} reports, {words} words)"
        )


if __name__ == "__main__":
    main()
