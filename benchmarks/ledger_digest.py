"""What ingest stores, dumped, to check that a speed-up changes none of it (issue 12).

Runs `pipeline.process_many` (every stage, no store) over the seeds, the bundled samples, the
test reports and the first `--fnc1` FNC-1 news bodies of 300-450 words (read from
../shared/data, never copied into the repo), plus one 4,000-word page with no sentence
punctuation built from them as `ingest_vs_parse.py` builds it, and writes each report as
stored (every field of `Report`: text, claims with their spans, sources, cues, certainty and
scores, mentions, places, actors) as one JSON line. Run it on two checkouts and compare:

    python benchmarks/ledger_digest.py -o before.jsonl              # on the old code
    python benchmarks/ledger_digest.py --against before.jsonl       # on the new code

`--against` prints each report that differs and the first field that differs, and exits 1
if any does. Linking across reports reads only these reports, so equal reports give an
equal ledger. The script runs itself with PYTHONHASHSEED=0: the actors stage's keys depend
on the order of a set of strings (one FNC-1 body's "Foley" is keyed "james foley" or "mr
foley" from one process to the next), which would read as a difference.
"""

from __future__ import annotations

import os

from corroborate.threads import limit_threads

limit_threads()  # before numpy loads, as the command does

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from dataclasses import asdict  # noqa: E402
from pathlib import Path  # noqa: E402

from corroborate import pipeline  # noqa: E402
from corroborate.ingest import read_inputs  # noqa: E402
from corroborate.model import RawReport  # noqa: E402
from corroborate.samples import sample_files  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from ingest_vs_parse import FNC1, news_reports, unpunctuated_page  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def corpus(fnc1: int) -> list[RawReport]:
    sources = [str(REPO.parent / "shared" / "seeds"), *sample_files()]
    sources += [str(p) for p in sorted((REPO / "tests" / "data" / "reports").iterdir())
                if p.suffix in (".txt", ".html")]
    reports = [r for r in read_inputs(sources) if isinstance(r, RawReport)]
    texts = news_reports(FNC1, fnc1) if fnc1 else []
    reports += [RawReport(path=f"fnc1-{n}.txt", format="text", text=t)
                for n, t in enumerate(texts)]
    if texts:
        page = unpunctuated_page(4000, texts)
        reports.append(RawReport(path="page.txt", format="text", text=page))
    return reports


def dumps(raws: list[RawReport]) -> list[str]:
    lines = []
    for raw, outcome in pipeline.process_many(raws):
        record = {"path": raw.path, "row": raw.row}
        record["report"] = asdict(outcome) if hasattr(outcome, "claims") else str(outcome)
        lines.append(json.dumps(record, sort_keys=True, ensure_ascii=False))
    return lines


def first_difference(old: object, new: object, where: str = "") -> str:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                return first_difference(old.get(key), new.get(key), f"{where}.{key}")
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for n, (a, b) in enumerate(zip(old, new, strict=True)):
            if a != b:
                return first_difference(a, b, f"{where}[{n}]")
    return f"{where}: {json.dumps(old)[:200]} -> {json.dumps(new)[:200]}"


def compare(before: Path, lines: list[str]) -> int:
    old = before.read_text(encoding="utf-8").splitlines()
    if len(old) != len(lines):
        print(f"{before}: {len(old)} reports, now {len(lines)}")
        return 1
    differing = 0
    for a, b in zip(old, lines, strict=True):
        if a != b:
            differing += 1
            x, y = json.loads(a), json.loads(b)
            print(f"{x['path']}: {first_difference(x, y)}")
    print(f"{len(lines)} reports, {differing} differ from {before}")
    return 1 if differing else 0


def main() -> None:
    if os.environ.get("PYTHONHASHSEED") != "0":
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        os.execve(sys.executable, [sys.executable, *sys.argv], env)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fnc1", type=int, default=60, help="FNC-1 bodies to add (0: none)")
    parser.add_argument("-o", "--out", type=Path, help="write the dump here")
    parser.add_argument("--against", type=Path, help="compare with an earlier dump")
    args = parser.parse_args()
    lines = dumps(corpus(args.fnc1))
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(lines)} reports written to {args.out}")
    if args.against:
        sys.exit(compare(args.against, lines))


if __name__ == "__main__":
    main()
