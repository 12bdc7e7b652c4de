from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from corroborate.nlp.entity_rules import SHIPPED, EntityRules

VOCAB = spacy.blank("en").vocab


def _ents(
    text: str, ents: tuple[tuple[int, int, str], ...], rules: tuple[str, ...], pos: str = ""
) -> set:
    words = text.split()
    doc = Doc(VOCAB, words=words, pos=pos.split() or ["PROPN"] * len(words))
    doc.set_ents([Span(doc, s, e, label=label) for s, e, label in ents], default="outside")
    return {(e.text, e.label_) for e in EntityRules(rules)(doc).ents}


def test_trailing_lowercase_words_are_cut_from_a_name() -> None:
    found = _ents("Shelling in Doda district left residents", ((2, 4, "LOC"),), SHIPPED)
    assert found == {("Doda", "LOC")}


def test_a_demonym_keeps_the_noun_it_qualifies() -> None:
    pos = "NOUN VERB DET ADJ NOUN"
    found = _ents("Shelling hit the Syrian army", ((3, 5, "ORG"),), SHIPPED, pos)
    assert found == {("Syrian army", "ORG")}


def test_a_name_cut_before_a_hyphen_is_not_trimmed_further() -> None:
    found = _ents("Fighting in Deir ez - Zor", ((2, 4, "LOC"),), SHIPPED)
    assert found == {("Deir ez", "LOC")}


def test_a_name_written_all_in_lowercase_is_left_whole() -> None:
    found = _ents("we drove to tampa bay today", ((3, 5, "LOC"),), SHIPPED)
    assert found == {("tampa bay", "LOC")}


def test_a_trailing_weekday_is_not_part_of_the_name() -> None:
    found = _ents("Troops entered Fallujah Wednesday night", ((2, 4, "LOC"),), ("trim_weekday",))
    assert found == {("Fallujah", "LOC")}


def test_a_span_without_letters_is_dropped() -> None:
    found = _ents("Love it ♥ Amira", ((2, 3, "PER"), (3, 4, "PER")), ("drop_no_letter",))
    assert found == {("Amira", "PER")}


def test_an_apostrophe_less_possessive_s_joins_the_name() -> None:
    found = _ents("lunch at McDonald s again", ((2, 3, "ORG"),), ("extend_s",))
    assert found == {("McDonald s", "ORG")}


def test_unknown_rule_names_are_refused() -> None:
    with pytest.raises(ValueError, match="no_such_rule"):
        EntityRules(["no_such_rule"])
