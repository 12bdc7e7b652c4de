"""Certainty from wording: hedge words, modals, non-verification, denials (invented text)."""

from __future__ import annotations

import pytest

from corroborate.claims.certainty import certainty_of
from corroborate.model import Certainty


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        ("The convoy was reportedly attacked near Ostra.", "reportedly"),
        ("There are an estimated 900 fighters in the hills.", "an estimated"),
        ("It is estimated that 500 families fled.", "It is estimated that"),
        ("Rebels are believed to hold the ridge.", "are believed to"),
        ("The photos show what appeared to be burned trucks.", "appeared to be"),
        ("The dam could fail within days.", "could"),
        ("The Ostra Times could not verify the footage.", "could not verify"),
        ("The Ostra Times cannot verify the authenticity of the letters.", "cannot verify"),
        ("Locals described the attack but could not document it.", "could not document"),
        ("The report remains unconfirmed.", "unconfirmed"),
        ("If the reports were confirmed, it would be the first strike.", "if ... confirmed"),
    ],
)
def test_certainty_hedged(text: str, hedge: str) -> None:
    certainty, hedges = certainty_of(text)
    assert certainty is Certainty.HEDGED
    assert hedge in hedges


def test_certainty_negated_modal_is_not_a_hedge() -> None:
    assert certainty_of("They couldn’t reach the village before dark.") == (Certainty.ASSERTED, ())


def test_certainty_month_may_is_not_a_modal() -> None:
    assert certainty_of("The siege ended in May 2019.")[0] is Certainty.ASSERTED


def test_certainty_denial_phrase_and_cue() -> None:
    assert certainty_of("He said a ceasefire was “not on the agenda”.")[0] is Certainty.DENIED
    certainty, hedges = certainty_of("The army denied the raid.", ("denied",))
    assert (certainty, hedges) == (Certainty.DENIED, ("denied",))


def test_certainty_distancing_cue_hedges() -> None:
    certainty, hedges = certainty_of("The group claimed the raid.", ("claimed",))
    assert (certainty, hedges) == (Certainty.HEDGED, ("claimed",))
