"""Report stance: the FNC-1 model's reading of a whole report combined with its claims'."""

from __future__ import annotations

import pytest

from corroborate.link.sources import DISCUSSES, REFUTES, STANCES, SUPPORTS
from corroborate.link.stance import LABELS
from corroborate.link.stance.reports import combine, report_stances

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
