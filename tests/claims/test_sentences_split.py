"""Sentence spans: abbreviations, initials, quotes, line ends (invented text)."""

from __future__ import annotations

import spacy

from corroborate.claims import split_sentences


def _texts(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_sentences_keep_abbreviations_and_initials() -> None:
    text = "Lt. Col. J. R. Varn met Dr. Osei on Jan. 5 in the U.S. and left. No. 4 depot burned."
    assert _texts(text) == [
        "Lt. Col. J. R. Varn met Dr. Osei on Jan. 5 in the U.S. and left.",
        "No. 4 depot burned.",
    ]


def test_sentences_closing_quote_stays_with_its_sentence() -> None:
    text = 'He said: "Go now." "Next one," she said. “Yes.” Then they left.'
    assert _texts(text) == [
        'He said: "Go now."',
        '"Next one," she said.',
        "“Yes.”",
        "Then they left.",
    ]


def test_sentences_every_line_ends_a_sentence() -> None:
    text = "Headline without a stop\nFirst body sentence. Second one.\n\nLast"
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "Headline without a stop",
        "First body sentence.",
        "Second one.",
        "Last",
    ]


def test_sentences_question_inside_quote_goes_on_in_lower_case() -> None:
    assert _texts("“Where is the convoy?” asked the mayor. It was gone.") == [
        "“Where is the convoy?” asked the mayor.",
        "It was gone.",
    ]


def test_sentences_accept_another_splitter_and_repair_its_quotes() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    text = 'He said: "Go now." "Next one." Then they left.\nNew line'
    assert [text[a:b] for a, b in split_sentences(text, nlp)] == [
        'He said: "Go now."',
        '"Next one."',
        "Then they left.",
        "New line",
    ]
