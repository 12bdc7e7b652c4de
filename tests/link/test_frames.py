"""A strict frame match (`link.frames`): the sentence's event class, all its parties, in its
roles; on sentences written for this test."""

from __future__ import annotations

import pytest

from corroborate.link.frames import (
    AGENT,
    COMPANION,
    PATIENT,
    fully_framed,
    read,
    search_terms,
    strictly,
)

SENTENCE = "Jordanian troops are fighting alongside Lebanese government forces"


@pytest.mark.parametrize("claim", [
    "Soldiers from Jordan fought along the regime's units near the border",
    "Jordanian officers were leading government battles in the north",
    "Jordanian army units clashed with rebels beside Lebanese government troops",
])
def test_strictly_other_words_for_the_event_and_its_parties(claim: str) -> None:
    assert strictly(SENTENCE, claim)


@pytest.mark.parametrize("claim", [
    # another event of the same parties
    "Jordanian troops visited Lebanese government offices",
    # a party missing (no government, no Latvia)
    "Jordanian troops are fighting in the north",
    # the government's country is a patient here, not the companion
    "Jordanian troops are fighting Lebanese rebels alongside government forces",
    # the roles swapped (link.roles): Lebaneses fight beside the Jordanians
    "Lebanese government soldiers were sent to fight alongside the Jordanian army",
])
def test_strictly_not_another_event_a_missing_party_or_other_roles(claim: str) -> None:
    assert not strictly(SENTENCE, claim)


def test_strictly_agent_and_patient_not_swapped_active_or_passive() -> None:
    sentence = "Turkish jets bombed Syrian rebels"
    assert strictly(sentence, "Syrian rebels were bombed by Turkish jets")
    assert strictly(sentence, "Turkish warplanes bombarded the positions of Syrian rebels")
    assert not strictly(sentence, "Syrian rebels bombed Turkish positions")
    assert not strictly(sentence, "Turkish rebels were bombed by Syrian jets")


def test_read_roles_around_the_event_word() -> None:
    roles = read(SENTENCE, frozenset({"fight"})).roles
    assert roles["JO"] == {AGENT} and roles["LB"] == {COMPANION}
    assert read("Syrian rebels were shelled by Turkish guns", frozenset({"shelling"})).roles == {
        "SY": {PATIENT}, "REB": {PATIENT}, "TR": {AGENT}}


def test_search_terms_one_group_for_the_event_and_for_each_party() -> None:
    groups = search_terms(SENTENCE)
    assert "fought" in groups[0] and "fight*" in groups[0] and "combat*" in groups[0]
    flat = [word for group in groups[1:] for word in group]
    assert "jord*" in flat and "troop*" in flat
    # the government's country may be written as the government alone
    assert any("leba*" in group and "regim*" in group for group in groups)
    assert search_terms("The weather was fine on Sunday") == []


@pytest.mark.parametrize("sentence", [
    SENTENCE,
    "Jordanian troops are not fighting alongside Lebanese government forces",
    "Kurdish fighters attacked Islamic State militants",
])
def test_fully_framed_nothing_beyond_event_parties_and_function_words(sentence: str) -> None:
    assert fully_framed(sentence)


@pytest.mark.parametrize("sentence", [
    "Jordanian troops are fighting near the dam of Tarvel",  # where: not in the frame
    "Jordanian troops reportedly fight alongside Lebanese government forces",  # a hedge
    "Jordanian troops shot the journalist Ana Pell",  # whom: a name that is no party
    "The weather was fine on Sunday",  # no event, no party
    "Jordanian troops",  # no event
    # a known actor's name covers its own words only, not the video nor what it shows
    "Islamic State video shows fighters attacking Jordanian troops",
])
def test_fully_framed_not_where_the_sentence_says_more(sentence: str) -> None:
    assert not fully_framed(sentence)
