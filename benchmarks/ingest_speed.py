"""Ingest throughput with and without the trained NLP pipeline (issue: parser cost on ingest).

Processes the seeds, the bundled samples and the test reports (repeated) through
`process_many` twice in the same process: once as shipped (our spaCy pipeline, then the
attribution extractor and tree rules on its parse), and once as the foundation ingested,
with no trained pipeline at all (the parse stage assigns no parse, so claims are read by
the patterns and no entities are found). The difference is everything the trained models
cost. A third mode adds what linking across reports costs per claim on top of the full
pipeline: embedding each claim's content with the static encoder (`corroborate.embed`), so
ingest speed with and without the embeddings can be compared. Prints the median of several
runs. Usage:

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
from corroborate.embed import embed
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


def timed(raws: list[RawReport], trained: bool, embeddings: bool = False) -> tuple[float, int]:
    no_parse = mock.patch.object(parse_stage, "parse", lambda texts: iter([None] * len(texts)))
    with contextlib.nullcontext() if trained else no_parse:
        start = time.perf_counter()
        outcomes = list(pipeline.process_many(raws))
        if embeddings:
            embed([content for _, report in outcomes for content in _contents(report)])
        elapsed = time.perf_counter() - start
    words = sum(len(report.text.split()) for _, report in outcomes if hasattr(report, "text"))
    return elapsed, words


def _contents(report: object) -> list[str]:
    """The reported content of each claim (its content span, else its text)."""
    text = getattr(report, "text", "")
    return [
        text[claim.content_span[0] : claim.content_span[1]] if claim.content_span else claim.text
        for claim in getattr(report, "claims", ())
    ]


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
    embed(["warm-up"])
    modes = {
        "baseline (no trained pipeline)": (False, False),
        "full pipeline": (True, False),
        "full pipeline + claim embeddings": (True, True),
    }
    for name, (trained, embeddings) in modes.items():
        runs = [timed(raws, trained, embeddings) for _ in range(args.runs)]
        seconds = statistics.median(elapsed for elapsed, _ in runs)
        words = runs[0][1]
        print(
            f"{name:>32}: {len(raws) / seconds:7.1f} reports/s  {words / seconds:9.0f} words/s  "
            f"(median of {args.runs} runs, {len(raws)} reports, {words} words)"
        )


if __name__ == "__main__":
    main()
