"""Per-class recall of claim certainty against hand-annotated reports.

A gold folder holds report files and a `certainty.json`: per report file, a list of
`{"sentence": ..., "certainty": "asserted" | "hedged" | "denied"}` (layout in
`tests/data/certainty/README.md`). Each gold sentence is found in the report's clean text;
the claim overlapping it most gives the predicted certainty. A sentence no claim overlaps
counts as missed in its class (and is listed as not found).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corroborate.errors import CorroborateError
from corroborate.evaluate.ledger import _process_file
from corroborate.model import Certainty, Claim

GOLD_FILE = "certainty.json"
CLASSES = tuple(c.value for c in Certainty)


@dataclass
class CertaintyScore:
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, predicted)
    failures: list[str] = field(default_factory=list)

    def recall(self) -> dict[str, float]:
        rates = {}
        for gold in CLASSES:
            total = sum(n for (g, _), n in self.confusion.items() if g == gold)
            if total:
                rates[gold] = self.confusion[(gold, gold)] / total
        return rates

    def counts(self) -> dict[str, dict[str, int]]:
        return {
            gold: {pred: n for (g, pred), n in sorted(self.confusion.items()) if g == gold}
            for gold in CLASSES
        }

    def as_json(self) -> dict[str, Any]:
        return {"recall": self.recall(), "confusion": self.counts()}


def evaluate_certainty(gold_dir: Path) -> CertaintyScore:
    gold_path = gold_dir / GOLD_FILE
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise CorroborateError(f"{gold_path}: cannot read the gold annotations ({err})") from err
    score = CertaintyScore()
    for name, items in sorted(_checked(gold_path, gold).items()):
        report = _process_file(gold_dir / name)
        for item in items:
            _score_sentence(name, report.text, report.claims, item, score)
    return score


def _checked(gold_path: Path, gold: Any) -> dict[str, list[dict[str, str]]]:
    """The gold annotations, or an error naming the file and the entry that is malformed."""
    if not isinstance(gold, dict):
        raise CorroborateError(f"{gold_path}: expected an object of report file -> sentences")
    for name, items in gold.items():
        for i, item in enumerate(items if isinstance(items, list) else [None]):
            ok = isinstance(item, dict) and isinstance(item.get("sentence"), str)
            if not ok or item.get("certainty") not in CLASSES:
                raise CorroborateError(
                    f"{gold_path}: {name} entry {i}: expected a list of "
                    f'{{"sentence": ..., "certainty": {" | ".join(CLASSES)}}}'
                )
    return gold


def _score_sentence(
    name: str, text: str, claims: tuple[Claim, ...], item: dict[str, str], score: CertaintyScore
) -> None:
    gold = item["certainty"]
    where = _locate(text, item["sentence"])
    claim = _best_claim(claims, where) if where else None
    predicted = claim.certainty.value if claim else "not found"
    score.confusion[(gold, predicted)] += 1
    if predicted != gold:
        hedges = list(claim.hedges) if claim else []
        score.failures.append(f"{name}: {gold} -> {predicted} {hedges} {item['sentence'][:80]!r}")


def _locate(text: str, sentence: str) -> tuple[int, int] | None:
    """The span of `sentence` in `text`, whatever the spaces between its words."""
    pattern = r"\s+".join(re.escape(word) for word in sentence.split())
    found = re.search(pattern, text)
    return (found.start(), found.end()) if found else None


def _best_claim(claims: tuple[Claim, ...], span: tuple[int, int]) -> Claim | None:
    overlap = [(min(c.end, span[1]) - max(c.start, span[0]), c) for c in claims]
    best = max(overlap, key=lambda pair: pair[0], default=(0, None))
    return best[1] if best[0] > 0 else None
