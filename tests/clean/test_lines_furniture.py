from __future__ import annotations

import pytest

from corroborate.clean.lines import furniture_reason, is_sentence_like


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("3 min read", "read-time"),
        ("Read More: Rebels retake hill town", "related"),
        ("Keywords: war, aid", "tags"),
        ("Comments (12)", "comments"),
        ("Sponsored content", "promo"),
        ("Home    News    Sport    Weather", "columns"),
        ("Breaking News:", "ticker"),
        ("Print Share Email Facebook Twitter", "share"),
        ("Founded by Lara Ostin in 1999 - Veloria", "slogan"),
        ("A burned car on the road [AFP]", "caption"),
        ("Smoke over the city. Photo: J. Doe / Agency", "caption"),
    ],
)
def test_lines_furniture_recognised(line: str, reason: str) -> None:
    assert furniture_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Related to the attack, officials said three people were detained.",
        "Since 2015, the militia has controlled the northern road.",
        "The group said it would share the footage with investigators.",
        "Tags were found on the crates, the inspector said.",
        "Residents said they had read more than a dozen leaflets.",
    ],
)
def test_lines_body_sentences_are_not_furniture(line: str) -> None:
    assert furniture_reason(line) is None


def test_lines_sentence_likeness() -> None:
    assert is_sentence_like("“We open when the sirens stop,” one baker said.")
    assert not is_sentence_like("Online Editors")
    assert is_sentence_like(" ".join(["word"] * 16))  # long prose with its ending cut
