"""The tagger's frames checked against the parse (`attribution.parse_check`), on invented text."""

from __future__ import annotations

import pytest
from spacy.language import Language

from corroborate.attribution.parse_check import checked
from corroborate.attribution.spans import TaggedFrame, make_span
from corroborate.nlp.parsing import load_nlp, parse


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _frame(text: str, cue: str, source: str) -> TaggedFrame:
    cue_at, source_at = text.index(cue), text.index(source)
    cue_span = make_span(text, ((cue_at, cue_at + len(cue)),))
    assert cue_span is not None
    return TaggedFrame(cue_span, make_span(text, ((source_at, source_at + len(source)),)), None)


def _checked_source(nlp: Language, text: str, cue: str, source: str) -> str | None:
    doc = next(parse([text], nlp))
    found = checked([_frame(text, cue, source)], doc)
    if not found:
        return None
    assert found[0].source is not None
    return found[0].source.text


def test_a_passive_cues_own_subject_is_no_source(nlp: Language) -> None:
    text = "Government troops have been reported shelling the town, a local radio station said."
    assert _checked_source(nlp, text, "have been reported", "Government troops") is None


def test_an_active_cues_subject_stays(nlp: Language) -> None:
    text = "A local radio station reported that government troops shelled the town."
    assert _checked_source(nlp, text, "reported", "A local radio station") == (
        "A local radio station"
    )


def test_a_relative_pronoun_gives_its_antecedent(nlp: Language) -> None:
    text = "The team spoke to Leila Haddad, a nurse who believes that the clinic was hit twice."
    assert _checked_source(nlp, text, "believes", "who") == "Leila Haddad"


def test_a_described_appositive_is_cut(nlp: Language) -> None:
    text = "Omar Nasser, one of the farmers and a father of four, said the well was poisoned."
    source = "Omar Nasser, one of the farmers and a father of four"
    assert _checked_source(nlp, text, "said", source) == "Omar Nasser"


def test_a_name_in_apposition_is_kept(nlp: Language) -> None:
    text = "A spokesperson for the garrison, Major Lio Tann, said the road was closed."
    source = "A spokesperson for the garrison, Major Lio Tann"
    assert _checked_source(nlp, text, "said", source) == source


def test_a_clause_read_as_the_source_is_dropped(nlp: Language) -> None:
    text = "The memo said farmers from the valley sold their grain to the army in May."
    source = "farmers from the valley sold their grain to the army"
    assert _checked_source(nlp, text, "said", source) is None
