"""Certainty of headline wording (issue #11): a modal the tagger misreads in title case, the
headline form of "is said to", and hedge words a headline uses. Sentences invented."""

from __future__ import annotations

import pytest

from corroborate.claims import extract_claims
from corroborate.link.sources import DISCUSSES, claim_stance
from corroborate.model import Certainty, Claim
from corroborate.nlp import load_nlp


def _claim(text: str) -> Claim:
    claims = extract_claims(text, doc=load_nlp()(text))
    assert len(claims) == 1, claims
    return claims[0]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Northern Army May Withdraw From Harbour Town.", "May"),
        ("Rebel Commander May Be Hiding In The Hills.", "May"),
        ("Relief Convoy Might Reach Besieged Valley.", "Might"),
        ("Northern Army May Soon Withdraw From Harbour Town.", "May"),
    ],
)
def test_headline_title_case_modal_hedges(text: str, word: str) -> None:
    claim = _claim(text)
    assert claim.certainty is Certainty.HEDGED
    assert word in claim.hedges


@pytest.mark.parametrize(
    "text",
    [
        "Fighting Resumed In May Near The Northern Border.",
        "The bridge over the river was repaired in May by army engineers.",
    ],
)
def test_headline_month_may_is_no_modal(text: str) -> None:
    assert _claim(text).certainty is Certainty.ASSERTED


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Militia Said to Seize Second Oil Field.", "Said to"),
        ("Governor reported to be near a deal with the tribes.", "reported to"),
        ("The envoy thought to have left the capital on Friday.", "thought to"),
    ],
)
def test_headline_said_to_hedges(text: str, word: str) -> None:
    claim = _claim(text)
    assert claim.certainty is Certainty.HEDGED
    assert word in claim.hedges
    # the doubt is not only the attribution cue ("said"): the claim discusses
    assert claim_stance(claim.certainty, claim.cue, claim.hedges) == DISCUSSES


@pytest.mark.parametrize(
    "text",
    [
        "The governor said to reporters that the bridge had fallen.",
        "The attack was reported to the police on Monday.",
    ],
)
def test_said_to_someone_is_no_hedge(text: str) -> None:
    claim = _claim(text)
    assert claim.certainty is Certainty.ASSERTED
    assert not any(h.lower().endswith(" to") for h in claim.hedges)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The militia seemingly abandoned its positions overnight.", "seemingly"),
        ("The leak potentially exposed the names of 300 informants.", "potentially"),
    ],
)
def test_headline_hedge_words(text: str, word: str) -> None:
    claim = _claim(text)
    assert claim.certainty is Certainty.HEDGED
    assert word in claim.hedges


def test_a_rumour_noun_hedges_only_what_it_names() -> None:
    # her fear is stated; the rumours are what it stems from (toward a sentence that states
    # what the rumours say, `link.polarity` reads them as doubt)
    claim = _claim("Her fear stemmed from the rumours spread by the militia, she said.")
    assert claim.certainty is Certainty.ASSERTED
