"""A claim's stance toward a `check` sentence when the two differ in polarity."""

from __future__ import annotations

import pytest

from corroborate.link.polarity import negated, toward
from corroborate.link.sources import DISCUSSES, REFUTES, SUPPORTS

SENTENCE = "The mayor of Dolvik was arrested by the police"


@pytest.mark.parametrize(
    ("content", "own", "expected"),
    [
        # the same polarity: the claim's own stance stands
        ("Police arrested the mayor of Dolvik on Friday", SUPPORTS, SUPPORTS),
        ("The mayor of Dolvik may have been arrested", DISCUSSES, DISCUSSES),
        # a negated restatement refutes, whatever the claim's own certainty says of itself
        ("The mayor of Dolvik was not arrested", SUPPORTS, REFUTES),
        ("The mayor of Dolvik hasn't been detained", SUPPORTS, REFUTES),
        ("The mayor was never in police custody", SUPPORTS, REFUTES),
        # a hedged negation stays a discussion
        ("The mayor of Dolvik may not have been arrested", DISCUSSES, DISCUSSES),
        # calling the story untrue refutes, hedged or not
        ("The story of the mayor's arrest is a hoax", SUPPORTS, REFUTES),
        ("The photo of the mayor in handcuffs may be fake", DISCUSSES, REFUTES),
        # a denial stays a denial
        ("The police denied arresting the mayor", REFUTES, REFUTES),
    ],
)
def test_toward_the_sentence(content: str, own: str, expected: str) -> None:
    assert toward(SENTENCE, content, own) == expected


def test_both_negated_is_agreement() -> None:
    sentence = "The mayor of Dolvik was not arrested"
    assert toward(sentence, "Police did not arrest the mayor of Dolvik", SUPPORTS) == SUPPORTS
    assert toward(sentence, "Police arrested the mayor of Dolvik", SUPPORTS) == REFUTES


def test_a_denial_supports_a_negated_sentence() -> None:
    sentence = "The mayor of Dolvik was not arrested"
    # "the police denied arresting the mayor": its content, "arresting the mayor", refuted
    assert toward(sentence, "arresting the mayor", REFUTES) == SUPPORTS
    # the denial in the content's own negation: "the arrest was 'not on the record'"
    assert toward(sentence, "the arrest was not on the record", REFUTES) == SUPPORTS
    assert toward(SENTENCE, "the arrest was not on the record", REFUTES) == REFUTES
    # calling the story untrue agrees with a sentence that denies it
    assert toward(sentence, "The story of the mayor's arrest is a hoax", SUPPORTS) == SUPPORTS
    assert toward(sentence, "The photo of the mayor in handcuffs may be fake", DISCUSSES) == (
        SUPPORTS)


def test_a_falsity_word_the_sentence_uses_is_no_refutation() -> None:
    sentence = "The video of the flooded square is fake"
    assert toward(sentence, "Experts say the video of the flooded square is fake", SUPPORTS) == (
        SUPPORTS
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The rebels will not stop fighting near the dam", False),  # a negated ending
        ("The ministry didn't deny the strike", False),
        ("The ministry did not rule out more strikes", False),
        ("Nobody was hurt in the blast", True),
        ("The convoy didn’t reach the border", True),  # a typographic apostrophe
        ("The bridge is no longer open", True),
        ("Troops crossed the river at night", False),
        ("Knotted ropes and notes were found", False),  # words that only contain "not"
    ],
)
def test_negated(text: str, expected: bool) -> None:
    assert negated(text) is expected


def test_check_turns_only_claims_relevant_by_themselves() -> None:
    from corroborate.link.check import CHECK_SIMILARITY, _stance
    from corroborate.model import Certainty
    from corroborate.store.tables import EvidenceRow

    content = "The mayor of Dolvik was not arrested"
    item = EvidenceRow(
        claim_id=1, doc_id=1, text=content + ".", content=content, source=None, chain=(),
        cue=None, certainty=Certainty.ASSERTED, hedges=(), start=0, outlet="Outlet",
        published="2022-01-01", copy_of=None, proposition_id=1, stance=SUPPORTS,
    )
    assert _stance(SENTENCE, item, CHECK_SIMILARITY) == REFUTES
    # a member of a relevant claim's proposition, in by its proposition: its own stance
    assert _stance(SENTENCE, item, CHECK_SIMILARITY - 0.2) == SUPPORTS


def test_check_reverses_members_for_a_negated_sentence_only() -> None:
    from corroborate.link.check import CHECK_SIMILARITY, _stance
    from corroborate.model import Certainty
    from corroborate.store.tables import EvidenceRow

    item = EvidenceRow(
        claim_id=1, doc_id=1, text="Police arrested the mayor.", content="Police arrested the "
        "mayor", source=None, chain=(), cue=None, certainty=Certainty.ASSERTED, hedges=(),
        start=0, outlet="Outlet", published="2022-01-01", copy_of=None, proposition_id=7,
        stance=SUPPORTS,
    )
    member = CHECK_SIMILARITY - 0.2  # in by its proposition
    stated = {7: "The mayor of Dolvik was arrested on Friday"}
    assert _stance("The mayor of Dolvik was not arrested", item, member, stated) == REFUTES
    assert _stance(SENTENCE, item, member, stated) == SUPPORTS
    # a label's own negation is as often incidental: no reversal for a sentence without one
    negative = {7: "No charges were brought against the mayor"}
    assert _stance(SENTENCE, item, member, negative) == SUPPORTS


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # the hedge qualifies what the sentence states: the claim only discusses it
        ("Residents discuss the alleged arrest of the Dolvik mayor", DISCUSSES),
        ("Police held the purported mayor of Dolvik overnight", DISCUSSES),
        ("Possible arrest of the Dolvik mayor confuses residents", DISCUSSES),
        # it qualifies footage, which the sentence does not state
        ("Television aired alleged footage of the mayor being arrested", SUPPORTS),
        # the hedge qualifies something else: the arrest is asserted
        ("Police arrested the mayor of Dolvik and two alleged accomplices", SUPPORTS),
        # an attributive hedge before a stop word qualifies nothing the sentence states
        ("The mayor of Dolvik was arrested at an apparent safe house", SUPPORTS),
    ],
)
def test_an_attributive_hedge_on_the_sentences_words_discusses(content: str, expected: str) -> None:
    assert toward(SENTENCE, content, SUPPORTS) == expected


def test_an_attributive_hedge_leaves_refutations_and_discussions() -> None:
    assert toward(SENTENCE, "The alleged arrest of the mayor was a hoax", SUPPORTS) == REFUTES
    assert toward(SENTENCE, "The alleged arrest of the mayor was not made", SUPPORTS) == REFUTES
    assert toward(SENTENCE, "The alleged arrest may have happened", DISCUSSES) == DISCUSSES


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # a story noun naming what the sentence states: the claim only discusses it
        ("Rumours of the Dolvik mayor's arrest swept the town", DISCUSSES),
        ("The Dolvik mayor rumours reached the capital", DISCUSSES),
        ("Residents heard rumours that police had arrested the mayor", DISCUSSES),
        # the rumours name something else: the arrest is asserted
        ("Police arrested the mayor of Dolvik after rumours of a riot", SUPPORTS),
    ],
)
def test_a_story_noun_naming_the_sentences_words_discusses(content: str, expected: str) -> None:
    assert toward(SENTENCE, content, SUPPORTS) == expected


def test_a_negated_rumour_still_refutes() -> None:
    content = "Rumours of the mayor's arrest spread, but there was no arrest"
    assert toward(SENTENCE, content, SUPPORTS) == REFUTES
