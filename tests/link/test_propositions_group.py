"""`group`'s incremental merge bookkeeping (`_Links`) and `neighbours`' shared products for
copies give the same partition as the straightforward average linkage they replaced, a copy
of which is kept here as the reference: on random vectors with planted clusters and on real
headlines (Emergent's train split)."""

from __future__ import annotations

import csv
import heapq
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from scipy.sparse import random as sparse_random

from corroborate.link import propositions as props

EMERGENT = (
    Path(__file__).resolve().parents[3] / "shared" / "data" / "emergent"
    / "url-versions-2015-06-14-clean-train.csv"
)


def _reference_means(static, tfidf, report, floor, lexical, a, others):  # noqa: ANN001, ANN202
    """The merge step before `_Links`: one product of the merged group and its neighbours."""
    flat = [row for other in others for row in other]
    starts = np.cumsum([0] + [len(other) for other in others[:-1]])
    sparse = (tfidf[a] @ tfidf[flat].T).toarray()
    similarity = props.mix(static[a] @ static[flat].T, sparse)
    same = report[a][:, None] == report[flat][None, :]
    bad = (sparse < lexical) | (similarity < floor) | (
        same & (similarity < props.SAME_REPORT_SIMILARITY)
    )
    apart = np.logical_or.reduceat(bad.any(axis=0), starts)
    sizes = np.array([len(other) for other in others]) * len(a)
    means = np.add.reduceat(similarity.sum(axis=0), starts) / sizes
    return np.where(apart, -np.inf, means)


