"""A run of words with no sentence punctuation is cut into pieces the taggers can bound."""

from __future__ import annotations

from corroborate.attribution.features import MAX_SENTENCE_TOKENS, role_window, tokenize


def test_a_long_unpunctuated_line_is_cut_into_bounded_sentences() -> None:
    words = [f"word{n % 37}" for n in range(1000)]
    doc = tokenize(" ".join(words))
    assert len(doc.tokens) == 1000
    lengths = [last - first for first, last in doc.sentences]
    assert max(lengths) == MAX_SENTENCE_TOKENS
    assert sum(lengths) == 1000 and len(doc.sentences) > 1
    first, last = role_window(doc, (500, 501))
    assert last - first <= 4 * MAX_SENTENCE_TOKENS


def test_ordinary_sentences_are_not_cut() -> None:
    text = "Officials said the bridge was closed. Residents denied it on Monday."
    doc = tokenize(text)
    assert [doc.tokens[last - 1].text for _, last in doc.sentences] == [".", "."]
