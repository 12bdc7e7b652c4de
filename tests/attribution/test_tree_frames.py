"""Attribution read from the trained parser's tree, on invented sentences whose frames the
patterns alone misread (a clause taken as the source, a complement taken as a speaker,
an adjective taken as a cue). The shipped model is loaded once for the module."""

from __future__ import annotations

import pytest
from spacy.language import Language

from corroborate.attribution.patterns import find_attribution
from corroborate.claims import extract_claims
from corroborate.model import Certainty, Claim
from corroborate.nlp.parsing import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _only_claim(nlp: Language, text: str) -> Claim:
    [claim] = extract_claims(text, doc=nlp(text))
    return claim


@pytest.mark.parametrize(
    ("sentence", "chain", "cue"),
    [
        # The frame follows its content: the source is the reporting verb's subject only.
        (
            "Mortar fire hit a school in the eastern district of Velna overnight, "
            "regional health officials said on Tuesday.",
            ("regional health officials",),
            "said",
        ),
        # Coordinated clauses: the speaker is the subject of "said", not the first clause.
        (
            "Fighting continued overnight and local officials said the bridge over the Tarn "
            "had been destroyed.",
            ("local officials",),
            "said",
        ),
        # A participle inside the subject phrase is part of the speaker's description.
        (
            "A group calling itself Liwa al-Tarn claimed that its fighters shot down a drone, "
            "in a video posted online.",
            ("A group calling itself Liwa al-Tarn",),
            "claimed",
        ),
        # A title before the name stays with it.
        (
            "Leader in the Eastern Brigade Abu Karim confirmed that the convoy had reached "
            "the valley.",
            ("Leader in the Eastern Brigade Abu Karim",),
            "confirmed",
        ),
        # "Y cited X as saying P": the chain runs from the outlet to the people it cites.
        (
            "On Monday, the Daily Herald cited two defence officials as saying that troops "
            "had crossed the river.",
            ("the Daily Herald", "two defence officials"),
            "cited … as saying",
        ),
        (
            "The Tarn Courier, citing hospital staff, reported that 12 people were wounded "
            "in the blast.",
            ("The Tarn Courier", "hospital staff"),
            "reported",
        ),
        # A quotation closed by "X told Y": Y is the addressee.
        (
            "“The bridge is gone,” a farmer from the village told reporters.",
            ("a farmer from the village",),
            "told",
        ),
        (
            "Two barges sank near the dam, the harbour master told the Courier.",
            ("the harbour master",),
            "told",
        ),
        # A reporting verb that shares its subject with the verb before it.
        (
            "A reporter for the Velna Post visited the camp and reported that the clinic "
            "had closed.",
            ("A reporter for the Velna Post",),
            "reported",
        ),
        (
            "Rival commander Dano Vell mocked the ceasefire offer, saying that nobody "
            "trusted the envoy.",
            ("Rival commander Dano Vell",),
            "saying",
        ),
        # "which reported": the speaker is the noun the relative clause describes.
        (
            "Residents turned to the district police, which reported that four shops had "
            "been looted.",
            ("the district police",),
            "reported",
        ),
        # "what it said was": a free relative inside the content, not a nested frame.
        (
            "The Velna Post on Sunday published what it said were leaked army orders.",
            ("The Velna Post",),
            "published",
        ),
        # Appositives: a name in apposition stays, a description goes.
        (
            "A spokesperson for the garrison, Major Lio Tann, said the depot was empty.",
            ("A spokesperson for the garrison, Major Lio Tann",),
            "said",
        ),
        (
            "“We had no warning,” said Hana Loy, a teacher at the school.",
            ("Hana Loy",),
            "said",
        ),
        (
            "Twelve fighters were killed in the clashes, according to a monitoring group "
            "based in Brenn.",
            ("a monitoring group based in Brenn",),
            "according to",
        ),
    ],
)
def test_parse_attribution_source_chain_and_cue(
    nlp: Language, sentence: str, chain: tuple[str, ...], cue: str
) -> None:
    claim = _only_claim(nlp, sentence)
    assert (claim.chain, claim.cue) == (chain, cue)
    assert claim.source == chain[-1]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "Mortar fire hit a school in the eastern district of Velna overnight, "
            "regional health officials said on Tuesday.",
            "regional health officials",
        ),
        (
            "Fighting continued overnight and local officials said the bridge over the Tarn "
            "had been destroyed.",
            "local officials",
        ),
        (
            "Residents turned to the district police, which reported that four shops had "
            "been looted.",
            "the district police",
        ),
    ],
)
def test_parse_attribution_patterns_alone_misread_these(sentence: str, source: str) -> None:
    """Frames above that are worth the parser: the patterns alone take a clause as the
    speaker."""
    found = find_attribution(sentence)
    assert found is not None and found.source != source


def test_parse_attribution_denial_content_is_not_a_speaker(nlp: Language) -> None:
    claim = _only_claim(
        nlp,
        "Border police spokesman Tomas Rell denied that his officers had fired on the crowd, "
        "saying they were far away.",
    )
    assert claim.chain == ("Border police spokesman Tomas Rell",)
    assert (claim.cue, claim.certainty) == ("denied", Certainty.DENIED)


def test_parse_attribution_nested_frame_gives_a_chain(nlp: Language) -> None:
    claim = _only_claim(
        nlp, "Governor Ade Luns told reporters that the army chief noted that the pass was closed."
    )
    assert claim.chain == ("Governor Ade Luns", "the army chief")
    assert claim.cue == "told"


def test_parse_attribution_adjective_cue_is_no_frame(nlp: Language) -> None:
    # The patterns read "declared" as a verb with "The Russian" as its speaker.
    assert find_attribution("The Russian declared ceasefire is only a pause.") is not None
    claim = _only_claim(nlp, "The Russian declared ceasefire is only a pause.")
    assert (claim.source, claim.chain, claim.cue) == (None, (), None)


def test_parse_attribution_falls_back_to_patterns_where_the_tree_has_no_frame(
    nlp: Language,
) -> None:
    # The tagger reads this "claims" as a plural noun; the patterns still see the frame.
    claim = _only_claim(nlp, "Its fighters took the hill, the Valley Front claims.")
    assert (claim.source, claim.cue, claim.certainty) == (
        "the Valley Front",
        "claims",
        Certainty.HEDGED,
    )


def test_parse_attribution_spans_and_quote_carrying_with_doc(nlp: Language) -> None:
    text = (
        "Shelling hit the port overnight, the harbour office said.\n"
        "A medic told the Courier: “Ten were hurt. Two of them are critical.”"
    )
    claims = extract_claims(text, doc=nlp(text))
    assert all(text[c.start : c.end] == c.text for c in claims)
    assert [c.source for c in claims] == ["the harbour office", "A medic", "A medic"]


def test_parse_attribution_doc_must_parse_the_same_text(nlp: Language) -> None:
    with pytest.raises(ValueError, match="exactly"):
        extract_claims("The dam held.", doc=nlp("The dam broke."))
