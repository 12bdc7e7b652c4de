"""Ingest throughput with and without the trained NLP pipeline (issue: parser cost on ingest).

Processes the seeds, the bundled samples and the test reports (repeated) through
`process_many` twice in the same process: once as shipped (our spaCy pipeline, then the
attribution extractor and tree rules on its parse), and once as the foundation ingested,
with no trained pipeline at all (the parse stage assigns no parse, so claims are read by
the patterns and no entities are found). The difference is everything the trained models
cost. Prints the median of several runs. Usage:

    python benchmarks/ingest_speed.py [--runs 5] [--repeat 4] [--skip places,actors]

`--skip` leaves stages out of the full pipeline, to measure what they cost.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import time
from pathlib import Path
from unittest import mock

from corroborate import pipeline
from corroborate.ingest import read_inputs
from corroborate.model import RawReport
from corroborate.nlp.parsing import load_nlp
from corroborate.samples import sample_files
from corroborate.stages import parse as parse_stage

REPO = Path(__file__).resolve().parents[1]
SOURCES = [str(REPO.parent / "shared" / "seeds"), *sample_files()]
SOURCES += [str(p) for p in sorted((REPO / "tests" / "data" / "reports").iterdir())
            if p.suffix in (".txt", ".html")]


def corpus(repeat: int) -> list[RawReport]:
    reports = [r for r in read_inputs(SOURCES) if isinstance(r, RawReport)]
    return reports * repeat


def timed(raws: list[RawReport], trained: bool) -> tuple[float, int]:
    no_parse = mock.patch.object(parse_stage, "parse", lambda texts: iter([None] * len(texts)))
    with contextlib.nullcontext() if trained else no_parse:
        start = time.perf_counter()
        outcomes = list(pipeline.process_many(raws))
        elapsed = time.perf_counter() - start
    words = sum(len(report.text.split()) for _, report in outcomes if hasattr(report, "text"))
    return elapsed, words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=4)
    parser.add_argument("--skip", default="", help="Comma-separated stages to leave out.")
    args = parser.parse_args()
    if args.skip:
        skipped = set(args.skip.split(","))
        names = [name for name in pipeline.DEFAULT_PIPELINE if name not in skipped]
        pipeline.default_pipeline = lambda: pipeline.build_pipeline(names)  # type: ignore[method-assign,assignment]
    raws = corpus(args.repeat)
    load_nlp()
    timed(raws[:8], trained=True)  # warm-up: models, lexicons, dateparser, langid
    modes = {"baseline (no trained pipeline)": False, "full pipeline": True}
    for name, trained in modes.items():
        runs = [timed(raws, trained) for _ in range(args.runs)]
        seconds = statistics.median(elapsed for elapsed, _ in runs)
        words = runs[0][1]
        print(
            f"{name:>30}: {len(raws) / seconds:7.1f} reports/s  {words / seconds:9.0f} words/s  "
            f"(median of {args.runs} runs, {len(raws)} reports, {words} words)"
        )


if __name__ == "__main__":
    main()
