"""`check`'s nearest claims without reading every claim vector: an inverted file (IVF).

k-means (scikit-learn's `MiniBatchKMeans`, trained on an even sample of the claim vectors)
splits the vectors into about `CELLS_PER_ROOT` x sqrt(vectors) cells; each stored vector
keeps its cell in its own row (`claim_vectors.cell`), each cell's ids and vectors are packed
in one row (`vector_cells`: a query reads a few rows, not thousands), and one row
(`vector_index`) keeps the centroids, the cells' sizes, the sum of the indexed vectors (for
the ledger's mean vector, which `check` removes before comparing) and the word counts of
`check`'s IDF sample. A query reads the centroids, takes the `PROBE` cells nearest to the
sentence, and reads the vectors of those cells and of every
claim stored since the index was built (no cell yet): exact cosine over those gives the
candidates, so a claim is missed only when it lies outside the probed cells (recall@100
against the exact scan: `benchmarks/link_speed.py`, `benchmarks/scale.py`).

Never stale: a vector stored after the build has no cell and is read by every query (and
counted in the mean); deleting an indexed vector (a report replaced or removed) drops the
index (a trigger in the store), and `check` reads every vector, as below `MIN_INDEXED`
vectors, until `update_index` (run by `corroborate.link.link_ledger` after each ingest)
builds it again. That update assigns new vectors to the nearest cells, and retrains the
cells once the ledger has grown by `RETRAIN_GROWTH` since they were trained.

Written here rather than taken from an ANN library (faiss, hnswlib, usearch): those keep
their index in memory or in a file of their own, which every `check` process would read
whole (hundreds of MB at a million claims), PostgreSQL has no file beside the database, and
the index would have to be kept in step with the claims by hand. Cells kept in the claims'
own rows work through the Store API on both backends and are in step by construction; the
clustering, the part worth a library, is scikit-learn's.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.cluster import MiniBatchKMeans
from sklearn.feature_extraction.text import TfidfVectorizer

from corroborate.store import Store
from corroborate.store.tables import VectorCellRow, VectorIndexRow

MIN_INDEXED = 20_000  # fewer vectors: the exact scan reads them in a few milliseconds
CELLS_PER_ROOT = 1.0
# Cells read per query; recall@100 against the exact scan in BENCHMARKS.md
# (`benchmarks/scale.py`, `benchmarks/link_speed.py`).
PROBE = 24
RETRAIN_GROWTH = 1.5  # retrain the cells when the ledger has half as many vectors again
TRAIN_SAMPLE = 64  # vectors per cell, at most, to train k-means on
CHUNK = 8192  # vectors per block when assigning cells


@dataclass(frozen=True)
class Frequencies:
    """How many texts hold each word (as `check`'s TF-IDF analyses them), of `documents`
    texts: the IDF sample's, counted once when the index is built."""

    documents: int
    counts: dict[str, int]

    @classmethod
    def of(cls, texts: Sequence[str], analyze: Callable[[str], list[str]]) -> Frequencies:
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(set(analyze(text)))
        return cls(len(texts), dict(counts))

    def to_json(self) -> str:
        return json.dumps({"documents": self.documents, "counts": self.counts},
                          ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Frequencies:
        found = json.loads(text)  # written by `to_json`: string keys, integer counts
        return cls(int(found["documents"]), found["counts"])


@dataclass(frozen=True)
class Nearest:
    """The result of `nearest`: the nearest claims' ids (nearest first), the mean of every
    stored claim vector and how many there are, and the IDF sample: the claim ids to read
    (no index), or the words' counts kept with the index."""

    claim_ids: list[int]
    mean: np.ndarray
    vectors: int
    sample: list[int]
    frequencies: Frequencies | None = None


def fit_tfidf(
    vectorizer: TfidfVectorizer, texts: Sequence[str], background: Frequencies | None
) -> None:
    """Fit `vectorizer` (smooth IDF, its own analyzer) on `texts` and the texts
    `background` counts, as if they were all given: the same vocabulary and IDF, without
    reading or analysing the background's texts again."""
    if background is None:
        vectorizer.fit(texts)
        return
    analyze = vectorizer.build_analyzer()
    counts = Counter(background.counts)
    for text, copies in Counter(texts).items():  # a repeated text (copies) analysed once
        for word in set(analyze(text)):
            counts[word] += copies
    if not counts:
        raise ValueError("empty vocabulary")  # as TfidfVectorizer.fit says it
    vocabulary = sorted(counts)
    documents = background.documents + len(texts)
    found = np.array([counts[word] for word in vocabulary], dtype=np.float64)
    vectorizer.vocabulary_ = {word: i for i, word in enumerate(vocabulary)}
    vectorizer.idf_ = (np.log((1 + documents) / (1 + found)) + 1).astype(vectorizer.dtype)


def nearest(store: Store, query: np.ndarray, count: int, sample: int) -> Nearest:
    """The `count` claims whose stored vectors have the highest dot product with `query`
    (ties: the lower claim id first), through the index when there is one, else by reading
    every vector; `sample` claim ids spread evenly over the ledger for IDF."""
    index = store.vector_index()
    if index is None:
        ids, blob = store.claim_vector_matrix()
        matrix = _matrix(blob, len(ids), len(query))
        mean = matrix.mean(axis=0) if ids else np.zeros(len(query), dtype=np.float32)
        return Nearest(_top(ids, matrix @ query, count), mean, len(ids), _even(ids, sample))
    ids, scores = _cell_scores(store.cell_vectors(_probed(index, query)), query)
    new_ids, new_blob = store.new_claim_vectors()
    new = _matrix(new_blob, len(new_ids), len(query))
    ids = np.concatenate([ids, np.array(new_ids, dtype=np.int64)])
    scores = np.concatenate([scores, new @ query])
    order = np.argsort(ids, kind="stable")  # by claim id, as the exact scan breaks ties
    total = np.frombuffer(index.total, dtype=np.float64) + new.sum(axis=0, dtype=np.float64)
    vectors = index.vectors + len(new_ids)
    mean = (total / vectors).astype(np.float32)
    frequencies = Frequencies.from_json(index.frequencies)
    # the ids stay an array: `_top` converts only the `count` it keeps (a list of every
    # probed id cost more than the scoring at 100,000 replicated reports)
    return Nearest(_top(ids[order], scores[order], count), mean, vectors, [], frequencies)


def _cell_scores(cells: list[VectorCellRow], query: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The claim ids of `cells` and their vectors' dot products with `query` (each distinct
    vector scored once)."""
    ids = np.concatenate([np.frombuffer(c.claim_ids, dtype=np.int64) for c in cells] or [[]])
    distinct = _matrix(b"".join(c.vectors for c in cells), -1, len(query))
    counts = np.concatenate([np.frombuffer(c.counts, dtype=np.int64) for c in cells] or [[]])
    return ids.astype(np.int64), np.repeat(distinct @ query, counts.astype(np.int64))


def probe_cells(index: VectorIndexRow, queries: np.ndarray) -> np.ndarray:
    """The `PROBE` cells nearest to each row of `queries` (a column per row; in no order)."""
    closeness = _closeness(_centroids(index), queries.T.astype(np.float32))
    if index.cells <= PROBE:
        return np.broadcast_to(np.arange(index.cells)[:, None], closeness.shape)
    return np.argpartition(-closeness, PROBE - 1, axis=0)[:PROBE]


def cell_matrix(cell: VectorCellRow, dimensions: int) -> np.ndarray:
    """A cell's distinct vectors as float32 rows."""
    return _matrix(cell.vectors, -1, dimensions)


def _probed(index: VectorIndexRow, query: np.ndarray) -> list[int]:
    """The `PROBE` cells nearest to `query`."""
    return _top(list(range(index.cells)), _closeness(_centroids(index), query), PROBE)


def update_index(store: Store) -> str:
    """Bring the index up to date with the stored claim vectors; says what it did."""
    stored, with_cell = store.vector_counts()
    index = store.vector_index()
    if stored < MIN_INDEXED:
        if index is not None or with_cell:
            ids, _ = store.claim_vector_matrix()
            store.put_vector_index(None, [], [(claim_id, None) for claim_id in ids], True)
        return f"no index ({stored} claim vectors: each check reads them all)"
    if index is None or stored >= RETRAIN_GROWTH * _trained_on(index):
        return _build(store)
    if stored == with_cell:
        return f"index up to date ({index.cells} cells, {stored} claim vectors)"
    return _add(store, index)


def _trained_on(index: VectorIndexRow) -> float:
    """About how many vectors the cells were trained on: `_build` makes `CELLS_PER_ROOT` x
    sqrt(vectors) of them. Not `index.vectors`, which counts the vectors added since too (a
    ledger grown by an ingest at a time was never retrained)."""
    return (index.cells / CELLS_PER_ROOT) ** 2


def _build(store: Store) -> str:
    from corroborate.link.check import IDF_SAMPLE  # one sample, as `check` takes it unindexed
    from corroborate.link.propositions import words  # the analyzer of check's TF-IDF

    ids, blob = store.claim_vector_matrix()
    order = np.argsort(np.array(ids, dtype=np.int64), kind="stable")
    ids = [ids[i] for i in order]
    matrix = np.frombuffer(blob, dtype=np.float16).reshape(len(ids), -1)[order]  # float16:
    count = max(2, round(CELLS_PER_ROOT * len(ids) ** 0.5))  # 1.5M claims take 770 MB
    training = matrix[:: max(1, len(ids) // (TRAIN_SAMPLE * count))].astype(np.float32)
    kmeans = MiniBatchKMeans(n_clusters=count, random_state=0, n_init=1, batch_size=4096)
    centroids = kmeans.fit(training).cluster_centers_.astype(np.float32)
    assigned = _assign(matrix, centroids)
    cells = _pack(np.array(ids, dtype=np.int64), matrix, assigned)
    sample = Frequencies.of(store.claim_contents(_even(ids, IDF_SAMPLE)), words)
    total = sum(matrix[start : start + CHUNK].astype(np.float32).sum(axis=0, dtype=np.float64)
                for start in range(0, len(matrix), CHUNK))
    sizes = np.bincount(assigned, minlength=count).astype(np.int64)
    index = VectorIndexRow(len(ids), count, centroids.tobytes(), sizes.tobytes(),
                           np.asarray(total).tobytes(), sample.to_json())
    store.put_vector_index(index, cells, list(zip(ids, assigned.tolist(), strict=True)), True)
    return f"index built: {count} cells over {len(ids)} claim vectors"


def _add(store: Store, index: VectorIndexRow) -> str:
    """The vectors stored since the index was built, added to their nearest cells."""
    new_ids, blob = store.new_claim_vectors()
    new = _matrix(blob, len(new_ids))
    assigned = _assign(new, _centroids(index))
    touched = store.cell_vectors(sorted(set(assigned.tolist())))
    ids = np.concatenate([*(np.frombuffer(c.claim_ids, dtype=np.int64) for c in touched),
                          np.array(new_ids, dtype=np.int64)])
    vectors = np.concatenate([
        *(np.repeat(_matrix(c.vectors, -1, new.shape[1]).astype(np.float16),
                    np.frombuffer(c.counts, dtype=np.int64), axis=0) for c in touched),
        new.astype(np.float16)])
    cells = np.concatenate([*(np.full(len(c.claim_ids) // 8, c.cell) for c in touched),
                            assigned])
    total = np.frombuffer(index.total, dtype=np.float64) + new.sum(axis=0, dtype=np.float64)
    sizes = np.frombuffer(index.sizes, dtype=np.int64) + np.bincount(
        assigned, minlength=index.cells)
    updated = VectorIndexRow(index.vectors + len(new_ids), index.cells, index.centroids,
                             sizes.astype(np.int64).tobytes(), total.tobytes(),
                             index.frequencies)
    store.put_vector_index(updated, _pack(ids, vectors, cells),
                           list(zip(new_ids, assigned.tolist(), strict=True)), False)
    return f"index: {len(new_ids)} claim vectors added to {index.cells} cells"


def _pack(ids: np.ndarray, vectors: np.ndarray, cells: np.ndarray) -> list[VectorCellRow]:
    """A row per cell: its distinct float16 vectors, how many claims have each, and those
    claims' ids (ascending within each vector's run). Copies of a report repeat its claims'
    vectors, and a query then scores each once."""
    order = np.lexsort((ids, cells))
    ids, vectors, cells = ids[order], vectors[order], cells[order]
    bounds = np.flatnonzero(np.diff(cells)).tolist()
    rows = []
    for start, end in zip([0, *(b + 1 for b in bounds)], [*(b + 1 for b in bounds), len(ids)],
                          strict=True):
        distinct, inverse = np.unique(vectors[start:end], axis=0, return_inverse=True)
        grouped = np.argsort(inverse.ravel(), kind="stable")  # ids stay ascending in a run
        counts = np.bincount(inverse.ravel(), minlength=len(distinct)).astype(np.int64)
        rows.append(VectorCellRow(
            int(cells[start]), ids[start:end][grouped].tobytes(),
            np.ascontiguousarray(distinct, dtype=np.float16).tobytes(), counts.tobytes()))
    return rows if len(ids) else []


def _centroids(index: VectorIndexRow) -> np.ndarray:
    return np.frombuffer(index.centroids, dtype=np.float32).reshape(index.cells, -1)


def _assign(matrix: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    """Each row's nearest centroid (Euclidean, as k-means trained them), in blocks."""
    cells = [
        np.argmax(_closeness(centroids, matrix[start : start + CHUNK].T.astype(np.float32)),
                  axis=0)
        for start in range(0, len(matrix), CHUNK)
    ]
    return np.concatenate(cells) if cells else np.zeros(0, dtype=np.int64)


def _closeness(centroids: np.ndarray, vectors: np.ndarray) -> np.ndarray:
    """Minus half the squared distance from each centroid to each column of `vectors` (one
    vector: a column), less the vectors' own norms, which do not change the order."""
    half_norms = 0.5 * np.einsum("ij,ij->i", centroids, centroids)
    scores = centroids @ vectors
    return scores - (half_norms[:, None] if scores.ndim == 2 else half_norms)


def _matrix(blob: bytes, rows: int, dimensions: int = -1) -> np.ndarray:
    """Stored float16 vectors end to end as float32 rows (`rows` -1: as many as there
    are, of `dimensions` each)."""
    if not rows or not blob:
        return np.zeros((0, max(dimensions, 0)), dtype=np.float32)
    return np.frombuffer(blob, dtype=np.float16).reshape(rows, dimensions if rows < 0 else -1
                                                         ).astype(np.float32)


def _top(ids: Sequence[int] | np.ndarray, scores: np.ndarray, count: int) -> list[int]:
    """The ids (Python ints) of the `count` highest scores, highest first (ties: earlier
    first), without sorting them all."""
    if len(scores) > count:
        kept = np.argpartition(-scores, count - 1)[:count]
        kept = kept[np.lexsort((kept, -scores[kept]))]
    else:
        kept = np.argsort(-scores, kind="stable")
    return [int(ids[int(i)]) for i in kept]


def _even(ids: list[int], count: int) -> list[int]:
    """Up to about `count` ids spread evenly over `ids`."""
    return ids[:: max(1, len(ids) // count)]
