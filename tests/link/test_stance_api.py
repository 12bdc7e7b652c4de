"""The shipped model through the public API, on invented pairs."""

from __future__ import annotations

import pytest

from corroborate.link.stance import LABELS, stance, stance_many

CLAIM = "Twin snow leopard cubs were born at a zoo in northern Norway"
RELATED_TEXT = (
    "Keepers at a zoo in northern Norway said on Tuesday that two snow leopard cubs were born "
    "last month. The twin cubs are healthy and will meet visitors in the spring, the zoo said."
)
UNRELATED_TEXT = (
    "The city council approved next year's budget for road repairs on Monday. Councillors "
    "voted to resurface four streets in the harbour district and to add cycle lanes."
)


def test_stance_labels_valid_and_scores_sum_to_one() -> None:
    label, scores = stance(CLAIM, RELATED_TEXT)
    assert label in LABELS
    assert set(scores) == set(LABELS)
    assert sum(scores.values()) == pytest.approx(1.0)
    assert label == max(scores, key=scores.__getitem__)


def test_stance_obvious_unrelated_pair_is_unrelated() -> None:
    label, scores = stance(CLAIM, UNRELATED_TEXT)
    assert label == "unrelated"
    assert scores["unrelated"] > 0.5


def test_stance_related_pair_is_related() -> None:
    label, _ = stance(CLAIM, RELATED_TEXT)
    assert label != "unrelated"


def test_stance_batch_equals_single() -> None:
    pairs = [(CLAIM, RELATED_TEXT), (CLAIM, UNRELATED_TEXT), ("Bakers strike in Lyon", "")]
    batch = stance_many(pairs)
    for (claim, text), (label, scores) in zip(pairs, batch, strict=True):
        single_label, single_scores = stance(claim, text)
        assert label == single_label
        assert scores == pytest.approx(single_scores, abs=1e-6)


def test_stance_many_empty() -> None:
    assert stance_many([]) == []
