"""The attribution networks in int8 against fp32: onnxruntime's dynamic quantisation.

Quantises the shipped cue and role networks (`cue.onnx`, `role.onnx`) with
`onnxruntime.quantization.quantize_dynamic` (LSTM and MatMul ops; weights int8 or uint8,
activations quantised per call) into a temporary folder, then:

- records the batches the networks get while the ingest pipeline runs over FNC-1 news
  bodies (read from ../shared/data, as `ingest_vs_parse.py` does);
- (variants, `VARIANTS`: QUInt8 / QInt8 weights, 8-bit or 7-bit (`reduce_range`, advised on
  CPUs without VNNI), every layer or the role network's first LSTM layer left in float32);
- times each network's onnxruntime session over those same batches, fp32 and each int8
  variant in turn (one thread, as `neural.OnnxNetwork` runs them; CPU clock; the median of
  `--runs` passes), and says how far the int8 scores move (largest absolute difference,
  share of tokens whose best label changes).

Dev F1 and full ingest time are measured by the commands in the README ("INT8 networks").
Needs the `onnx` package (the `train` extra), which onnxruntime's quantiser imports.

    python benchmarks/attribution_int8.py [--reports 60] [--runs 5] [--keep DIR]
"""

from __future__ import annotations

from corroborate.threads import limit_threads

limit_threads()  # before numpy loads, as the command does

import argparse  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
from ingest_vs_parse import FNC1, news_reports, raws  # benchmarks/ is on sys.path  # noqa: E402

from corroborate import pipeline  # noqa: E402
from corroborate.attribution import neural, tagger  # noqa: E402
from corroborate.training.attribution_quantize import FLOAT_FIRST_LAYER, quantize_folder  # noqa: E402

NETWORKS = ("cue", "role")
# name: weight type, 7-bit weights (`reduce_range`), networks whose first LSTM layer stays float
VARIANTS = {
    "QUInt8": ("QUInt8", False, ()),
    "QInt8": ("QInt8", False, ()),
    "QUInt8-7bit": ("QUInt8", True, ()),
    "QInt8-7bit": ("QInt8", True, ()),
    "QUInt8-role-l1-float": ("QUInt8", False, FLOAT_FIRST_LAYER),
}


def record_batches(reports: list) -> dict[str, list[tuple[np.ndarray, list[int]]]]:
    """The (batch, lengths) each shipped network's session gets in one ingest pass."""
    shipped = tagger.shipped_tagger()
    owners = {"cue": shipped.cue.net, "role": shipped.role.net}
    nets = [
        (name, net) for name, owner in owners.items() for net in getattr(owner, "nets", [owner])
    ]
    sessions = [net.onnx for _, net in nets]
    recorded: dict[str, list] = defaultdict(list)
    for (name, net), session in zip(nets, sessions, strict=True):

        def call(batch, lengths, _session=session, _name=name):
            recorded[_name].append((batch.copy(), list(lengths)))
            return _session(batch, lengths)

        net.onnx = call
    try:
        list(pipeline.process_many(reports))
    finally:
        for (_, net), session in zip(nets, sessions, strict=True):
            net.onnx = session
    return recorded


def cpu_seconds(session: neural.OnnxNetwork, batches: list) -> float:
    began = time.process_time()
    for batch, lengths in batches:
        session(batch, lengths)
    return time.process_time() - began


def drift(
    fp32: neural.OnnxNetwork, other: neural.OnnxNetwork, batches: list
) -> tuple[float, float]:
    """Largest absolute score difference, and the share of tokens whose best label moves."""
    largest, moved, tokens = 0.0, 0, 0
    for batch, lengths in batches:
        a, b = fp32(batch, lengths), other(batch, lengths)
        for row, n in enumerate(lengths):
            largest = max(largest, float(np.abs(a[row, :n] - b[row, :n]).max()))
            moved += int((a[row, :n].argmax(1) != b[row, :n].argmax(1)).sum())
            tokens += n
    return largest, moved / max(tokens, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=60)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="also keep the quantised folders here")
    args = parser.parse_args()
    reports = raws(news_reports(FNC1, args.reports))
    list(pipeline.process_many(reports[:4]))  # warm-up: models, lexicons
    batches = record_batches(reports)
    source = tagger.model_dir()
    with tempfile.TemporaryDirectory() as folder:
        variants = {"fp32": source}
        for variant, (weight_type, reduce_range, float_first) in VARIANTS.items():
            out = Path(folder) / variant
            quantize_folder(source, out, weight_type, reduce_range, float_first)
            variants[variant] = out
            if args.keep:
                shutil.copytree(out, args.keep / variant, dirs_exist_ok=True)
        print(
            f"{len(reports)} FNC-1 bodies; CPU seconds per ingest pass of each network's "
            f"calls (median of {args.runs}, one thread)"
        )
        for name in NETWORKS:
            calls = batches[name]
            tokens = sum(sum(lengths) for _, lengths in calls)
            sessions = {v: neural.OnnxNetwork(d / f"{name}.onnx") for v, d in variants.items()}
            for session in sessions.values():
                cpu_seconds(session, calls[:4])  # warm-up
            timings: dict[str, list[float]] = {v: [] for v in sessions}
            for _ in range(args.runs):
                for variant, session in sessions.items():  # alternately: load moves them alike
                    timings[variant].append(cpu_seconds(session, calls))
            base = statistics.median(timings["fp32"])
            print(f"{name}: {len(calls)} calls, {tokens} tokens")
            for variant, runs in timings.items():
                median = statistics.median(runs)
                line = f"  {variant:>20}: {median:6.3f} s  ({median / base:.2f}x fp32)"
                if variant != "fp32":
                    largest, moved = drift(sessions["fp32"], sessions[variant], calls)
                    line += f"  score drift max {largest:.3f}, best label moved {moved:.2%}"
                size = (variants[variant] / f"{name}.onnx").stat().st_size
                print(f"{line}  file {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
