"""Score the whole ledger pipeline against hand-annotated reports.

A gold folder holds report files and an `expected.json` (layout documented in
`tests/data/reports/README.md`): per report the title, date, outlet, byline, noise lines
that must go, body text that must stay, and claims with source, chain, cue, certainty and
hedges. Every check is a yes/no; the score of a field is the share of checks passed.

Beside the gold values, two checks read every extracted claim or a gold claim's extra key:
- `pronoun`: a gold claim with `source_as_written` (a pronoun or role phrase, "She", "The
  ministry") must have that as written and the speaker it refers to as its source;
- `content_inside`: every extracted claim's content span lies inside the claim;
and a report with a gold `dateline` (place, date, agency) is checked field by field.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corroborate.errors import InputError
from corroborate.ingest import read_inputs
from corroborate.model import Claim, Report
from corroborate.pipeline import process

GOLD_FILE = "expected.json"
FIELDS = ("title", "published", "outlet", "byline")


@dataclass
class LedgerScore:
    passed: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    failures: list[str] = field(default_factory=list)

    def check(self, name: str, ok: bool, detail: str) -> None:
        self.total[name] += 1
        self.passed[name] += int(ok)
        if not ok:
            self.failures.append(f"{name}: {detail}")

    def rates(self) -> dict[str, float]:
        return {name: self.passed[name] / self.total[name] for name in sorted(self.total)}


def evaluate_ledger(gold_dir: Path) -> LedgerScore:
    gold = json.loads((gold_dir / GOLD_FILE).read_text(encoding="utf-8"))
    score = LedgerScore()
    for name, expected in sorted(gold.items()):
        report = _process_file(gold_dir / name)
        _score_report(name, report, expected, score)
    return score


def _process_file(path: Path) -> Report:
    [item] = list(read_inputs([str(path)]))
    if isinstance(item, InputError):
        raise item
    return process(item)


def _score_report(name: str, report: Report, expected: dict[str, Any], score: LedgerScore) -> None:
    for key in FIELDS:
        found = getattr(report, key)
        score.check(key, found == expected[key], f"{name}: {found!r} != {expected[key]!r}")
    kept_lines = {line.strip() for line in report.text.splitlines()}
    flat_text = " ".join(report.text.split())
    for noise in expected["noise_removed"]:
        present = noise in report.text if name.endswith(".html") else noise.strip() in kept_lines
        score.check("noise_removed", not present, f"{name}: kept {noise!r}")
    for body in expected["body_kept"]:
        score.check("body_kept", " ".join(body.split()) in flat_text, f"{name}: lost {body!r}")
    for gold_claim in expected["claims"]:
        _score_claim(name, report.claims, gold_claim, score)
    for claim in report.claims:
        span = claim.content_span
        inside = span is None or claim.start <= span[0] <= span[1] <= claim.end
        score.check("content_inside", inside, f"{name}: content {span} outside {claim.text[:40]!r}")
    for key, value in expected.get("dateline", {}).items():
        found = getattr(report, f"dateline_{key}")
        score.check("dateline", found == value, f"{name}: dateline {key} {found!r} != {value!r}")
    for text in expected.get("not_claims", []):
        wrong = [c for c in report.claims if text in c.text]
        score.check("not_claims", not wrong, f"{name}: {text!r} became a claim")


def _score_claim(
    name: str, claims: tuple[Claim, ...], gold: dict[str, Any], score: LedgerScore
) -> None:
    where = f"{name}: {gold['contains'][:50]!r}"
    matches = [c for c in claims if gold["contains"] in c.text]
    score.check("claim_found", bool(matches), f"{where} not found")
    if not matches:
        return
    claim = matches[0]
    score.check("source", claim.source == gold["source"], f"{where} source {claim.source!r}")
    score.check("chain", list(claim.chain) == gold["chain"], f"{where} chain {list(claim.chain)}")
    score.check("cue", _lower(claim.cue) == _lower(gold["cue"]), f"{where} cue {claim.cue!r}")
    score.check(
        "certainty", claim.certainty == gold["certainty"], f"{where} certainty {claim.certainty}"
    )
    if "source_as_written" in gold:
        expected = (gold["source_as_written"], gold["source"])
        resolved = (claim.source_as_written, claim.source) == expected
        score.check("pronoun", resolved, f"{where} {claim.source_as_written!r} -> {claim.source!r}")
    missing = {_lower(h) for h in gold["hedges"]} - {_lower(h) for h in claim.hedges}
    score.check("hedges", not missing, f"{where} hedges {list(claim.hedges)} lack {missing}")


def _lower(text: str | None) -> str | None:
    return text.lower() if text is not None else None
