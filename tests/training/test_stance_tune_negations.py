"""Negated copies for fine-tuning the stance cross-encoder: a body that bears a claim out
refutes its negation (no torch needed)."""

from __future__ import annotations

from corroborate.datasets.fnc1 import StancePair
from corroborate.training.stance_tune import NEGATIONS, negated_copies


def test_negated_copies_swap_agree_and_disagree_and_leave_the_rest() -> None:
    pairs = [StancePair("Rebels seize the airport.", "7", "agree"),
             StancePair("Rebels seize the port", "8", "disagree"),
             StancePair("Rebels seize the dam", "9", "discuss"),
             StancePair("Rebels seize the mine", "9", "unrelated")]  # fmt: skip
    copies = negated_copies(pairs)
    assert [(c.body_id, c.stance) for c in copies] == [("7", "disagree"), ("8", "agree")]
    assert "Rebels seize the airport" in copies[0].headline
    assert any(copies[0].headline == t.format("Rebels seize the airport") for t in NEGATIONS)
