"""Attribution frames on invented sentences, one test per pattern."""

from __future__ import annotations

import pytest

from corroborate.attribution.patterns import find_attribution


@pytest.mark.parametrize(
    ("sentence", "chain", "cue"),
    [
        ("The mayor of Brenn said that the dam held.", ("The mayor of Brenn",), "said"),
        (
            "Defence Minister Ilse Varga said during a briefing on Tuesday that 300 troops left.",
            ("Defence Minister Ilse Varga",),
            "said",
        ),
        (
            "The bridge at Tolva collapsed, the district office said.",
            ("the district office",),
            "said",
        ),
        ('"Two barges sank," one witness said.', ("one witness",), "said"),
        (
            "According to the Tolva police, six men were held.",
            ("the Tolva police",),
            "According to",
        ),
        (
            "Six men were held, according to the Tolva police.",
            ("the Tolva police",),
            "according to",
        ),
        (
            "The Brenn Herald, citing two port officials, reported that the ferry sank.",
            ("The Brenn Herald", "two port officials"),
            "reported",
        ),
        (
            "On Sunday, regional radio cited local elders as saying that the well was poisoned.",
            ("regional radio", "local elders"),
            "cited … as saying",
        ),
        (
            "Militia spokesman Oren Dask told reporters Monday that the road was mined.",
            ("Militia spokesman Oren Dask",),
            "told",
        ),
        ("A river guard told the Courier: “We saw four boats.”", ("A river guard",), "told"),
        ("“The shelling stopped at noon,” added Mira Holt.", ("Mira Holt",), "added"),
        (
            "“The shelling stopped,” said Tam Roe, a farmer from the valley.",
            ("Tam Roe",),
            "said",
        ),
        (
            "The Valley Front claims that its fighters took the hill.",
            ("The Valley Front",),
            "claims",
        ),
        ("Its fighters took the hill, the Valley Front claims.", ("the Valley Front",), "claims"),
        ("The ministry has denied that any prisoners died.", ("The ministry",), "denied"),
        (
            "Brigade commander Sami Oduya confirmed that the depot was lost.",
            ("Brigade commander Sami Oduya",),
            "confirmed",
        ),
        (
            "However, a channel linked to the Hill Guard yesterday published photos of the camp.",
            ("a channel linked to the Hill Guard",),
            "published",
        ),
        (
            "In the port, Tolva, informed sources indicated that ships were waiting.",
            ("informed sources",),
            "indicated",
        ),
        (
            "Governor Ade Luns told reporters that the army chief noted that the pass was closed.",
            ("Governor Ade Luns", "the army chief"),
            "told",
        ),
    ],
)
def test_attribution_finds_source_chain_and_cue(
    sentence: str, chain: tuple[str, ...], cue: str
) -> None:
    found = find_attribution(sentence)
    assert found is not None
    assert (found.chain, found.cue) == (chain, cue)


@pytest.mark.parametrize(
    "sentence",
    [
        "The river rose two metres overnight.",
        "Government troops are said to be moving north.",
        "Tanks have been reported near the border.",
        "If these claims were confirmed, it would change the picture.",
    ],
)
def test_attribution_none_when_the_outlet_speaks(sentence: str) -> None:
    assert find_attribution(sentence) is None


def test_attribution_adjective_cue_is_not_a_frame() -> None:
    found = find_attribution("Another alleged letter said the camp was closed.")
    assert found is not None
    assert (found.source, found.cue) == ("Another alleged letter", "said")


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "A spokesperson for the garrison, Major Lio Tann, said the depot was empty.",
            "A spokesperson for the garrison, Major Lio Tann",
        ),
        ("The Ferro Monitor, a volunteer group, said that nine died.", "The Ferro Monitor"),
        (
            "Shelling went on for a second day as army engineers said the dam was cracked.",
            "army engineers",
        ),
        ("Burned trucks lined the road, said the district governor.", "the district governor"),
    ],
)
def test_attribution_source_phrase_boundaries(sentence: str, source: str) -> None:
    found = find_attribution(sentence)
    assert found is not None and found.source == source


def test_attribution_possessive_noun_cue_is_not_a_frame() -> None:
    assert find_attribution("The Courier could not verify the channel's claims of a raid.") is None
