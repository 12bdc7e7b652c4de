"""Exact-match and lenient scores for source, cue and content spans.

Per article and per role, the gold spans and the predicted spans are each a set (a source
shared by two attributions counts once). Spans are compared in the form `spans.normalise`
gives: each fragment stripped of surrounding whitespace, fragments separated by whitespace
only merged. An exact match is the same set of fragments, so a discontinuous span only
matches if every fragment does. Lenient: a predicted span counts as correct if it shares a
token (non-space character) with a gold span of the same role, and a gold span counts as
found if a predicted one shares a token with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import harmonic_mean

from corroborate.attribution.spans import Fragments, Span, TaggedFrame, normalise

ROLES = ("source", "cue", "content")


@dataclass
class Counts:
    true_pos: int = 0
    predicted: int = 0
    gold: int = 0
    # lenient: predicted spans overlapping a gold span, gold spans overlapped by a prediction
    lenient_pred_hits: int = 0
    lenient_gold_hits: int = 0

    def prf(self) -> dict[str, float]:
        return _prf(self.true_pos, self.true_pos, self.predicted, self.gold)

    def lenient_prf(self) -> dict[str, float]:
        return _prf(self.lenient_pred_hits, self.lenient_gold_hits, self.predicted, self.gold)


def _prf(pred_hits: int, gold_hits: int, predicted: int, gold: int) -> dict[str, float]:
    precision = pred_hits / predicted if predicted else 0.0
    recall = gold_hits / gold if gold else 0.0
    return {"precision": precision, "recall": recall, "f1": harmonic_mean([precision, recall])}


@dataclass
class Score:
    counts: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})

    def add(self, text: str, gold: Iterable[TaggedFrame], predicted: Iterable[TaggedFrame]) -> None:
        """Add one article's gold and predicted attributions."""
        gold, predicted = list(gold), list(predicted)
        for role in ROLES:
            gold_set = role_spans(text, gold, role)
            pred_set = role_spans(text, predicted, role)
            counts = self.counts[role]
            counts.true_pos += len(gold_set & pred_set)
            counts.predicted += len(pred_set)
            counts.gold += len(gold_set)
            counts.lenient_pred_hits += sum(any(_overlap(p, g) for g in gold_set) for p in pred_set)
            counts.lenient_gold_hits += sum(any(_overlap(g, p) for p in pred_set) for g in gold_set)

    def as_dict(self) -> dict[str, dict[str, float] | dict[str, dict[str, float]]]:
        result: dict = {role: self.counts[role].prf() for role in ROLES}
        result["lenient"] = {role: self.counts[role].lenient_prf() for role in ROLES}
        return result


def role_spans(text: str, attributions: list[TaggedFrame], role: str) -> set[Fragments]:
    spans: list[Span | None] = [getattr(a, role) for a in attributions]
    return {normalise(text, span.fragments) for span in spans if span is not None} - {()}


def _overlap(left: Fragments, right: Fragments) -> bool:
    return any(a < d and c < b for a, b in left for c, d in right)
