"""How well sentence vectors group headlines by the claim they report (`corroborate eval emergent`).

Emergent (Ferreira & Vlachos, NAACL 2016) pairs news headlines with the claim each one is about.
The headlines are clustered (average-linkage agglomerative clustering on cosine distance, cut at
a threshold) and the clusters scored against the claims with B-cubed precision, recall and F1
and the adjusted Rand index. The claims are split in two halves by a hash of their id: the
threshold is chosen on one half (the highest B-cubed F1) and the figures reported on the other,
so no reported figure is tuned on itself.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score

from corroborate.errors import InputError

Encoder = Callable[[Sequence[str]], np.ndarray]
THRESHOLDS = tuple(round(0.05 + 0.025 * i, 3) for i in range(37))  # 0.05 .. 0.95


@dataclass(frozen=True)
class Headline:
    text: str
    claim_id: str


def read_emergent(path: Path) -> list[Headline]:
    """Article headlines and their claim ids from an Emergent `url-versions` CSV."""
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as err:
        raise InputError(str(path), f"cannot read it: {err}") from err
    if rows and not {"articleHeadline", "claimId"} <= rows[0].keys():
        raise InputError(str(path), "no articleHeadline and claimId columns")
    return [
        Headline(row["articleHeadline"].strip(), row["claimId"])
        for row in rows
        if row["articleHeadline"].strip()
    ]


def in_tuning_half(claim_id: str) -> bool:
    """A fixed half of the claims, by the parity of a hash of the id (not Python's salted hash)."""
    return hashlib.sha256(claim_id.encode("utf-8")).digest()[0] % 2 == 0


def split_by_claim(headlines: Iterable[Headline]) -> tuple[list[Headline], list[Headline]]:
    """(tuning half, held-out half); every claim's headlines fall in the same half."""
    tune, held_out = [], []
    for headline in headlines:
        (tune if in_tuning_half(headline.claim_id) else held_out).append(headline)
    return tune, held_out


def cosine_distances(vectors: np.ndarray) -> np.ndarray:
    """Condensed (scipy) cosine distances between rows; a zero row is at distance 1 from all."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = vectors / np.where(norms == 0, 1.0, norms)
    square = np.clip(1.0 - unit @ unit.T, 0.0, 2.0).astype(np.float64)
    square = (square + square.T) / 2
    np.fill_diagonal(square, 0.0)
    return squareform(square, checks=False)


def cluster_tree(vectors: np.ndarray) -> np.ndarray:
    """Average-linkage merge tree; cut it at any threshold with `cut`."""
    return linkage(cosine_distances(vectors), method="average")


def cut(tree: np.ndarray, threshold: float) -> np.ndarray:
    """Cluster labels: items joined while the average distance between groups is ≤ threshold."""
    return fcluster(tree, t=threshold, criterion="distance")


def bcubed(labels: Sequence[object], gold: Sequence[object]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998), averaged over items."""
    pairs = Counter(zip(labels, gold, strict=True))
    cluster_sizes = Counter(labels)
    class_sizes = Counter(gold)
    # every item in the cell (cluster c, class g) has the same precision n/|c| and recall n/|g|
    precision = sum(n * n / cluster_sizes[c] for (c, _), n in pairs.items()) / len(labels)
    recall = sum(n * n / class_sizes[g] for (_, g), n in pairs.items()) / len(labels)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def clustering_scores(labels: Sequence[object], gold: Sequence[object]) -> dict[str, float]:
    precision, recall, f1 = bcubed(labels, gold)
    return {
        "bcubed_precision": precision,
        "bcubed_recall": recall,
        "bcubed_f1": f1,
        "ari": float(adjusted_rand_score(gold, labels)),
        "clusters": len(set(labels)),
    }


def best_threshold(
    tree: np.ndarray, gold: Sequence[str], thresholds: Sequence[float] = THRESHOLDS
) -> float:
    """The threshold with the highest B-cubed F1 (the lowest such threshold on a tie)."""
    return max(thresholds, key=lambda t: (bcubed(cut(tree, t), gold)[2], -t))


def tfidf_encoder(texts: Sequence[str]) -> np.ndarray:
    """Baseline: TF-IDF word vectors fitted on the texts being clustered."""
    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english")
    return vectorizer.fit_transform(texts).toarray().astype(np.float32)


def mixed_encoder(first: Encoder, second: Encoder, weight: float) -> Encoder:
    """Rows [sqrt(w) a, sqrt(1 - w) b] of unit rows a, b: their cosine is exactly
    w cos_a + (1 - w) cos_b, so a mix of two similarities clusters like one encoder."""

    def encode(texts: Sequence[str]) -> np.ndarray:
        parts = [_unit(first(texts)) * np.sqrt(weight), _unit(second(texts)) * np.sqrt(1 - weight)]
        return np.hstack(parts).astype(np.float32)

    return encode


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def evaluate_encoder(
    encoder: Encoder, tune: Sequence[Headline], held_out: Sequence[Headline]
) -> dict[str, object]:
    """Threshold chosen on `tune`, scores on both halves (the held-out ones are the figures)."""
    tune_tree = cluster_tree(encoder([h.text for h in tune]))
    tune_gold = [h.claim_id for h in tune]
    threshold = best_threshold(tune_tree, tune_gold)
    test_tree = cluster_tree(encoder([h.text for h in held_out]))
    return {
        "threshold": threshold,
        "tuning": clustering_scores(cut(tune_tree, threshold), tune_gold),
        "held_out": clustering_scores(
            cut(test_tree, threshold), [h.claim_id for h in held_out]
        ),
    }


def evaluate_emergent(path: Path, encoders: Mapping[str, Encoder]) -> dict[str, object]:
    """Per encoder: the chosen threshold and its scores on both halves of the claims."""
    tune, held_out = split_by_claim(read_emergent(path))
    if not tune or not held_out:
        raise InputError(str(path), "too few claims to split in two halves")
    return {
        "headlines": {"tuning": len(tune), "held_out": len(held_out)},
        "claims": {
            "tuning": len({h.claim_id for h in tune}),
            "held_out": len({h.claim_id for h in held_out}),
        },
        "encoders": {
            name: evaluate_encoder(encoder, tune, held_out) for name, encoder in encoders.items()
        },
    }
