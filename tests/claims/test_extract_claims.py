"""Whole-text extraction: spans, quotes carried to their speaker, clauses, non-claims."""

from __future__ import annotations

from corroborate.claims import extract_claims
from corroborate.model import Certainty


def test_extract_spans_index_into_text() -> None:
    text = "Dock fire in Tolva\nA fire destroyed the Tolva docks. Police said two men died."
    claims = extract_claims(text)
    assert [c.text for c in claims] == [
        "A fire destroyed the Tolva docks.",
        "Police said two men died.",
    ]
    assert all(text[c.start : c.end] == c.text for c in claims)
    assert claims[1].source == "Police" and claims[0].source is None


def test_extract_skips_questions_headlines_and_bare_frames() -> None:
    text = "River town braces for floods\nWill the levee hold? The levee held overnight.\nHe said:"
    assert [c.text for c in extract_claims(text)] == ["The levee held overnight."]


def test_extract_multi_sentence_quote_belongs_to_the_closing_speaker() -> None:
    text = "“We left at dawn. The road was mined,” added Noor Safi."
    claims = extract_claims(text)
    assert [c.source for c in claims] == ["Noor Safi", "Noor Safi"]


def test_extract_quote_after_told_colon_belongs_to_the_speaker() -> None:
    text = (
        "A medic told the Courier: “Ten were hurt. Two of them are critical.”\n“We have no fuel.”"
    )
    claims = extract_claims(text)
    assert [c.source for c in claims] == ["A medic"] * 3
    assert all(c.cue == "told" for c in claims)


def test_extract_quote_paragraph_takes_the_previous_speaker() -> None:
    text = (
        "The plan failed, according to Dara Quill, a council member.\n"
        "“Nobody trusted the envoy, and nobody came.”"
    )
    assert [c.source for c in extract_claims(text)] == ["Dara Quill", "Dara Quill"]


def test_extract_two_sources_in_one_sentence_give_two_claims() -> None:
    text = (
        "The ministry has denied the raid, "
        "with spokesman Ivo Brandt saying it was “not on the agenda”."
    )
    first, second = extract_claims(text)
    assert (first.source, first.cue, first.certainty) == (
        "The ministry",
        "denied",
        Certainty.DENIED,
    )
    assert (second.source, second.cue) == ("spokesman Ivo Brandt", "saying")
    assert second.certainty is Certainty.DENIED and "not on the agenda" in second.hedges


def test_extract_non_verification_is_a_hedged_claim_without_source() -> None:
    [claim] = extract_claims("The Tolva Post cannot verify the authenticity of the letters.")
    assert (claim.source, claim.cue, claim.certainty) == (None, None, Certainty.HEDGED)
    assert claim.hedges == ("cannot verify",)
