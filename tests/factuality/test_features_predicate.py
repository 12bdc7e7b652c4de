"""Parse features of a predicate, on hand-built trees (no model loaded)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from corroborate.factuality.features import is_negated, predicate_features, predicate_texts


def _doc(words: list[str], heads: list[int], deps: list[str], tags: list[str]) -> Doc:
    pos = ["VERB" if t.startswith("VB") else "AUX" if t == "MD" else "X" for t in tags]
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos)


def test_features_negation_and_modal_on_the_predicate() -> None:
    # "The army will not attack"
    doc = _doc(["The", "army", "will", "not", "attack"], [1, 4, 4, 4, 4],
               ["det", "nsubj", "aux", "neg", "ROOT"], ["DT", "NN", "MD", "RB", "VB"])
    names = predicate_features(doc[4])
    assert {"neg", "aux=will", "aux=will&neg", "dep=ROOT"} <= set(names)


def test_features_embedding_verb_of_a_complement() -> None:
    # "Officials denied that troops fired"
    doc = _doc(["Officials", "denied", "that", "troops", "fired"], [1, 1, 4, 4, 1],
               ["nsubj", "ROOT", "mark", "nsubj", "ccomp"], ["NNS", "VBD", "IN", "NNS", "VBD"])
    names = predicate_features(doc[4])
    assert "head.word=denied&dep=ccomp" in names
    assert "mark=that" in names
    assert "neg" not in names
    assert predicate_texts(doc[4])[:2] == ("fired", "denied")


def test_features_no_argument_is_a_negation() -> None:
    # "There are no troops"
    doc = _doc(["There", "are", "no", "troops"], [1, 1, 3, 1],
               ["expl", "ROOT", "det", "attr"], ["EX", "VBP", "DT", "NNS"])
    assert is_negated(doc[1])
