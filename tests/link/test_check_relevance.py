"""check's relevance: the mixed similarity, reranked with the full encoder near the threshold."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

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
