"""`lexicon.phrases_regex`: the first-character lookahead changes no match."""

from __future__ import annotations

import re

from corroborate.lexicon import (
    _WORD_START,
    _longest_first,
    _phrase_body,
    find_phrases,
    first_characters,
    lexicon,
    phrases_regex,
)

SENTENCES = (
    "Officials ALLEGEDLY moved the convoy, a report that Reportedly was called false.",
    "It is not confirmed whether the strike, if it is ever confirmed, hit the depot.",
    "The ministry denied it; the claims were Called The Reports Baseless by no one.",
    "Un-alleged, non-reportedly, 'possibly' and ’apparently’ sit beside words.",
)


def _without_lookahead(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(f"({_phrase_body(p)})" for p in _longest_first(phrases))
    return re.compile(f"{_WORD_START}(?:{alternatives})", re.IGNORECASE)


def _matches(regex: re.Pattern[str], text: str) -> list[tuple[int, int, int | None]]:
    return [(*m.span(), m.lastindex) for m in regex.finditer(text)]


def test_the_lookahead_changes_no_match() -> None:
    lex = lexicon()
    for phrases in (lex.hedge_phrases, lex.denial_phrases):
        for text in SENTENCES:
            expected = _matches(_without_lookahead(phrases), text)
            assert _matches(phrases_regex(phrases), text) == expected
    assert find_phrases(SENTENCES[0], lex.hedge_phrases)  # the sentences do hold hedges


def test_first_characters() -> None:
    assert first_characters(("said", "'tis so", "Told")) == "(?=['Ts’])"
    assert first_characters(("said", "... confirmed")) == ""  # a gap can start anywhere
