"""Quotations continued over sentences and paragraphs keep their speaker; every content span
lies inside its own claim; a wire dateline is no part of the first claim (invented text)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from corroborate.claims import extract_claims
from corroborate.nlp.parsing import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _inside(claim_start: int, claim_end: int, span: tuple[int, int] | None) -> bool:
    return span is None or claim_start <= span[0] <= span[1] <= claim_end


def test_quote_continued_after_a_straight_quote_keeps_the_speaker() -> None:
    text = (
        "A medic told the Courier: “Ten people were hurt in the blast.\n"
        '"Two of them are in a critical state. We have run out of fuel for the generator.”'
    )
    claims = extract_claims(text)
    assert [c.source for c in claims] == ["A medic"] * 3


@pytest.mark.parametrize(
    "text",
    [
        "“We left the village at dawn. The road north was mined,” added Noor Safi.",
        "Noor Safi told the Courier: “We left the village at dawn. The road north was mined.”",
        "“We left the village at dawn. The road north was mined. The bridge was gone too,” "
        "said Noor Safi, a teacher.",
    ],
)
def test_quote_every_content_span_inside_its_claim(nlp: Language, text: str) -> None:
    claims = extract_claims(text, doc=nlp(text))
    assert len(claims) >= 2 and all(c.source == "Noor Safi" for c in claims)
    for claim in claims:
        for span in (claim.content_span, claim.source_span, claim.cue_span):
            assert _inside(claim.start, claim.end, span), (claim.text, span)


def test_dateline_is_no_part_of_the_first_claim(nlp: Language) -> None:
    text = "TOLVA, May 2, 2019 (Corvus) - Rebels have seized the port, two officials told Corvus."
    body_start = text.index("Rebels")
    [claim] = extract_claims(text, doc=nlp(text), body_start=body_start)
    assert claim.start == body_start
    assert claim.source == "two officials"
