"""Certainty read with the parse: scope of modals and hedges, denial frames, negation in a
source's mouth, non-commitment (issues #13, #18). Sentences invented."""

from __future__ import annotations

import pytest

from corroborate.claims import extract_claims
from corroborate.model import Certainty, Claim
from corroborate.nlp import load_nlp


def _claim(text: str) -> Claim:
    claims = extract_claims(text, doc=load_nlp()(text))
    assert len(claims) == 1, claims
    return claims[0]


@pytest.mark.parametrize(
    "text",
    [
        "Families may return to the island at their own responsibility, the mayor said.",
        "No matter how strong the rebels may seem, they hold only the coastal road.",
        "The alleged smugglers crossed the river at night, police said.",
        "The convoy did not reach the town before dark.",
    ],
)
def test_scope_leaves_these_asserted(text: str) -> None:
    assert _claim(text).certainty is Certainty.ASSERTED


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The death toll may rise as rescuers dig through the rubble, the governor said.", "may"),
        ("The smugglers allegedly crossed the river at night, police said.", "allegedly"),
        ("The port authority declined to comment on the report.", "declined to comment"),
        ("It is unclear who fired the first shot in the market.", "is unclear"),
        ("Aid agencies believe that 4,000 families have fled the valley.", "believe"),
    ],
)
def test_scope_hedges_these(text: str, word: str) -> None:
    claim = _claim(text)
    assert claim.certainty is Certainty.HEDGED
    assert word in claim.hedges


@pytest.mark.parametrize(
    "text",
    [
        "“There are no soldiers in the valley,” the governor told reporters.",
        "The ministry said its aircraft had not flown over the district on Monday.",
        "The agency said reports that the dam had been breached were false.",
        "The militia called the accusations a fabrication of its enemies.",
        "The mayor played down the damage to the water station.",
        "We have never held prisoners in the school building.",
    ],
)
def test_scope_denials(text: str) -> None:
    claim = _claim(text)
    assert claim.certainty is Certainty.DENIED
    assert claim.hedges


def test_scope_every_claim_says_how_sure_and_who_decided() -> None:
    text = "Police said two men were arrested. The army denied the raid. It may rain."
    for claim in extract_claims(text, doc=load_nlp()(text)):
        assert claim.certainty_by in {"model", "rules"}
        assert claim.certainty_score is None or 0.0 <= claim.certainty_score <= 1.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"There are no foreign soldiers in the valley," the defence ministry said.',
         Certainty.DENIED),
        ('"The army is not shelling the villages," a military spokesman said.', Certainty.DENIED),
        ('"There was no water left in the tanks," a farmer told the agency.',
         Certainty.ASSERTED),
        ('"Most of the shops did not open on Monday," a resident said.', Certainty.ASSERTED),
    ],
)
def test_plain_negation_denies_only_in_a_partys_mouth(text: str, expected: Certainty) -> None:
    # a witness's negation reports a fact; a ministry's or spokesman's rejects a proposition
    assert _claim(text).certainty is expected
