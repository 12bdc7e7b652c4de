"""Claim quality on real news bodies: bare-pronoun sources and content spans outside claims.

Runs the whole pipeline (clean, language, parse, claims) over the first N bodies of the
FNC-1 training bodies (`../shared/data/fnc1/train_bodies.csv`, 1,683 bodies; licence in
`DATA.md`; the test split is never read) and prints, over the attributed claims:

- `bare_pronoun_share`: claims whose source is a bare pronoun ("he", "she", "they" …);
- `content_outside_share`: claims whose content span is not inside the claim's own span.

Targets (issue #18): bare pronouns under 3%, content outside 0. To measure another checkout
(the code before a change), point `PYTHONPATH` at its `src`:

    nice -n 10 python benchmarks/claim_quality.py --bodies 1683
    PYTHONPATH=/tmp/base18/src nice -n 10 python benchmarks/claim_quality.py --bodies 1683
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from corroborate.datasets.fnc1 import read_bodies
from corroborate.model import RawReport
from corroborate.pipeline import build_pipeline

DEFAULT_BODIES = Path(__file__).resolve().parents[2] / "shared/data/fnc1/train_bodies.csv"
PROGRESS = 10  # bodies between running figures on stderr
PRONOUNS = frozenset(
    {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "his", "its"}
)


def measure(bodies: list[tuple[str, str]]) -> dict[str, object]:
    pipeline = build_pipeline(("clean", "language", "parse", "claims"))
    raws = (RawReport(path=f"fnc1:{key}", format="text", text=text) for key, text in bodies)
    attributed = pronouns = outside = claims = failed = 0
    written: Counter[str] = Counter()
    started = time.perf_counter()
    for done, (_, report) in enumerate(pipeline.process_many(raws), start=1):
        if done % PROGRESS == 0:  # running figures on stderr: a long run can be cut short
            print(
                f"{done} bodies, {time.perf_counter() - started:.0f} s: attributed {attributed}, "
                f"bare pronouns {pronouns}, content outside {outside}",
                file=sys.stderr,
                flush=True,
            )
        if isinstance(report, Exception):
            failed += 1
            continue
        for claim in report.claims:
            claims += 1
            if claim.source is None:
                continue
            attributed += 1
            if claim.source.lower() in PRONOUNS:
                pronouns += 1
                written[claim.source.lower()] += 1
            span = claim.content_span
            if span is not None and not (claim.start <= span[0] <= span[1] <= claim.end):
                outside += 1
    return {
        "bodies": len(bodies),
        "failed": failed,
        "claims": claims,
        "attributed": attributed,
        "bare_pronoun_sources": pronouns,
        "bare_pronoun_share": round(pronouns / max(attributed, 1), 4),
        "bare_pronouns": dict(written.most_common()),
        "content_outside": outside,
        "content_outside_share": round(outside / max(attributed, 1), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bodies", type=int, default=2000, help="how many bodies (file order)")
    parser.add_argument("--file", type=Path, default=DEFAULT_BODIES)
    args = parser.parse_args()
    bodies = list(read_bodies(args.file).items())[: args.bodies]
    print(json.dumps(measure(bodies), indent=1))


if __name__ == "__main__":
    main()
