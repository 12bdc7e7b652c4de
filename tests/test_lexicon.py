"""`lexicon.phrases_regex`: entries grouped by first character match as the plain
alternation of them does."""

from __future__ import annotations

import re

from corroborate.lexicon import (
    _WORD_START,
    _longest_first,
    _phrase_body,
    find_phrases,
    grouped_alternation,
    lexicon,
    phrases_regex,
)

SENTENCES = (
    "Officials ALLEGEDLY moved the convoy, a report that Reportedly was called false.",
    "It is not confirmed whether the strike, if it is ever confirmed, hit the depot.",
    "The ministry denied it; the claims were Called The Reports Baseless by no one.",
    "Un-alleged, non-reportedly, 'possibly' and ’apparently’ sit beside words.",
)


def _plain(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(f"({_phrase_body(p)})" for p in _longest_first(phrases))
    return re.compile(f"{_WORD_START}(?:{alternatives})", re.IGNORECASE)


def _matches(regex: re.Pattern[str], text: str) -> list[tuple[int, int, int | None]]:
    return [(*m.span(), m.lastindex) for m in regex.finditer(text)]


def test_grouping_changes_no_match() -> None:
    lex = lexicon()
    for phrases in (lex.hedge_phrases, lex.denial_phrases):
        _, entries = grouped_alternation(_longest_first(phrases), True)
        for text in SENTENCES:
            expected = [
                (a, b, _longest_first(phrases)[n - 1])
                for a, b, n in _matches(_plain(phrases), text)
                if n is not None
            ]
            found = [
                (a, b, entries[n - 1])
                for a, b, n in _matches(phrases_regex(phrases), text)
                if n is not None
            ]
            assert found == expected
    assert find_phrases(SENTENCES[0], lex.hedge_phrases)  # the sentences do hold hedges


def test_grouped_alternation_keeps_each_groups_order() -> None:
    pattern, entries = grouped_alternation(("said", "'tis so", "Told", "stated", "’twas"), True)
    assert entries == ("said", "stated", "'tis so", "’twas", "Told")
    assert re.compile(pattern, re.IGNORECASE).fullmatch("’TIS so").lastindex == 3
    _, entries = grouped_alternation(("said", "... confirmed", "told"), True)
    assert entries == ("said", "... confirmed", "told")  # a gap can start anywhere: as given
