"""Post-processing of the role tagger's content runs (`tagger.close_quotes`,
`tagger.open_quotes`)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from corroborate.attribution.features import Tokenized, tokenize
from corroborate.attribution.tagger import close_quotes, open_quotes

# invented: a quotation of three sentences, then its cue
QUOTE = "“The road is open. Trucks can pass. We expect more tomorrow,” the mayor said."


def _token(doc: Tokenized, text: str, after: int = 0) -> int:
    return next(i for i, t in enumerate(doc.tokens) if t.text == text and i >= after)


def _cue(doc: Tokenized) -> tuple[int, int]:
    said = _token(doc, "said")
    return (said, said + 1)


def test_a_quotation_cut_after_its_first_sentence_runs_to_its_closing_mark() -> None:
    doc = tokenize(QUOTE)
    first_stop = _token(doc, ".")
    start, end = close_quotes(doc, (0, first_stop + 1), _cue(doc))
    assert doc.tokens[end - 1].text == "”"
    assert QUOTE[doc.tokens[start].start : doc.tokens[end - 1].end] == QUOTE[: QUOTE.index("”") + 1]


@pytest.mark.parametrize("edge", [close_quotes, open_quotes], ids=["close", "open"])
def test_a_run_inside_the_quotation_is_left_alone(edge: Callable) -> None:
    # neither starts at the opening mark nor ends at the closing one
    doc = tokenize(QUOTE)
    trucks = _token(doc, "Trucks")
    run = (trucks, _token(doc, ".", trucks) + 1)
    assert edge(doc, run, _cue(doc)) == run


def test_a_quotation_is_not_extended_over_its_cue() -> None:
    text = "“The road is open, the mayor said, and trucks can pass.”"
    doc = tokenize(text)
    said = _token(doc, "said")
    run = (0, _token(doc, ",") + 1)
    assert close_quotes(doc, run, (said, said + 1)) == run


def test_a_quotation_found_from_its_second_sentence_starts_at_its_opening_mark() -> None:
    doc = tokenize(QUOTE)
    closing = _token(doc, "”")
    run = (_token(doc, "Trucks"), closing + 1)
    start, end = open_quotes(doc, run, _cue(doc))
    assert (doc.tokens[start].text, end) == ("“", closing + 1)


def test_a_quotation_is_not_opened_back_over_its_cue() -> None:
    text = "“The road is open, the mayor said, and trucks can pass.”"
    doc = tokenize(text)
    said = _token(doc, "said")
    run = (_token(doc, "and"), len(doc.tokens))
    assert open_quotes(doc, run, (said, said + 1)) == run


def test_doubled_apostrophes_mark_a_quotation_for_post_processing_only() -> None:
    text = "''The road is open. Trucks can pass,'' the mayor said."
    doc = tokenize(text)
    inside, regions = doc.quotations
    trucks = _token(doc, "Trucks")
    assert inside[trucks] and regions[0] == regions[trucks] >= 0
    assert not any(token.in_quote for token in doc.tokens)  # the taggers' feature unchanged
    closing = _token(doc, "''", trucks)
    start, end = open_quotes(doc, (trucks, closing + 1), _cue(doc))
    assert text[doc.tokens[start].start : doc.tokens[end - 1].end] == text[: text.rindex("''") + 2]