def _reference_neighbours(vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """`neighbours` before copies shared their products (commit 8f92e53)."""
    n = len(vectors)
    k = min(k, n - 1)
    rows, cols = [], []
    for start in range(0, n, 256):
        block = vectors[start : start + 256] @ vectors.T
        count = len(block)
        block[np.arange(count), start + np.arange(count)] = -np.inf
        nearest = np.argpartition(-block, k - 1, axis=1)[:, :k] if k > 0 else block[:, :0]
        rows.append(np.repeat(np.arange(start, start + count), nearest.shape[1]))
        cols.append(nearest.ravel())
    return np.concatenate(rows), np.concatenate(cols)


def _reference_group(
    static: np.ndarray, tfidf: csr_matrix, reports: Sequence[object],
    link: float = props.LINK_SIMILARITY, floor: float = props.FLOOR_SIMILARITY,
    lexical: float = props.LEXICAL_FLOOR, candidates=_reference_neighbours,  # noqa: ANN001
) -> np.ndarray:
    """`group` as it was before `_Links` (commit 8f92e53), kept as the reference: every
    row its own group at first, copies included. `candidates`: the neighbour function that
    gives the candidate pairs (with copies, which copies a row takes is up to it)."""
    n = len(static)
    if n < 2:
        return np.zeros(n, dtype=np.int64)
    report = np.unique(np.array([str(r) for r in reports]), return_inverse=True)[1]
    rows, cols = candidates(static, props.NEIGHBOURS)
    pairs = np.unique(np.minimum(rows, cols).astype(np.int64) * n + np.maximum(rows, cols))
    first, second = pairs // n, pairs % n
    dense = np.einsum("ij,ij->i", static[first], static[second])
    sparse = np.asarray(tfidf[first].multiply(tfidf[second]).sum(axis=1)).ravel()
    similarity = props.mix(dense, sparse)
    keep = (similarity >= floor) & (sparse >= lexical) & (
        (report[first] != report[second]) | (similarity >= props.SAME_REPORT_SIMILARITY)
    )
    first, second, similarity = first[keep], second[keep], similarity[keep]
    adjacent: dict[int, list[int]] = {}
    for a, b in zip(first.tolist(), second.tolist(), strict=True):
        adjacent.setdefault(a, []).append(b)
        adjacent.setdefault(b, []).append(a)
    owner = list(range(n))
    members: dict[int, list[int]] = {}
    version: dict[int, int] = {}
    heap = [(-float(s), int(a), int(b), 0, 0)
            for a, b, s in zip(first, second, similarity, strict=True) if s >= link]
    heapq.heapify(heap)
    while heap:
        _, a, b, seen_a, seen_b = heapq.heappop(heap)
        if owner[a] != a or owner[b] != b or version.get(a, 0) != seen_a or (
            version.get(b, 0) != seen_b
        ):
            continue
        joined = members.pop(a, [a]) + members.pop(b, [b])
        kept = min(a, b)
        for row in joined:
            owner[row] = kept
        members[kept] = joined
        version.pop(max(a, b), None)
        version[kept] = version.get(kept, 0) + 1
        near = sorted({owner[other] for row in joined for other in adjacent.get(row, ())} - {kept})
        if not near:
            continue
        others = [members.get(other, [other]) for other in near]
        means = _reference_means(static, tfidf, report, floor, lexical, joined, others)
        for other, mean in zip(near, means, strict=True):
            if mean >= link:
                pair = (kept, other) if kept < other else (other, kept)
                heapq.heappush(
                    heap, (-mean, *pair, version.get(pair[0], 0), version.get(pair[1], 0)))
    first_seen: dict[int, int] = {}
    return np.array([first_seen.setdefault(owner[i], len(first_seen)) for i in range(n)])


def _planted(seed: int, n: int, clusters: int, noise: float) -> tuple[np.ndarray, csr_matrix]:
    """Unit static rows around `clusters` centres and TF-IDF-like rows sharing each
    centre's words, so that groups form, chain and collide with the floors."""
    rng = np.random.default_rng(seed)
    centre = rng.integers(clusters, size=n)
    static = rng.normal(size=(clusters, 48))[centre] + noise * rng.normal(size=(n, 48))
    static = (static / np.linalg.norm(static, axis=1, keepdims=True)).astype(np.float32)
    words = sparse_random(clusters, 400, density=0.02, random_state=seed, format="csr")
    own = sparse_random(n, 400, density=0.01, random_state=seed + 1, format="csr")
    tfidf = (words[centre] + own).astype(np.float32).tocsr()
    norms = np.sqrt(np.asarray(tfidf.multiply(tfidf).sum(axis=1))).ravel()
    tfidf = csr_matrix(tfidf.multiply(1 / np.maximum(norms, 1e-9)[:, None]), dtype=np.float32)
    return static, tfidf


@pytest.mark.parametrize(("seed", "n", "clusters", "noise"), [
    (1, 300, 20, 0.6), (2, 600, 15, 0.9), (3, 900, 120, 0.5), (4, 500, 5, 1.2),
])
def test_group_matches_reference_on_planted_clusters(
    seed: int, n: int, clusters: int, noise: float
) -> None:
    static, tfidf = _planted(seed, n, clusters, noise)
    reports = np.random.default_rng(seed).integers(n // 3, size=n).tolist()
    expected = _reference_group(static, tfidf, reports)
    assert expected.max() < n - 1  # some rows were grouped
    assert np.array_equal(props.group(static, tfidf, reports), expected)


def test_group_matches_reference_with_other_thresholds() -> None:
    static, tfidf = _planted(5, 500, 30, 0.8)
    reports = list(range(500))
    for link, floor, lexical in [(0.25, 0.0, 0.0), (0.4, 0.2, 0.1)]:
        expected = _reference_group(static, tfidf, reports, link, floor, lexical)
        found = props.group(static, tfidf, reports, link, floor, lexical)
        assert np.array_equal(found, expected)


def test_group_matches_reference_on_real_headlines() -> None:
    """Emergent's article and claim headlines (real text, many on one claim), their report
    the article (a claim headline: its own report)."""
    if not EMERGENT.exists():
        pytest.skip(f"{EMERGENT} not found")
    with EMERGENT.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    texts = [row["articleHeadline"] for row in rows]
    reports = [row["articleId"] for row in rows]
    claims = sorted({row["claimHeadline"] for row in rows})
    texts, reports = texts + claims, reports + [f"claim {i}" for i in range(len(claims))]
    static = props.centred(props.embed(texts))
    tfidf = props.tfidf_rows(texts)
    expected = _reference_group(static, tfidf, reports)
    found = props.group(static, tfidf, reports)
    assert len(set(expected.tolist())) < 0.8 * len(texts)
    assert np.array_equal(found, expected)


def _syndicated(seed: int, stories: int, claims: int, most: int) -> tuple[
    np.ndarray, csr_matrix, list[int]
]:
    """Reports of several claims each (planted clusters), every report then republished
    under new report names 1 to `most` times, as wire copy is: copies of a claim sit in many
    reports, beside copies of the claims they were published with; now and then a report
    states one of its claims twice."""
    static, tfidf = _planted(seed, stories * claims, stories // 2, 0.7)
    rng = np.random.default_rng(seed)
    rows, reports = [], []
    for story in range(stories):
        own = list(range(story * claims, (story + 1) * claims))
        if rng.random() < 0.1:
            own.append(own[0])
        for _ in range(int(rng.integers(1, most + 1))):
            rows += own
            reports += [len(set(reports))] * len(own)
    order = rng.permutation(len(rows))  # copies are not adjacent rows
    picked = np.array(rows)[order]
    return static[picked], tfidf[picked], [reports[i] for i in order]


@pytest.mark.parametrize(("seed", "most"), [(11, 3), (12, 15), (13, 40)])
def test_group_with_copies_matches_merging_them_a_pair_at_a_time(seed: int, most: int) -> None:
    """Copies start as one weighted group: the same partition as average linkage over every
    row (with `neighbours`' choice of copies), where copies merge first."""
    static, tfidf, reports = _syndicated(seed, 60, 5, most)
    expected = _reference_group(static, tfidf, reports, candidates=props.neighbours)
    assert len(set(expected.tolist())) < 60 * 5  # copies and paraphrases were grouped
    assert np.array_equal(props.group(static, tfidf, reports), expected)


def test_neighbours_match_reference_without_copies() -> None:
    static, _ = _planted(6, 700, 40, 0.7)
    for k in (1, 10):
        rows, cols = props.neighbours(static, k)
        first, second = _reference_neighbours(static, k)
        expected = set(zip(first.tolist(), second.tolist(), strict=True))
        assert len(rows) == 700 * k
        assert set(zip(rows.tolist(), cols.tolist(), strict=True)) == expected


def test_neighbours_take_the_nearest_and_the_first_copies() -> None:
    """Rows repeated (copies) among others: each row's k nearest others by dot product,
    and of a vector's copies the lowest rows."""
    rng = np.random.default_rng(7)
    pool = rng.integers(-3, 4, size=(30, 6)).astype(np.float32)  # exact products
    vectors = pool[rng.integers(30, size=200)]
    k = 10
    rows, cols = props.neighbours(vectors, k)
    scores = vectors @ vectors.T
    for row in range(200):
        chosen = cols[rows == row].tolist()
        assert len(set(chosen)) == k and row not in chosen
        others = [other for other in range(200) if other != row and other not in chosen]
        assert scores[row, chosen].min() >= scores[row, others].max()
        for other in others:  # a copy left out comes after every chosen copy of its vector
            same = [c for c in chosen if (vectors[c] == vectors[other]).all()]
            assert all(c < other for c in same)


def test_neighbours_of_tiny_inputs() -> None:
    one = np.ones((1, 3), dtype=np.float32)
    assert [len(part) for part in props.neighbours(one)] == [0, 0]
    two = np.eye(2, dtype=np.float32)
    rows, cols = props.neighbours(two)
    assert rows.tolist() == [0, 1] and cols.tolist() == [1, 0]
