from __future__ import annotations

import pytest

from corroborate.datasets.ud import Sentence
from corroborate.evaluate.nlp import ParsedSentence, iob_spans, score_entities, score_parse

GOLD = Sentence(
    sent_id="s1",
    words=["Troops", "left", "the", "town", "."],
    heads=[1, 1, 3, 1, 1],
    deprels=["nsubj:pass", "root", "det", "obj", "punct"],
    upos=["NOUN", "VERB", "DET", "NOUN", "PUNCT"],
)


def _system(heads: list[int], deprels: list[str], upos: list[str] | None = None) -> ParsedSentence:
    return ParsedSentence(heads=heads, deprels=deprels, upos=upos or list(GOLD.upos))


def test_perfect_parse_scores_one() -> None:
    scores = score_parse([GOLD], [_system(GOLD.heads, GOLD.deprels)])
    assert (scores.uas, scores.las, scores.las_full, scores.pos_accuracy) == (1, 1, 1, 1)


def test_one_wrong_head_costs_uas_and_las() -> None:
    scores = score_parse([GOLD], [_system([1, 1, 1, 1, 1], GOLD.deprels)])
    assert scores.uas == pytest.approx(4 / 5)
    assert scores.las == pytest.approx(4 / 5)


def test_wrong_label_costs_las_only_and_subtypes_only_las_full() -> None:
    deprels = ["nsubj", "root", "det", "obl", "punct"]  # subtype dropped, obj -> obl
    scores = score_parse([GOLD], [_system(GOLD.heads, deprels, ["NOUN"] * 5)])
    assert scores.uas == 1
    assert scores.las == pytest.approx(4 / 5)  # CoNLL 2018: nsubj matches nsubj:pass
    assert scores.las_full == pytest.approx(3 / 5)
    assert scores.pos_accuracy == pytest.approx(2 / 5)


def test_iob_spans_and_stray_inside_tag() -> None:
    assert iob_spans(["B-PER", "I-PER", "O", "I-LOC", "B-ORG"]) == {
        (0, 2, "PER"),
        (3, 4, "LOC"),
        (4, 5, "ORG"),
    }


def test_partial_entity_is_a_miss_and_a_false_alarm() -> None:
    gold = [{(0, 2, "PER"), (3, 4, "LOC")}]
    predicted = [{(0, 1, "PER"), (3, 4, "LOC")}]  # "Nadia" instead of "Nadia Okafor"
    scores = score_entities(gold, predicted)
    assert (scores.precision, scores.recall, scores.f1) == (0.5, 0.5, 0.5)


def test_wrong_type_is_not_a_match() -> None:
    scores = score_entities([{(3, 4, "LOC")}], [{(3, 4, "ORG")}])
    assert scores.f1 == 0 and scores.predicted == 1 and scores.gold == 1
