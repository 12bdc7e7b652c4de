"""Time and peak memory of the whole pipeline on one long report, and on a page of many lines.

Each case runs in a fresh Python process (so peak RSS is that case's own), after a warm-up
report that loads the models; the figure is the processing of the long report alone. The
text is generated, seeded: attributed news-like sentences from small word lists, every line
different (repeated lines would be removed as page noise and measure nothing).

    python benchmarks/long_reports.py                      # 100k, 300k, 1M characters; 20k lines
    python benchmarks/long_reports.py --chars 300000       # one case
    PYTHONPATH=/path/to/other/src python benchmarks/long_reports.py   # another checkout
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time

SPEAKERS = ("Officials", "A spokesman for the army", "Local activists", "The ministry",
            "Two residents", "Aid workers", "The governor", "A rebel commander")
CUES = ("said", "told reporters", "claimed", "denied", "reported", "stated")
ACTORS = ("government troops", "rebel fighters", "foreign advisers", "militia units",
          "police officers", "armed men", "air defence crews", "border guards")
ACTS = ("had moved into", "withdrew from", "shelled", "were seen near", "set up positions in",
        "opened a road to", "evacuated", "reinforced")
PLACES = ("the northern district", "the port", "the old market", "the airbase", "the bridge",
          "the hospital", "the eastern villages", "the provincial capital")
DAYS = ("on Monday", "on Tuesday", "overnight", "last week", "early on Friday", "at dawn")


def sentence(rng: random.Random, number: int) -> str:
    return (f"{rng.choice(SPEAKERS)} {rng.choice(CUES)} that {rng.choice(ACTORS)} "
            f"{rng.choice(ACTS)} {rng.choice(PLACES)} {rng.choice(DAYS)}, in report {number}.")


def long_report(chars: int, sentences_per_line: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines, size, number = ["Fighting reported across the province"], 0, 0
    while size < chars:
        line = " ".join(sentence(rng, number + k) for k in range(sentences_per_line))
        number += sentences_per_line
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines) + "\n"


def run_case(chars: int, sentences_per_line: int) -> dict[str, float]:
    from corroborate.model import RawReport
    from corroborate.pipeline import process

    process(RawReport(path="warm-up.txt", format="text", text=long_report(2_000, 4)))
    text = long_report(chars, sentences_per_line)
    start = time.perf_counter()
    report = process(RawReport(path="long.txt", format="text", text=text))
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"chars": len(text), "lines": text.count("\n"), "seconds": round(seconds, 1),
            "peak_mib": round(peak), "claims": len(report.claims)}


CASES = {  # name -> (characters, sentences per line)
    "100k characters": (100_000, 5),
    "300k characters": (300_000, 5),
    "1M characters": (1_000_000, 5),
    "20,000 lines": (20_000 * 90, 1),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chars", type=int, help="run one case of this many characters")
    parser.add_argument("--sentences-per-line", type=int, default=5)
    args = parser.parse_args()
    if args.chars:
        print(json.dumps(run_case(args.chars, args.sentences_per_line)))
        return
    for name, (chars, per_line) in CASES.items():
        command = [sys.executable, __file__, "--chars", str(chars),
                   "--sentences-per-line", str(per_line)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        result = done.stdout.strip() or f"failed: {done.stderr.strip().splitlines()[-1:]}"
        print(f"{name:>16}: {result}", flush=True)


if __name__ == "__main__":
    main()
