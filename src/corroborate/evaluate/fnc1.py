"""The official FNC-1 weighted score, plus confusion matrix, per-class accuracy and macro-F1."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from corroborate.link.stance.labels import LABELS, RELATED

RELATED_CREDIT = 0.25  # right related/unrelated decision
EXACT_CREDIT = 0.75  # right agree/disagree/discuss label of a related gold pair


def pair_score(gold: str, predicted: str) -> float:
    """Official FNC-1 credit of one pair (fnc-1-baseline utils/score.py)."""
    score = 0.0
    if (gold in RELATED) == (predicted in RELATED):
        score += RELATED_CREDIT
    if gold in RELATED and gold == predicted:
        score += EXACT_CREDIT
    return score


def max_score(gold: Sequence[str]) -> float:
    return sum(pair_score(label, label) for label in gold)


def weighted_score(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Percentage of the score of a perfect prediction."""
    _check_lengths(gold, predicted)
    best = max_score(gold)
    if best == 0:
        return 0.0
    return 100.0 * sum(pair_score(g, p) for g, p in zip(gold, predicted, strict=True)) / best


def confusion(gold: Sequence[str], predicted: Sequence[str]) -> list[list[int]]:
    """Rows gold, columns predicted, both in LABELS order."""
    index = {label: i for i, label in enumerate(LABELS)}
    matrix = [[0] * len(LABELS) for _ in LABELS]
    for g, p in zip(gold, predicted, strict=True):
        matrix[index[g]][index[p]] += 1
    return matrix


def f1_per_class(matrix: list[list[int]]) -> list[float]:
    scores = []
    for i in range(len(LABELS)):
        true_positive = matrix[i][i]
        gold_total = sum(matrix[i])
        predicted_total = sum(row[i] for row in matrix)
        denominator = gold_total + predicted_total
        scores.append(2 * true_positive / denominator if denominator else 0.0)
    return scores


def evaluate(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """Every figure of an evaluation, as one JSON-ready dict."""
    _check_lengths(gold, predicted)
    matrix = confusion(gold, predicted)
    per_class = {
        label: (row[i] / sum(row) if sum(row) else None)
        for i, (label, row) in enumerate(zip(LABELS, matrix, strict=True))
    }
    f1 = f1_per_class(matrix)
    present = [score for score, row in zip(f1, matrix, strict=True) if sum(row)]
    return {
        "pairs": len(gold),
        "weighted_score": weighted_score(gold, predicted),
        "per_class_accuracy": per_class,
        "f1": dict(zip(LABELS, f1, strict=True)),
        "macro_f1": sum(present) / len(present) if present else 0.0,
        "accuracy": sum(g == p for g, p in zip(gold, predicted, strict=True)) / max(len(gold), 1),
        "labels": list(LABELS),
        "confusion": matrix,
    }


def format_report(result: dict[str, Any]) -> str:
    """Plain-text rendering of `evaluate`'s result."""
    lines = [
        f"pairs: {result['pairs']}",
        f"weighted score (FNC-1): {result['weighted_score']:.2f}",
        f"macro-F1: {result['macro_f1']:.4f}   accuracy: {result['accuracy']:.4f}",
        "",
        "confusion (rows gold, columns predicted):",
        " " * 11 + "".join(f"{label:>11}" for label in LABELS),
    ]
    for label, row in zip(LABELS, result["confusion"], strict=True):
        lines.append(f"{label:>11}" + "".join(f"{count:>11}" for count in row))
    lines += ["", "per-class accuracy:"]
    for label, value in result["per_class_accuracy"].items():
        shown = "n/a" if value is None else f"{value:.4f}"
        lines.append(f"  {label:<10} {shown}   F1 {result['f1'][label]:.4f}")
    return "\n".join(lines)


def _check_lengths(gold: Sequence[str], predicted: Sequence[str]) -> None:
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    unknown = {label for label in (*gold, *predicted) if label not in LABELS}
    if unknown:
        raise ValueError(f"unknown label(s) {sorted(unknown)}; expected {LABELS}")


def macro_f1_of(gold: Sequence[str], predicted: Sequence[str]) -> float:
    matrix = confusion(gold, predicted)
    present = [score for score, row in zip(f1_per_class(matrix), matrix, strict=True) if sum(row)]
    return sum(present) / len(present) if present else 0.0
