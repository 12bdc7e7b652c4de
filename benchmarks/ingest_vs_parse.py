"""Ingest speed against its baseline: a parse-only pass of the same spaCy pipeline (issue 12).

Reports: FNC-1 news bodies of 300-450 words (about 370 on average; read from
../shared/data/fnc1/train_bodies.csv, never copied into the repo), the first `--reports` of
them in file order. Modes, run alternately in one process so that a busy machine slows
them alike (each figure the median of `--runs` passes):

- parse only: `corroborate.nlp.parse` over the report texts (our spaCy pipeline, the
  baseline: what the ingest pipeline cannot go below);
- full pipeline: `pipeline.process_many` over the same reports (clean, language, parse,
  claims with the attribution taggers, entities; no store writes);
- with `--numpy`: the full pipeline with the taggers' networks on the numpy step loop
  instead of onnxruntime (the runtime before issue 12);
- with `--onnx-from DIR`: the full pipeline with the taggers' networks run from the ONNX
  files of DIR (same names: `cue.onnx`, `role.onnx`; e.g. the int8 networks that
  `attribution_int8.py --keep DIR` writes), the rest of the shipped model unchanged.

Then one scraped-page-like report of `--page-words` words with no sentence punctuation
(furniture and headlines run together) against the same number of words of news reports.
Threads as the `corroborate` command sets them (`corroborate.threads`). To compare with an
older checkout, run this script with `PYTHONPATH=<its src>`: its ratio to the parse-only pass
is the figure to compare (absolute speeds move with the machine's load). `--clock cpu` times
the process's CPU time instead of wall time: on a machine shared with other work it moves
less with their load (every part of ingest runs on one thread, so it is the work done).

    python benchmarks/ingest_vs_parse.py [--reports 60] [--runs 3] [--numpy] [--clock cpu]
        [--onnx-from DIR]
"""

from __future__ import annotations

import os

try:
    from corroborate.threads import limit_threads
except ImportError:  # a checkout from before issue 12 (PYTHONPATH=<old src>): as it runs now
    def limit_threads() -> None:
        for name in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS"):
            os.environ.setdefault(name, "1")

limit_threads()  # before numpy loads, as the command does

import argparse  # noqa: E402
import csv  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from pathlib import Path  # noqa: E402

from corroborate import pipeline  # noqa: E402
from corroborate.attribution import tagger  # noqa: E402
from corroborate.attribution.neural import OnnxNetwork  # noqa: E402
from corroborate.model import RawReport  # noqa: E402
from corroborate.nlp.parsing import load_nlp, parse  # noqa: E402

FNC1 = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "fnc1" / "train_bodies.csv"


def news_reports(path: Path, count: int) -> list[str]:
    csv.field_size_limit(10**8)
    with path.open(encoding="utf-8", newline="") as handle:
        bodies = [row["articleBody"] for row in csv.DictReader(handle)]
    return [body for body in bodies if 300 <= len(body.split()) <= 450][:count]


def unpunctuated_page(words: int, texts: list[str], seed: int = 3) -> str:
    """A page of `words` words in one paragraph with no sentence punctuation: the reports'
    words, shuffled in runs of eight (so cues and names still occur), marks dropped."""
    rng = random.Random(seed)
    pool = [w.strip(".!?;:\"'“”") for text in texts for w in text.split()]
    runs = [pool[i : i + 8] for i in range(0, len(pool) - 8, 8)]
    page: list[str] = []
    while len(page) < words:
        page += rng.choice(runs)
    return " ".join(w for w in page[:words] if w)


def raws(texts: list[str]) -> list[RawReport]:
    return [RawReport(path=f"report-{n}.txt", format="text", text=t) for n, t in enumerate(texts)]


CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}


def seconds(run: Callable[[], object], clock: Callable[[], float] = time.perf_counter) -> float:
    started = clock()
    run()
    return clock() - started


@contextmanager
def numpy_runtime() -> Iterator[None]:
    """The shipped taggers' networks on the numpy step loop instead of onnxruntime."""
    shipped = tagger.shipped_tagger()
    parts = (shipped.cue.net, shipped.role.net)
    nets = [net for part in parts for net in getattr(part, "nets", [part])]
    sessions = [getattr(net, "onnx", None) for net in nets]
    for net in nets:
        net.onnx = None
    try:
        yield
    finally:
        for net, session in zip(nets, sessions, strict=True):
            net.onnx = session


@contextmanager
def onnx_from(folder: Path) -> Iterator[None]:
    """The shipped taggers' networks run from the ONNX files of the same name in `folder`."""
    shipped = tagger.shipped_tagger()
    nets = [net for part in (shipped.cue.net, shipped.role.net)
            for net in getattr(part, "nets", [part])]
    sessions = [getattr(net, "onnx", None) for net in nets]
    names = [*shipped.meta["cue_nets"], *shipped.meta["role_nets"]]  # in the nets' order
    others = [OnnxNetwork(folder / Path(name).with_suffix(".onnx").name) for name in names]
    try:
        for net, other in zip(nets, others, strict=True):
            net.onnx = other
        yield
    finally:
        for net, session in zip(nets, sessions, strict=True):
            net.onnx = session


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fnc1", type=Path, default=FNC1)
    parser.add_argument("--reports", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--page-words", type=int, default=4000)
    parser.add_argument("--numpy", action="store_true", help="also time the numpy runtime")
    parser.add_argument("--onnx-from", type=Path,
                        help="also time the networks from this folder's ONNX files")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall",
                        help="wall time, or this process's CPU time")
    args = parser.parse_args()
    clock = CLOCKS[args.clock]
    texts = news_reports(args.fnc1, args.reports)
    words = sum(len(t.split()) for t in texts)
    reports, nlp = raws(texts), load_nlp()
    list(pipeline.process_many(reports[:4]))  # warm-up: models, lexicons, dateparser
    modes: dict[str, Callable[[], object]] = {
        "parse only (baseline)": lambda: list(parse(texts, nlp)),
        "full pipeline": lambda: list(pipeline.process_many(reports)),
    }
    if args.numpy:

        def full_numpy() -> object:
            with numpy_runtime():
                return list(pipeline.process_many(reports))

        modes["full pipeline, numpy LSTM"] = full_numpy
    if args.onnx_from:

        def full_other() -> object:
            with onnx_from(args.onnx_from):
                return list(pipeline.process_many(reports))

        modes[f"full, {args.onnx_from.name} nets"] = full_other
    timings: dict[str, list[float]] = {name: [] for name in modes}
    for _ in range(args.runs):
        for name, run in modes.items():
            timings[name].append(seconds(run, clock))
    print(f"{len(texts)} FNC-1 bodies, {words / len(texts):.0f} words each on average "
          f"({args.clock} time)")
    base = statistics.median(timings["parse only (baseline)"])
    for name, runs in timings.items():
        median = statistics.median(runs)
        print(f"{name:>27}: {len(texts) / median:6.1f} reports/s  {words / median:7.0f} words/s"
              f"  ({base / median:.2f}x the parse-only pass; median of {args.runs})")
    page = unpunctuated_page(args.page_words, texts)
    page_seconds = seconds(lambda: list(pipeline.process_many(raws([page]))), clock)
    print(f"{'unpunctuated page':>27}: {args.page_words / page_seconds:7.0f} words/s "
          f"({args.page_words} words in one paragraph, no sentence punctuation)")


if __name__ == "__main__":
    main()
