"""Scoring check's evidence stance against Emergent's gold stance (invented labels)."""

from __future__ import annotations

import numpy as np
import pytest

from corroborate.evaluate.emergent import Headline, _found_pairs
from corroborate.evaluate.emergent_stance import (
    GOLD_STANCES,
    as_sentence,
    evidence_stance,
    headline_claims,
    negate,
    scored_headlines,
    stance_scores,
)
from corroborate.link.sources import DISCUSSES, REFUTES, SUPPORTS, claim_stance


def test_scores_are_the_counts_of_a_tiny_set() -> None:
    ours = [SUPPORTS, SUPPORTS, REFUTES, DISCUSSES, DISCUSSES, REFUTES]
    gold = [SUPPORTS, REFUTES, REFUTES, DISCUSSES, SUPPORTS, REFUTES]
    found = stance_scores(ours, gold)
    per_class = found["per_class"]
    # supports: 1 of 2 said right, 1 of 2 gold found
    assert per_class[SUPPORTS]["precision"] == pytest.approx(1 / 2)
    assert per_class[SUPPORTS]["recall"] == pytest.approx(1 / 2)
    # refutes: 2 of 2 said right, 2 of 3 gold found
    assert per_class[REFUTES]["precision"] == pytest.approx(1.0)
    assert per_class[REFUTES]["recall"] == pytest.approx(2 / 3)
    assert per_class[REFUTES]["f1"] == pytest.approx(2 * (2 / 3) / (1 + 2 / 3))
    # discusses: 1 of 2 said right, 1 of 1 gold found
    assert per_class[DISCUSSES]["f1"] == pytest.approx(2 * 0.5 / 1.5)
    assert found["macro_f1"] == pytest.approx(
        np.mean([per_class[label]["f1"] for label in (SUPPORTS, REFUTES, DISCUSSES)])
    )
    assert found["accuracy"] == pytest.approx(4 / 6)
    assert found["against_recall"] == per_class[REFUTES]["recall"]
    assert [per_class[label]["gold"] for label in found["labels"]] == [2, 3, 1]
    # gold rows, ours columns, both in supports / refutes / discusses order
    assert found["labels"] == [SUPPORTS, REFUTES, DISCUSSES]
    assert found["confusion"] == [[1, 0, 1], [1, 2, 0], [0, 0, 1]]
    assert sum(map(sum, found["confusion"])) == found["pairs"] == len(gold)


def test_scores_of_nothing_and_of_unequal_lists() -> None:
    assert stance_scores([], []) == {"pairs": 0}
    with pytest.raises(ValueError):
        stance_scores([SUPPORTS], [])


def test_gold_labels_map_onto_ours() -> None:
    assert GOLD_STANCES == {"for": SUPPORTS, "against": REFUTES, "observing": DISCUSSES}


def test_a_headline_takes_the_report_rule_over_its_claims() -> None:
    assert evidence_stance([REFUTES, SUPPORTS]) == SUPPORTS
    assert evidence_stance([DISCUSSES, REFUTES]) == REFUTES
    assert evidence_stance([DISCUSSES]) == DISCUSSES
    assert evidence_stance([]) == DISCUSSES


def test_a_headline_reads_as_an_ended_sentence() -> None:
    assert as_sentence("Rebels seize the airport ") == "Rebels seize the airport."
    assert as_sentence("Did rebels seize the airport?") == "Did rebels seize the airport?"


def test_found_pairs_are_the_found_headlines_of_their_own_claim() -> None:
    half = [
        Headline("Rebels seize the airport", "c2", "Rebels took the airport", "for"),
        Headline("Army denies losing the airport", "c2", "Rebels took the airport", "against"),
        Headline("Port reopens to ships", "c1", "The port reopened", "observing"),
    ]
    # rows: claims sorted by id (c1, c2); the c1 row also finds a c2 headline (not its own)
    found = np.array([[True, False, True], [False, True, False]])
    assert _found_pairs(half, found) == [
        ("The port reopened", "Port reopens to ships", "observing"),
        ("Rebels took the airport", "Army denies losing the airport", "against"),
    ]


def test_extraction_reads_a_denial_headline_as_refuting() -> None:
    found = headline_claims(
        ["Ministry denies that troops crossed the border", "Troops crossed the border overnight"]
    )
    stances = [[claim_stance(c.certainty, c.cue, c.hedges) for c in claims] for claims in found]
    assert [evidence_stance(claims) for claims in stances] == [REFUTES, SUPPORTS]


def test_negate_prefixes_the_sentence_and_reverses_for_and_against() -> None:
    pairs = [("Troops left Dolvik", "Troops leave Dolvik", "for"),
             ("Troops left Dolvik", "Army denies leaving Dolvik", "against"),
             ("Troops left Dolvik", "Did troops leave Dolvik?", "observing")]
    assert negate(pairs) == [
        ("It is not true that Troops left Dolvik", "Troops leave Dolvik", "against"),
        ("It is not true that Troops left Dolvik", "Army denies leaving Dolvik", "for"),
        ("It is not true that Troops left Dolvik", "Did troops leave Dolvik?", "observing"),
    ]


def test_claims_extracted_once_give_the_same_scores() -> None:
    from corroborate.evaluate.emergent_stance import evaluate_stance

    pairs = [("Troops left Dolvik", "Army denies troops left Dolvik", "against"),
             ("Troops left Dolvik", "Troops leave Dolvik", "for")]
    claims = headline_claims(scored_headlines(pairs))
    assert evaluate_stance(negate(pairs), claims) == evaluate_stance(negate(pairs))
    assert evaluate_stance(pairs, claims) == evaluate_stance(pairs)
