from __future__ import annotations

from corroborate.clean.repetition import pull_quotes, repeated_lines

BODY = (
    "The convoy left at dawn and reached the river crossing before noon, the driver said. "
    "It was the first convoy to cross the river in a month of heavy fighting."
)


def test_repetition_later_copy_is_noise() -> None:
    lines = {
        0: "Officials said the road was closed.",
        5: "Other text here.",
        9: "Officials said the road was closed.",
    }
    assert repeated_lines(lines) == {9: "repeated"}


def test_repetition_edited_pull_quote() -> None:
    lines = {0: BODY, 1: "It was a first convoy to cross the river in a month of heavy fighting"}
    assert pull_quotes(lines) == {1: "pull-quote"}


def test_repetition_short_subheading_and_distinct_sentence_stay() -> None:
    lines = {
        0: BODY,
        1: "The river crossing",
        2: "The driver said the river was too high to cross at night.",
    }
    assert pull_quotes(lines) == {}
