"""Mentions of one report trimmed, named and typed once (hand-built mentions, no parse)."""

from __future__ import annotations

from corroborate.mentions import clean_mentions
from corroborate.model import Dateline, Mention


def _mention(text: str, written: str, label: str, after: int = 0) -> Mention:
    start = text.index(written, after)
    return Mention(start, start + len(written), written, label)


def test_mentions_trimmed_of_punctuation_fragments() -> None:
    text = "(Tolva Post)- Pro-army units crossed the Asi River- and reached -Canton west."
    found = clean_mentions(
        text,
        [
            _mention(text, "Tolva Post)- Pro-", "PER"),
            _mention(text, "Asi River-", "PER"),
            _mention(text, "-Canton", "ORG"),
        ],
    )
    assert [m.text for m in found] == ["Tolva Post", "Asi River", "Canton"]
    assert all(text[m.start : m.end] == m.text for m in found)
    assert found[1].label == "LOC"  # "River" settles the type


def test_mentions_case_variants_share_one_name_and_type() -> None:
    text = "Al-Waer was shelled. Residents of al-Waer fled. Al-Waer is quiet now."
    found = clean_mentions(
        text,
        [
            _mention(text, "Al-Waer", "LOC"),
            _mention(text, "al-Waer", "PER"),
            _mention(text, "Al-Waer", "LOC", after=30),
        ],
    )
    assert {(m.name, m.label) for m in found} == {("Al-Waer", "LOC")}
    assert [m.text for m in found] == ["Al-Waer", "al-Waer", "Al-Waer"]


def test_mentions_type_words_override_the_parse() -> None:
    text = "The Kremlin said Jabhat al-Nusra fighters left."
    found = clean_mentions(
        text, [_mention(text, "Kremlin", "PER"), _mention(text, "Jabhat al-Nusra", "LOC")]
    )
    assert [m.label for m in found] == ["ORG", "ORG"]


def test_mentions_dateline_place_and_agency() -> None:
    text = "TOLVA, May 2, 2019 (Corvus) - The port closed, Corvus was told."
    dateline = Dateline(0, text.index("The port"), "TOLVA", "2019-05-02", "May 2, 2019", "Corvus")
    found = clean_mentions(
        text,
        [
            _mention(text, "TOLVA", "PER"),
            _mention(text, "Corvus", "LOC"),
            _mention(text, "Corvus", "LOC", after=30),
        ],
        dateline,
    )
    assert [m.label for m in found] == ["LOC", "ORG", "ORG"]


def test_mentions_without_letters_are_dropped() -> None:
    text = "Shelling hit - 42 - homes."
    assert clean_mentions(text, [_mention(text, "- 42 -", "ORG")]) == ()
