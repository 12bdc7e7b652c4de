"""Where full ingest's CPU time goes: each stage, the parts worth watching, and store writes.

Runs the ingest pipeline over the FNC-1 news bodies of `ingest_vs_parse.py` (read from
../shared/data, never copied into the repo), once to warm up (models, lexicons, spaCy's
vocabulary), then `--runs` times, timing with the process's CPU clock:

- each stage (`pipeline.DEFAULT_PIPELINE`);
- a few functions inside them (PARTS), by a timer wrapped around each: a deterministic
  profiler (cProfile) charges every Python call, so it inflated the claims code's small
  functions three to fifteen times against spaCy's and onnxruntime's compiled code;
- `store.put` of the processed reports into a new SQLite file (the writer's share).

Threads as the `corroborate` command sets them. Shares are of the pipeline's CPU time.

    python benchmarks/ingest_profile.py [--reports 60] [--runs 2]
"""

from __future__ import annotations

from corroborate.threads import limit_threads

limit_threads()  # before numpy loads, as the command does

import argparse  # noqa: E402
import functools  # noqa: E402
import importlib  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

from ingest_vs_parse import FNC1, news_reports, raws  # benchmarks/ is on sys.path  # noqa: E402

from corroborate import pipeline  # noqa: E402
from corroborate.registry import Stage  # noqa: E402
from corroborate.store import open_store  # noqa: E402

# (module, attribute or Class.method): parts of the claims and clean stages
PARTS = (
    ("corroborate.attribution.neural", "OnnxNetwork.__call__"),
    ("corroborate.attribution.neural", "RoleNet.embed_rows"),
    ("corroborate.attribution.feature_ids", "RoleIds.window"),
    ("corroborate.attribution.feature_ids", "CueIds.sentences"),
    ("corroborate.attribution.features", "tokenized_from_doc"),
    ("corroborate.attribution.combine", "read_frame"),
    ("corroborate.claims.certainty", "read_certainty"),
    ("corroborate.factuality", "commitment"),
    ("corroborate.claims.sentences", "split_sentences"),
    ("corroborate.claims.speakers", "resolve_speakers"),
    ("corroborate.clean.page", "mark_repetition"),
    ("corroborate.language", "detect_language"),
)


def _timed(function: Callable, key: str, spent: dict[str, float]) -> Callable:
    @functools.wraps(function)
    def timed(*args: object, **kwargs: object) -> object:
        began = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[key] += time.process_time() - began

    return timed


def wrap_parts(spent: dict[str, float]) -> None:
    """Wrap each part in a timer, where it is defined and where it was imported by name."""
    for module_name, attribute in PARTS:
        module = importlib.import_module(module_name)
        owner, name = module, attribute
        if "." in attribute:
            class_name, name = attribute.split(".")
            owner = getattr(module, class_name)
        original = getattr(owner, name)
        timed = _timed(original, attribute, spent)
        setattr(owner, name, timed)
        if owner is module:
            for other in list(sys.modules.values()):
                if other is not None and getattr(other, name, None) is original:
                    setattr(other, name, timed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=60)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    reports = raws(news_reports(FNC1, args.reports))
    pipe = pipeline.default_pipeline()
    list(pipe.process_many(reports))  # warm-up
    stages: dict[str, float] = defaultdict(float)
    parts: dict[str, float] = defaultdict(float)
    run_stage = pipeline._run_stage

    def by_stage(stage: Stage, batch: list) -> None:
        began = time.process_time()
        run_stage(stage, batch)
        stages[stage.name] += time.process_time() - began

    pipeline._run_stage = by_stage
    wrap_parts(parts)
    outcomes = []
    for _ in range(args.runs):
        outcomes = [report for _, report in pipe.process_many(reports)]
    total = sum(stages.values())
    print(f"{len(reports)} FNC-1 bodies, CPU seconds a run (mean of {args.runs}):")
    for name, seconds in stages.items():
        print(f"  stage {name:>28}: {seconds / args.runs:6.3f}  ({seconds / total:6.1%})")
    for name, seconds in sorted(parts.items(), key=lambda item: -item[1]):
        print(f"  part  {name:>28}: {seconds / args.runs:6.3f}  ({seconds / total:6.1%})")
    with tempfile.TemporaryDirectory() as folder:
        open_store(str(Path(folder) / "warm-up.db")).put("warm-up", outcomes[0], pipe.signature)
        store = open_store(str(Path(folder) / "ledger.db"))
        began = time.process_time()
        for n, report in enumerate(outcomes):
            store.put(f"report-{n}", report, pipe.signature)
        spent = time.process_time() - began
    print(f"  store.put of the {len(outcomes)} reports: {spent:.3f} s "
          f"({spent / (total / args.runs):.1%} of a pipeline run)")


if __name__ == "__main__":
    main()
