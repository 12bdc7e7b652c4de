"""The soft word alignment (`corroborate.link.alignment`) on invented claims: restatements in
other words against claims on the same subject that say something else
(tests/data/relevance, written before the signal was measured on them)."""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np
import pytest

from corroborate.link.alignment import Alignment, content_words
from tests.conftest import TEST_DATA

STRESS = json.loads((TEST_DATA / "relevance" / "claims.json").read_text(encoding="utf-8"))


def _flat(stems: Sequence[str]) -> np.ndarray:
    return np.ones(len(stems))


def test_content_words_leave_out_stop_words_and_numbers() -> None:
    assert content_words("The 3 rebels, of Keshan's airport, fled in 2021") == [
        "rebels", "keshan", "airport", "fled"]


def test_recall_is_one_for_a_restatement_in_the_same_words_and_zero_without_words() -> None:
    alignment = Alignment("Rebel fighters captured the airport", _flat)
    recall = alignment.recall(["the airport was captured by rebel fighters", "", "of the"])
    assert recall[0] == pytest.approx(1.0)
    assert recall[1] == recall[2] == 0.0


def test_recall_counts_near_words_in_part_and_weighs_rare_words_more() -> None:
    near = Alignment("Rebel fighters captured the airport", _flat).recall(
        ["insurgents seized the airfield", "a choir sang in the cathedral"])
    assert near[1] < near[0] < 1  # soft matches, not exact ones
    texts = ["rebel fighters were seen", "the airport was captured"]

    def rare_airport(stems: Sequence[str]) -> np.ndarray:
        return np.array([5.0 if s == "airport" else 1.0 for s in stems])

    flat = Alignment("Rebel fighters captured the airport", _flat).recall(texts)
    weighted = Alignment("Rebel fighters captured the airport", rare_airport).recall(texts)
    assert weighted[1] - weighted[0] > flat[1] - flat[0]
