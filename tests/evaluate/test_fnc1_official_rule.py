"""The FNC-1 weighted score on hand-made cases, including the official rule's edge cases."""

from __future__ import annotations

import pytest

from corroborate.evaluate.fnc1 import evaluate, pair_score, weighted_score


def test_scorer_unrelated_for_related_gold_earns_nothing() -> None:
    assert pair_score("agree", "unrelated") == 0.0
    assert pair_score("disagree", "unrelated") == 0.0


def test_scorer_discuss_for_agree_gold_earns_related_credit_only() -> None:
    assert pair_score("agree", "discuss") == 0.25


def test_scorer_exact_related_label_earns_full_credit() -> None:
    assert pair_score("disagree", "disagree") == 1.0
    assert pair_score("unrelated", "unrelated") == 0.25
    assert pair_score("unrelated", "agree") == 0.0


def test_scorer_perfect_prediction_is_100() -> None:
    gold = ["agree", "disagree", "discuss", "unrelated", "unrelated"]
    assert weighted_score(gold, gold) == pytest.approx(100.0)


def test_scorer_all_unrelated_gold() -> None:
    gold = ["unrelated"] * 4
    assert weighted_score(gold, gold) == pytest.approx(100.0)
    # two wrong related/unrelated decisions out of four: half the credit
    assert weighted_score(gold, ["unrelated", "agree", "discuss", "unrelated"]) == pytest.approx(50)


def test_scorer_mixed_case_by_hand() -> None:
    gold = ["agree", "discuss", "unrelated", "disagree"]
    predicted = ["discuss", "discuss", "unrelated", "unrelated"]
    # 0.25 + 1.0 + 0.25 + 0 out of 1 + 1 + 0.25 + 1
    assert weighted_score(gold, predicted) == pytest.approx(100 * 1.5 / 3.25)


def test_scorer_report_confusion_and_per_class() -> None:
    gold = ["agree", "agree", "disagree", "unrelated"]
    predicted = ["agree", "discuss", "disagree", "unrelated"]
    result = evaluate(gold, predicted)
    assert result["confusion"][0] == [1, 0, 1, 0]
    assert result["per_class_accuracy"]["agree"] == 0.5
    assert result["per_class_accuracy"]["discuss"] is None
    # F1: agree 2/3, disagree 1, unrelated 1 (discuss has no gold rows and is left out)
    assert result["macro_f1"] == pytest.approx((2 / 3 + 1 + 1) / 3)


def test_scorer_rejects_unknown_label_and_length_mismatch() -> None:
    with pytest.raises(ValueError, match="unknown label"):
        weighted_score(["agree"], ["supports"])
    with pytest.raises(ValueError, match="1 gold labels but 2"):
        weighted_score(["agree"], ["agree", "agree"])
