"""check's relevance: the mixed similarity, reranked with the full encoder near the threshold."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from corroborate.link import check as check_module
from corroborate.link.check import CHECK_SIMILARITY, FULL_WEIGHT, RERANK_MAX, Relevance

SENTENCE = "Militia fighters blocked the coastal highway south of the port"


class Counting:
    """A stand-in full encoder: every text's vector is the query's, and it records what it
    was asked to encode."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.seen.extend(texts)
        return np.tile(np.eye(1, 8), (len(texts), 1))


def test_rerank_reads_only_candidates_that_can_reach_the_threshold() -> None:
    encoder = Counting()
    relevance = Relevance(
        SENTENCE, ["a corpus line"], np.zeros(256, dtype=np.float32), encode_full=encoder
    )
    reach = (CHECK_SIMILARITY - FULL_WEIGHT) / (1 - FULL_WEIGHT)
    mixed = np.array([reach + 0.1, reach - 0.05, 0.9])
    texts = ["near", "too far", "best"]
    combined = relevance.rerank(texts, mixed)
    assert encoder.seen == [SENTENCE, "best", "near"]  # the query, then by mixed score
    full = 1.0  # the stand-in's cosine
    assert np.isclose(combined[0], (1 - FULL_WEIGHT) * mixed[0] + FULL_WEIGHT * full)
    assert combined[1] == mixed[1] < CHECK_SIMILARITY  # kept as is, and it cannot pass


def test_rerank_reads_at_most_rerank_max() -> None:
    encoder = Counting()
    relevance = Relevance(
        SENTENCE, ["a corpus line"], np.zeros(256, dtype=np.float32), encode_full=encoder
    )
    count = RERANK_MAX + 5
    mixed = np.linspace(0.9, 0.8, count)
    combined = relevance.rerank([f"claim {i}" for i in range(count)], mixed)
    assert len(encoder.seen) == 1 + RERANK_MAX
    assert np.array_equal(combined[RERANK_MAX:], mixed[RERANK_MAX:])  # past the limit: mixed


def test_rerank_also_reads_strict_matches_past_the_limit() -> None:
    encoder = Counting()
    relevance = Relevance(
        SENTENCE, ["a corpus line"], np.zeros(256, dtype=np.float32), encode_full=encoder
    )
    count = RERANK_MAX + 5
    mixed = np.linspace(0.9, 0.8, count)
    texts = [f"claim {i}" for i in range(count)]
    also = np.zeros(count, dtype=bool)
    also[-1] = True  # ranked last by its mixed score
    combined = relevance.rerank(texts, mixed, also=also)
    assert encoder.seen[-1] == texts[-1] and len(encoder.seen) == 2 + RERANK_MAX
    assert combined[-1] != mixed[-1] and combined[-2] == mixed[-2]


def test_relevance_strict_needs_same_event_all_parties_and_roles() -> None:
    relevance = Relevance(
        "Malian troops are fighting alongside Nigerian army units",
        ["a corpus line"],
        np.zeros(256, dtype=np.float32),
        encode_full=Counting(),
    )
    found = relevance.strict([
        "Soldiers from Mali fought beside Nigerian army units near Gao",
        "Malian troops visited Nigerian army units near Gao",
        "Nigerian soldiers fight alongside Malian troops near Gao",
    ])
    assert found.tolist() == [True, False, False]


def test_relevance_gates_swapped_roles() -> None:
    relevance = Relevance(
        "Malian troops are fighting alongside Nigerian army units",
        ["a corpus line"],
        np.zeros(256, dtype=np.float32),
        encode_full=Counting(),
    )
    found = relevance.swapped(
        [
            "Nigerian soldiers fight alongside Malian troops near Gao",
            "Malian troops fought beside Nigerian soldiers near Gao",
        ]
    )
    assert found.tolist() == [True, False]


def test_relevance_without_alignment_is_the_rerank() -> None:
    texts = ["militia fighters blocked the highway", "a choir sang"]
    mixed = np.array([0.9, 0.1])
    first = Relevance(SENTENCE, texts, np.zeros(256, dtype=np.float32), encode_full=Counting())
    second = Relevance(SENTENCE, texts, np.zeros(256, dtype=np.float32), encode_full=Counting())
    assert np.array_equal(first.relevance(texts, mixed), second.rerank(texts, mixed))


def test_relevance_mixes_in_the_alignment_and_reranks_what_it_lets_reach(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(check_module, "ALIGN_WEIGHT", 0.2)
    encoder = Counting()
    texts = ["Militia fighters blocked the coastal highway south of the port", "a choir sang"]
    relevance = Relevance(SENTENCE, texts, np.zeros(256, dtype=np.float32), encode_full=encoder)
    recall = relevance.alignment.recall(texts)
    assert recall[0] == pytest.approx(1.0) and recall[1] == 0.0
    # the same mixed score: the restatement's recall lets it reach the threshold, the other's not
    reach = ((CHECK_SIMILARITY - 0.2) / 0.8 - FULL_WEIGHT) / (1 - FULL_WEIGHT)
    mixed = np.array([reach + 0.01, reach + 0.01])
    found = relevance.relevance(texts, mixed)
    assert encoder.seen == [SENTENCE, texts[0]]
    expected = 0.8 * ((1 - FULL_WEIGHT) * mixed[0] + FULL_WEIGHT * 1.0) + 0.2 * recall[0]
    assert found[0] == pytest.approx(expected)
    assert found[1] == pytest.approx(0.8 * mixed[1]) and found[1] < CHECK_SIMILARITY
