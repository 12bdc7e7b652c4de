"""Report stance: the FNC-1 model's reading of a whole report combined with its claims'."""

from __future__ import annotations

import pytest

from corroborate.link.sources import DISCUSSES, REFUTES, STANCES, SUPPORTS
from corroborate.link.stance import LABELS
from corroborate.link.stance.reports import (
    CONFIDENT,
    combine,
    report_stances,
    states_in_own_voice,
)
from corroborate.model import Certainty, Claim

SENTENCE = "The river ferry between Osk and Lindt has stopped running for the winter"
REPORTS = {
    # invented: one report states it, one quotes a denial, one is about something else
    1: ("The river ferry between Osk and Lindt has stopped running for the winter, the "
        "operator said on Monday. Passengers must take the bridge road until March."),
    2: ("The operator denied that the river ferry between Osk and Lindt had stopped running "
        "for the winter. Boats leave every hour as usual, a spokeswoman said."),
    3: ("Lindt's football club won its third match in a row on Saturday, with two goals in "
        "the last ten minutes."),
}


@pytest.mark.parametrize(("claims", "model", "expected"), [
    ([SUPPORTS], "agree", SUPPORTS),
    ([SUPPORTS], "discuss", DISCUSSES),  # relayed, not taken up: not full support
    ([SUPPORTS, REFUTES], "disagree", DISCUSSES),
    ([REFUTES], "agree", REFUTES),  # a quoted denial refutes whatever the wording
    ([DISCUSSES], "disagree", REFUTES),
    ([DISCUSSES], "discuss", DISCUSSES),
    ([], "unrelated", DISCUSSES),
])
def test_combine_claims_and_model(claims: list[str], model: str, expected: str) -> None:
    assert combine(claims, model) == expected


def test_report_stances_one_per_report_with_the_models_reading() -> None:
    texts = dict(REPORTS)
    found = report_stances(SENTENCE, texts, {1: [SUPPORTS], 2: [REFUTES], 3: []})
    assert sorted(found) == [1, 2, 3]
    for doc_id, result in found.items():
        assert result.stance in STANCES and result.model in LABELS
        assert sum(result.probabilities.values()) == pytest.approx(1.0)
        assert result.stance == combine({1: [SUPPORTS], 2: [REFUTES], 3: []}[doc_id],
                                        result.model)
    assert found[2].stance == REFUTES
    assert found[3].model == "unrelated"


def test_report_stances_nothing_to_read() -> None:
    assert report_stances(SENTENCE, {}, {}) == {}


@pytest.mark.parametrize(("model", "probability", "expected"), [
    ("discuss", CONFIDENT - 0.2, SUPPORTS),  # a hesitant reading: the outlet's words stand
    ("unrelated", CONFIDENT - 0.2, SUPPORTS),
    ("discuss", CONFIDENT + 0.1, DISCUSSES),  # a confident reading still wins
    ("disagree", CONFIDENT + 0.1, DISCUSSES),
])
def test_combine_a_report_stating_support_in_its_own_voice(
    model: str, probability: float, expected: str
) -> None:
    assert combine([SUPPORTS], model, probability, own_voice=True) == expected
    # a report that only relays a supporting claim stays a discussion
    assert combine([SUPPORTS], model, probability, own_voice=False) == DISCUSSES


def test_combine_own_voice_changes_no_refutation() -> None:
    assert combine([REFUTES], "discuss", 0.4, own_voice=True) == REFUTES
    assert combine([DISCUSSES], "disagree", 0.4, own_voice=True) == REFUTES


def _said(source: str | None, certainty: Certainty) -> Claim:
    text = "The ferry stopped running."
    return Claim(0, len(text), text, source=source, certainty=certainty)


@pytest.mark.parametrize(("source", "certainty", "stance", "expected"), [
    (None, Certainty.ASSERTED, SUPPORTS, True),  # the outlet states it
    ("the operator", Certainty.ASSERTED, SUPPORTS, False),  # its source does
    (None, Certainty.HEDGED, SUPPORTS, False),  # the outlet doubts it
    (None, Certainty.ASSERTED, REFUTES, False),  # stated, but against the sentence
])
def test_states_in_own_voice(
    source: str | None, certainty: Certainty, stance: str, expected: bool
) -> None:
    assert states_in_own_voice(_said(source, certainty), stance) is expected
