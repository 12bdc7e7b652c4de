"""A report's non-verification statement hedges the claims resting on what it names."""

from __future__ import annotations

from corroborate.claims import extract_claims
from corroborate.claims.verification import carry_non_verification
from corroborate.model import Certainty, Claim

TEXT = (
    "According to documents leaked to the Tribune, the brigade moved east. "
    "The commander said the unit stayed in its barracks. "
    "The Tribune could not independently verify the documents."
)


def _by_words(claims: list[Claim], words: str) -> Claim:
    [claim] = [c for c in claims if words in c.text]
    return claim


def test_non_verification_hedges_the_claims_resting_on_that_evidence() -> None:
    claims = extract_claims(TEXT)
    leaked = _by_words(claims, "brigade moved east")
    assert leaked.certainty is Certainty.HEDGED
    assert "could not independently verify" in leaked.hedges
    statement = _by_words(claims, "could not independently verify")
    assert statement.source is None and statement.certainty is Certainty.HEDGED


def test_non_verification_leaves_other_sources_alone() -> None:
    commander = _by_words(extract_claims(TEXT), "barracks")
    assert commander.certainty is Certainty.ASSERTED and commander.hedges == ()


def test_non_verification_keeps_a_denial_denied() -> None:
    denial = Claim(0, 10, "x", source="the video", chain=("the video",),
                   certainty=Certainty.DENIED, hedges=("denied",))
    statement = Claim(20, 60, "We cannot verify the videos.", certainty=Certainty.HEDGED,
                      hedges=("cannot verify",))
    carried, _ = carry_non_verification([denial, statement])
    assert carried.certainty is Certainty.DENIED
    assert carried.hedges == ("denied", "cannot verify")


def test_non_verification_by_a_named_source_is_not_the_reports() -> None:
    quoted = Claim(0, 40, "Officials could not verify the footage.", source="Officials",
                   chain=("Officials",), certainty=Certainty.HEDGED, hedges=("could not verify",))
    resting = Claim(50, 90, "The footage shows a strike.", source="footage posted online",
                    chain=("footage posted online",))
    assert carry_non_verification([quoted, resting])[1] == resting
