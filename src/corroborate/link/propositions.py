"""Propositions: claims from different reports that state the same thing.

Each claim's content (its `content_start:content_end` span, else the claim's text) is
compared by a mix of two cosine similarities, half the static sentence encoder's
(`corroborate.embed`) and half TF-IDF's over the ledger's claim contents: the encoder finds
paraphrases, TF-IDF asks that the words agree.

Grouping (`group`), deterministic and independent of the order claims were stored in:
1. candidates: each claim's `NEIGHBOURS` nearest claims by static cosine, found with numpy
   matrix products in chunks against the distinct vectors (memory stays at chunk x claims;
   a claim's copies share one vector);
2. the candidate pairs whose mixed similarity reaches `LINK_SIMILARITY` and which share
   content words (TF-IDF cosine at least `LEXICAL_FLOOR`) are taken best first, and two
   groups merge only if the merged group still holds together: the mean mixed similarity
   over all its pairs at least `LINK_SIMILARITY`, every pair at least `FLOOR_SIMILARITY`
   and `LEXICAL_FLOOR` (so claims on one subject that say different things do not chain
   through a third), and no two claims of one report unless near-identical
   (`SAME_REPORT_SIMILARITY`: a headline repeated in the body), since one report rarely
   states one thing twice in different words. The thresholds are chosen on one half of the
   Emergent headlines (`corroborate.evaluate.emergent.evaluate_grouping`). Each merge
   updates the cross sums and "apart" flags of the merged group's neighbours from those of
   its two parts (`_Links`), so only claim pairs never compared are multiplied. Copies
   (the same vector and TF-IDF row) merge before anything else, so each set of them starts
   as one weighted group (`_copy_units`).

Only claims whose content has at least `MIN_WORDS` words are grouped: shorter contents
("It is a shame.", "he said") state nothing another report could repeat. Every such claim
gets a proposition, alone if nothing else states it. A proposition's label is its most
central claim's content (the highest mean similarity to the others), trimmed.

Proposition ids are stable: each new group keeps the id of the stored proposition with which
it shares the most claims, matched by a key that survives re-ingest (`claim_key`: the
report's key, the claim's offset and a hash of its text); only new groups get new ids, and
an id is never reused.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import re
from collections import Counter
from collections.abc import Iterator, Sequence

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from corroborate.embed import embed
from corroborate.embed.static import unit_rows
from corroborate.link.index import Frequencies, cell_matrix, fit_tfidf, probe_cells
from corroborate.link.sources import claim_stance
from corroborate.store import Store
from corroborate.store.tables import EvidenceRow, VectorIndexRow

MIN_WORDS = 4
STATIC_WEIGHT = 0.5  # the rest is TF-IDF's; 0.5 measured on Emergent (0.35: 0.880, 0.65: 0.875)
# From Emergent's tuning half (`corroborate.evaluate.emergent.evaluate_grouping`): 0.3 / 0.1 /
# 0.05 scores B-cubed F1 0.826 (precision 0.933) there, 0.854 (0.944) on the held-out half;
# 0.25 / 0 / 0 scores higher F1 there (0.877) but joins claims on one subject, the failure
# a ledger must avoid, so the stricter setting is kept.
LINK_SIMILARITY = 0.3
FLOOR_SIMILARITY = 0.1
LEXICAL_FLOOR = 0.05
SAME_REPORT_SIMILARITY = 0.9
NEIGHBOURS = 10
MEAN_PRIOR = 100  # claims; see `common`
CHUNK = 256
LABEL_CHARS = 100
# Incremental linking (`link_new`): a ledger of more groupable claims than FULL_BELOW groups
# its new claims BATCH at a time against the stored propositions instead of regrouping the
# whole ledger (whose memory grows with it: 4.6 GB at 150,000 claims); PAGE vectors are read
# at a time; the IDF of a batch's TF-IDF comes from it and an even sample of IDF_SAMPLE
# claims (as `check`'s).
FULL_BELOW = 20_000
BATCH = 2_000
PAGE = 8_192
IDF_SAMPLE = 2_000
CANDIDATES = NEIGHBOURS  # nearest grouped claims whose propositions a new claim reopens
CELLS_READ = 64  # index cells read at a time by `_probe_grouped`
_WORD = re.compile(r"\w+")

Group = tuple[str, int, list[tuple[int, str]]]  # label, central claim id, [(claim id, stance)]


def groupable(item: EvidenceRow) -> bool:
    return len(_WORD.findall(item.content)) >= MIN_WORDS


def claim_key(item: EvidenceRow) -> str:
    """A claim's identity across re-ingest: its report's key, offset and text."""
    digest = hashlib.sha256(item.text.encode("utf-8")).hexdigest()[:16]
    return f"{item.doc_key}#{item.start}#{digest}"


def link_propositions(store: Store, full: bool = False) -> int:
    """Bring the propositions up to date with the ledger's claims: a whole regroup (`full`,
    or a ledger of at most `FULL_BELOW` groupable claims), else the new claims grouped
    against the stored propositions (`link_new`); returns how many propositions were
    (re)computed."""
    stored = embed_new(store)
    if full or stored <= FULL_BELOW:
        return regroup_all(store)
    return link_new(store)


def regroup_all(store: Store) -> int:
    """Recompute every proposition from the ledger's claims, keeping the ids of those that
    persist; returns how many there are. Reads every claim and vector (memory grows with
    the ledger)."""
    items = [item for item in store.evidence() if groupable(item)]
    items.sort(key=_claim_order)
    if not items:
        store.replace_propositions([], [], store.next_proposition_id())
        return 0
    static = centred(claim_vectors(store, items))
    tfidf = tfidf_rows([item.content for item in items])
    labels = group(static, tfidf, [item.doc_key for item in items])
    members = _members(labels)
    groups = _groups(items, members, static, tfidf)
    keys = [[claim_key(items[i]) for i in rows] for rows in members]
    ids, next_id = stable_ids(keys, store.proposition_keys(), store.next_proposition_id())
    numbered = sorted(zip(ids, groups, keys, strict=True), key=lambda found: found[0])
    store.replace_propositions(
        [(number, *found) for number, found, _ in numbered],
        [(key, number) for number, _, members in numbered for key in members],
        next_id,
    )
    return len(groups)


def _claim_order(item: EvidenceRow) -> tuple[str, int, str, int]:
    return (item.doc_key, item.start, item.text, item.claim_id)


def _ungrouped(store: Store, size: int | None = None) -> Iterator[list[EvidenceRow]]:
    """The groupable claims with no proposition, `size` (`BATCH`) at a time by claim id."""
    size = size or BATCH
    after, batch = 0, []
    while page := store.ungrouped_evidence(after, size):
        after = page[-1].claim_id
        batch += [item for item in page if groupable(item)]
        while len(batch) >= size:
            yield batch[:size]
            batch = batch[size:]
    if batch:
        yield batch


def embed_new(store: Store) -> int:
    """Encode and store the vectors of the ungrouped claims that have none, a batch at a
    time (each batch stored on its own: a killed run keeps what it encoded); returns how
    many claim vectors the ledger holds."""
    for batch in _ungrouped(store):
        claim_vectors(store, batch, store.claim_vectors_of([item.claim_id for item in batch]))
    return store.vector_counts()[0]


def link_new(store: Store, batch: int | None = None) -> int:
    """Group the claims that have no proposition yet, `batch` (`BATCH`) at a time, each with the
    stored propositions it touches; returns how many propositions were recomputed.

    For a batch: each claim's `NEIGHBOURS` nearest grouped claims (centred static cosine,
    through `check`'s index when the ledger has one, else one pass over the stored vectors a
    page at a time: `_nearest_grouped`), the propositions of those
    neighbours and any proposition the batch's claims had before a re-ingest (`claim_key`)
    are taken apart, and their claims and the batch are grouped again (`group`, the same
    rules and thresholds as `regroup_all`). Only that batch and those propositions are in
    memory. The ledger-wide quantities of a whole regroup come from the whole ledger but
    more cheaply: the mean vector that `centred` removes from every stored vector (one
    pass), and TF-IDF's IDF from the batch and an even sample of `IDF_SAMPLE` claim
    contents (`corroborate.link.index.fit_tfidf`), not from every claim.

    Where this differs from `regroup_all`: a proposition no batch touches is not
    reconsidered (a claim removed with its report leaves the others as they were; the mean
    and IDF it was grouped under are those of its time), and a claim joins what was stored
    before it, so the groups can depend on the order reports arrived in. `corroborate link
    --full` regroups the whole ledger. Each batch is one transaction: a run killed midway
    keeps the batches done and the next run groups the rest, as an uninterrupted run
    would."""
    mean, count, sample = _ledger_mean(store)
    background = Frequencies.of(store.claim_contents(sample), words)
    # one pass over the ungrouped claims: a batch's own claims are the only ones it groups
    # that the pass has yet to reach or holds back
    return sum(_link_batch(store, claims, common(mean, count), background)
               for claims in _ungrouped(store, batch))


def _ledger_mean(store: Store) -> tuple[np.ndarray, int, list[int]]:
    """The mean of every stored claim vector, how many there are, and an even sample of
    about `IDF_SAMPLE` of their claim ids (one pass, a page at a time)."""
    stored = store.vector_counts()[0]
    step = max(1, stored // IDF_SAMPLE)
    total, count, sample = None, 0, []
    for ids, blob in store.claim_vector_pages(PAGE):
        vectors = np.frombuffer(blob, dtype=np.float16).reshape(len(ids), -1)
        summed = vectors.astype(np.float32).sum(axis=0, dtype=np.float64)
        total = summed if total is None else total + summed
        sample += [claim_id for i, claim_id in enumerate(ids, start=count) if i % step == 0]
        count += len(ids)
    if total is None:
        return np.zeros((1, 0), dtype=np.float32), 0, []
    return (total / count).astype(np.float32)[None, :], count, sample


def _link_batch(
    store: Store, batch: list[EvidenceRow], mean: np.ndarray, background: Frequencies
) -> int:
    """Group `batch` with the stored propositions near it and store the result."""
    ids = [item.claim_id for item in batch]
    vectors = claim_vectors(store, batch, store.claim_vectors_of(ids))
    near = _nearest_grouped(store, _unit_less(vectors, mean), mean, vectors)
    touched = set(store.propositions_of(near).values())
    touched.update(store.propositions_of_keys([claim_key(item) for item in batch]).values())
    members = store.proposition_members(sorted(touched))
    items = sorted([*batch, *store.evidence(members)], key=_claim_order)
    cached = store.claim_vectors_of([item.claim_id for item in items])
    static = _unit_less(claim_vectors(store, items, cached), mean)
    tfidf = _tfidf_with(background, [item.content for item in items])
    found = _members(group(static, tfidf, [item.doc_key for item in items]))
    groups = _groups(items, found, static, tfidf)
    store.update_propositions(*_update_of(store, items, found, groups, touched))
    return len(groups)


_Update = tuple[list[int], list[tuple[int, str, int, list[tuple[int, str]]]],
               list[tuple[str, int]], int]  # update_propositions' arguments


def _update_of(
    store: Store, items: list[EvidenceRow], found: list[np.ndarray], groups: list[Group],
    touched: set[int],
) -> _Update:
    """`update_propositions`' arguments for `groups` (the rows `found` of `items`) in place
    of the propositions `touched`: each group numbered as it was (`stable_ids`), and only
    the claim keys that move."""
    keys = [[claim_key(items[i]) for i in rows] for rows in found]
    previous = store.propositions_of_keys([key for rows in keys for key in rows])
    seniority = {claim_key(item): item.claim_id for item in items}  # older claims: lower ids
    numbers, next_id = stable_ids(keys, previous, store.next_proposition_id(), seniority)
    moved = [(key, number) for number, rows in zip(numbers, keys, strict=True) for key in rows
             if previous.get(key) != number]  # most keys stay on their proposition
    return (
        sorted(touched | set(previous.values())),
        [(number, *group) for number, group in zip(numbers, groups, strict=True)],
        moved,
        next_id,
    )


def _tfidf_with(background: Frequencies, texts: Sequence[str]) -> csr_matrix:
    """`tfidf_rows` of `texts`, its IDF from them and the `background` sample together."""
    vectorizer = TfidfVectorizer(sublinear_tf=True, analyzer=words, dtype=np.float32)
    try:
        fit_tfidf(vectorizer, texts, background)
    except ValueError:  # only stop words in every text
        return csr_matrix((len(texts), 1), dtype=np.float32)
    # each distinct text analysed once (a batch regroups every copy of a text: 150,000
    # claims, most of them repeats, in a large ledger); a text's row depends on it alone
    distinct = {text: row for row, text in enumerate(dict.fromkeys(texts))}
    return vectorizer.transform(list(distinct)).tocsr()[[distinct[text] for text in texts]]


def _unit_less(vectors: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """`vectors` less the ledger's (shrunk) mean, made unit again, as `centred` does."""
    if mean.shape[1] != vectors.shape[1]:  # no vector stored yet
        return vectors
    return unit_rows(vectors - mean).astype(np.float32)


def _nearest_grouped(
    store: Store, query: np.ndarray, mean: np.ndarray, raw: np.ndarray
) -> list[int]:
    """The claim ids among each query row's `CANDIDATES` nearest grouped claims (centred
    cosine; `raw`: the query rows before centring): through `check`'s index when the ledger
    has one, else by reading every stored vector."""
    index = store.vector_index()
    if index is None:
        return _scan_grouped(store, query, mean)
    return _probe_grouped(store, index, query, mean, raw)


def _scan_grouped(store: Store, query: np.ndarray, mean: np.ndarray) -> list[int]:
    """`_nearest_grouped` exactly, reading the stored vectors a page at a time."""
    nearest = _Nearest(len(query))
    for ids, blob in store.claim_vector_pages(PAGE, grouped=True):
        page = np.frombuffer(blob, dtype=np.float16).reshape(len(ids), -1).astype(np.float32)
        nearest.add(np.arange(len(query)), query @ _unit_less(page, mean).T,
                    np.array(ids, dtype=np.int64))
    return nearest.ids()


def _probe_grouped(
    store: Store, index: VectorIndexRow, query: np.ndarray, mean: np.ndarray, raw: np.ndarray
) -> list[int]:
    """`_nearest_grouped` through the index: each query row scores the claims of its
    `PROBE` nearest cells (as `check` probes them) and every grouped claim stored since the
    index was built. The scan reads every vector for every batch, so linking a ledger grown
    by N claims costs N squared; probing reads a few per cent of the cells per claim. A
    copy of a stored claim shares its cell (the cell nearest to it), so copies are never
    missed; a paraphrase in a cell left unprobed is (recall: BENCHMARKS.md)."""
    probes = probe_cells(index, raw)  # PROBE x query rows
    asking: dict[int, list[int]] = {}
    for row, cells in enumerate(probes.T.tolist()):
        for cell in cells:
            asking.setdefault(cell, []).append(row)
    nearest = _Nearest(len(query))
    cells = sorted(asking)
    for start in range(0, len(cells), CELLS_READ):
        for cell in store.cell_vectors(cells[start : start + CELLS_READ]):
            rows = np.array(asking[cell.cell])
            distinct = _unit_less(cell_matrix(cell, query.shape[1]), mean)
            counts = np.frombuffer(cell.counts, dtype=np.int64)
            scores = np.repeat(query[rows] @ distinct.T, counts, axis=1)
            nearest.add(rows, scores, np.frombuffer(cell.claim_ids, dtype=np.int64))
    new_ids, blob = store.new_claim_vectors()
    if not new_ids:
        return nearest.ids()
    grouped = store.propositions_of(new_ids)
    kept = [i for i, claim_id in enumerate(new_ids) if claim_id in grouped]
    new = np.frombuffer(blob, dtype=np.float16).reshape(len(new_ids), -1)[kept]
    new_ids = np.array(new_ids, dtype=np.int64)[kept]
    for start in range(0, len(new_ids), PAGE):
        page = _unit_less(new[start : start + PAGE].astype(np.float32), mean)
        nearest.add(np.arange(len(query)), query @ page.T, new_ids[start : start + PAGE])
    return nearest.ids()


class _Nearest:
    """Each query row's `CANDIDATES` best-scoring claim ids so far."""

    def __init__(self, queries: int) -> None:
        self.scores = np.full((queries, CANDIDATES), -np.inf, dtype=np.float32)
        self.claims = np.full((queries, CANDIDATES), -1, dtype=np.int64)

    def add(self, rows: np.ndarray, scores: np.ndarray, claim_ids: np.ndarray) -> None:
        """Offer `claim_ids` (the columns of `scores`) to query rows `rows`; a row none of
        them beats (a copy only ties with what it holds) is left as it is."""
        k = CANDIDATES
        # ranking is most of the time, and once the first claims are read few rows have a
        # score above their k-th best
        better = (scores > self.scores[rows].min(axis=1)[:, None]).any(axis=1)
        if not better.all():
            rows, scores = rows[better], scores[better]
        if not len(rows):
            return
        both = np.concatenate([self.scores[rows], scores], axis=1)
        kept = np.argpartition(-both, k - 1, axis=1)[:, :k]
        # the kept columns' claim ids: the best so far, then the new ones (not a query x
        # columns matrix of ids)
        from_new = claim_ids[np.maximum(kept - k, 0)]
        from_best = np.take_along_axis(self.claims[rows], np.minimum(kept, k - 1), 1)
        self.claims[rows] = np.where(kept < k, from_best, from_new)
        self.scores[rows] = np.take_along_axis(both, kept, 1)

    def ids(self) -> list[int]:
        return sorted(set(self.claims[self.claims >= 0].tolist()))


def stable_ids(
    groups: Sequence[Sequence[str]], previous: dict[str, int], next_id: int,
    seniority: dict[str, int] | None = None,
) -> tuple[list[int], int]:
    """An id per group of claim keys: the previous id most of its claims had (each previous
    id to one group, the largest overlap first; on a tie, with `seniority`, the group
    holding the lowest-ranked of the id's claims, e.g. the one stored first), else a new one
    from `next_id`; returns the ids and the next unused id."""
    overlaps = Counter(
        (number, previous[key]) for number, keys in enumerate(groups) for key in keys
        if key in previous
    )
    eldest: dict[tuple[int, int], int] = {}
    for number, keys in enumerate(groups):
        for key in keys:
            if seniority is not None and key in previous:
                pair = (number, previous[key])
                eldest[pair] = min(eldest.get(pair, seniority[key]), seniority[key])
    ids: list[int | None] = [None] * len(groups)
    taken: set[int] = set()
    for (number, old), _ in sorted(
        overlaps.items(), key=lambda o: (-o[1], o[0][1], eldest.get(o[0], 0), o[0][0])
    ):
        if ids[number] is None and old not in taken:
            ids[number] = old
            taken.add(old)
    next_id = max([next_id, *(i + 1 for i in previous.values())])
    result = []
    for found in ids:
        if found is None:
            found, next_id = next_id, next_id + 1
        result.append(found)
    return result, next_id


def claim_vectors(
    store: Store, items: Sequence[EvidenceRow], cached: dict[int, bytes] | None = None
) -> np.ndarray:
    """Static unit vectors of the items' contents; only claims not yet embedded are encoded
    (and stored as float16 for the next run and for `check`). `cached`: the stored vectors
    of (at least) the items, else every stored vector is read."""
    cached = store.claim_vectors() if cached is None else cached
    missing = [item for item in items if item.claim_id not in cached]
    if missing:
        vectors = embed([item.content for item in missing]).astype(np.float16)
        new = [(item.claim_id, row.tobytes()) for item, row in zip(missing, vectors, strict=True)]
        store.put_claim_vectors(new)
        cached.update(new)
    stacked = np.stack([np.frombuffer(cached[item.claim_id], dtype=np.float16) for item in items])
    return stacked.astype(np.float32)


def centred(vectors: np.ndarray) -> np.ndarray:
    """Unit rows less their mean, made unit again. Averaged word vectors share a common
    direction, so that any two long sentences score 0.5 or more (the seed reports' claims
    from different reports: median 0.48); without it the cosine measures what a pair says
    beyond what every claim says. The mean is shrunk while claims are few (`common`)."""
    if len(vectors) < 2:
        return vectors
    moved = vectors - common(vectors.mean(axis=0, keepdims=True), len(vectors))
    return unit_rows(moved).astype(np.float32)


def common(mean: np.ndarray, count: int) -> np.ndarray:
    """The mean of `count` claim vectors, shrunk toward zero while they are few: in a small
    ledger of claims on one event the mean is that event, not what every claim says."""
    return mean * (count / (count + MEAN_PRIOR))


@functools.lru_cache(maxsize=1 << 16)  # words repeat: `check` stems thousands of claims
def stem(word: str) -> str:
    """A light English stem, enough that "fighting" meets "fight" and "Russians" "Russian"."""
    for suffix, keep in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + keep
    return word


_SUFFIXES = (
    ("ies", "y"), ("sses", "ss"), ("shes", "sh"), ("ches", "ch"), ("xes", "x"), ("ing", ""),
    ("ed", ""), ("ss", "ss"), ("us", "us"), ("s", ""),
)
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def words(text: str) -> list[str]:
    """Lowercase stemmed words of `text`, English stop words left out."""
    return [stem(w) for w in _TOKEN.findall(text.lower()) if w not in ENGLISH_STOP_WORDS]


def tfidf_rows(texts: Sequence[str]) -> csr_matrix:
    """TF-IDF unit rows of `texts` (sublinear counts of stemmed words, English stop words
    left out)."""
    vectorizer = TfidfVectorizer(
        sublinear_tf=True, analyzer=words, dtype=np.float32
    )
    try:
        return vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # only stop words in every text
        return csr_matrix((len(texts), 1), dtype=np.float32)


def neighbours(
    vectors: np.ndarray, k: int = NEIGHBOURS, distinct: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(rows, cols) of each row's k nearest other rows by cosine, in chunks of rows.

    Copies (a claim repeated by syndicated reports) share one vector: only the distinct
    vectors are compared with one another (a quarter of the rows on a ledger of wire copy,
    far fewer on one that repeats each report many times), and each row's k nearest rows
    are the rows of its vector's nearest distinct vectors, nearest first, the lower row
    first among copies (an exact tie: which copies a row takes depends on no float
    rounding). `distinct`: each row's `distinct_rows` number, when the caller has it."""
    n = len(vectors)
    k = min(k, n - 1)
    if k <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    inverse = distinct_rows(vectors) if distinct is None else distinct
    distinct = vectors[np.unique(inverse, return_index=True)[1]]
    every = np.split(np.argsort(inverse, kind="stable"), np.cumsum(np.bincount(inverse))[:-1])
    copies = [rows[: k + 1].tolist() for rows in every]
    width = min(k + 1, len(distinct))  # enough distinct vectors for k rows besides its own
    cols = np.empty((n, k), dtype=np.int64)
    for start in range(0, len(distinct), CHUNK):
        scores = distinct[start : start + CHUNK] @ distinct.T
        for offset, nearest in enumerate(_nearest_first(scores, width).tolist()):
            for row in every[start + offset].tolist():
                cols[row] = _rows_of(nearest, copies, row, k)
    return np.repeat(np.arange(n), k), cols.ravel()


def distinct_rows(matrix: np.ndarray) -> np.ndarray:
    """Each row's distinct row, numbered in the order they first appear (hashing each row's
    bytes: numpy's `unique(axis=0)` sorts rows as opaque records, about 30 times slower)."""
    seen: dict[bytes, int] = {}
    return np.fromiter(
        (seen.setdefault(row.tobytes(), len(seen)) for row in np.ascontiguousarray(matrix)),
        dtype=np.int64, count=len(matrix),
    )


def _nearest_first(scores: np.ndarray, width: int) -> np.ndarray:
    """Each row's `width` highest-scoring columns, highest first (the lower column on a tie)."""
    if width < scores.shape[1]:
        top = np.sort(np.argpartition(-scores, width - 1, axis=1)[:, :width], axis=1)
    else:
        top = np.broadcast_to(np.arange(width), (len(scores), width))
    order = np.argsort(-np.take_along_axis(scores, top, 1), axis=1, kind="stable")
    return np.take_along_axis(top, order, 1)


def _rows_of(nearest: list[int], copies: list[list[int]], row: int, k: int) -> list[int]:
    """The first `k` rows other than `row` holding the distinct vectors `nearest`, in order."""
    found: list[int] = []
    for vector in nearest:
        found += [other for other in copies[vector] if other != row]
        if len(found) >= k:
            break
    return found[:k]


def _pair_parts(
    static: np.ndarray, tfidf: csr_matrix, rows: np.ndarray, cols: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(static cosine, TF-IDF cosine) of the pairs (rows[i], cols[i])."""
    dense = np.einsum("ij,ij->i", static[rows], static[cols])
    sparse = np.asarray(tfidf[rows].multiply(tfidf[cols]).sum(axis=1)).ravel()
    return dense, sparse


def mix(static: np.ndarray, lexical: np.ndarray) -> np.ndarray:
    """The mixed similarity from the static encoder's and TF-IDF's cosines."""
    return STATIC_WEIGHT * static + (1 - STATIC_WEIGHT) * lexical


def group(
    static: np.ndarray,
    tfidf: csr_matrix,
    reports: Sequence[object],
    link: float = LINK_SIMILARITY,
    floor: float = FLOOR_SIMILARITY,
    lexical: float = LEXICAL_FLOOR,
) -> np.ndarray:
    """A group label per row (0 .. groups-1, numbered by each group's first row); `reports`
    names each row's report.

    Average linkage over the candidate graph: the two groups joined by a candidate pair with
    the highest mean mixed similarity over all their cross pairs merge first, while that mean
    is at least `link` and the merge keeps every pair at `floor` (mixed) and `lexical`
    (TF-IDF) or more and no two claims of one report below `SAME_REPORT_SIMILARITY`. The
    result depends on the similarities, not the rows' order, except for exact ties (and
    means within float rounding of one another: see `_Links`).

    Copies (rows with the same static vector and TF-IDF row, joined by a candidate pair)
    are the most similar pairs there are, so average linkage merges them before anything
    else: each set of copies starts as one weighted group (`_copy_units`) instead of being
    merged a pair at a time. On a ledger that repeats its reports (wire copy, or a
    benchmark corpus that cycles through its texts) this is most of the rows."""
    n = len(static)
    if n < 2:
        return np.zeros(n, dtype=np.int64)
    report = np.unique(np.array([str(r) for r in reports]), return_inverse=True)[1]
    vector = distinct_rows(static)
    copy = _copy_keys(vector, tfidf)
    first, second, similarity = _candidates(static, tfidf, report, vector, copy, floor,
                                            lexical)
    unit = _copy_units(copy, first, second)
    weight = np.bincount(unit, minlength=n)
    rules = _Rules(static, tfidf, _report_sets(report, unit), weight, floor, lexical)
    between = unit[first] != unit[second]  # pairs inside a unit are its copies
    first, second, totals, apart = _unit_links(
        rules, unit[first[between]], unit[second[between]], similarity[between]
    )
    links = _Links(rules, first, second, totals, apart)
    version: dict[int, int] = {}
    heap = [
        (-float(total / (weight[a] * weight[b])), int(a), int(b), 0, 0)
        for a, b, total, kept_apart in zip(first, second, totals, apart, strict=True)
        if not kept_apart and total / (weight[a] * weight[b]) >= link
    ]
    heapq.heapify(heap)
    while heap:
        _, a, b, seen_a, seen_b = heapq.heappop(heap)
        if not (links.alive(a) and links.alive(b)) or version.get(a, 0) != seen_a or (
            version.get(b, 0) != seen_b
        ):
            continue  # stale: one side has merged since
        kept = min(a, b)
        version.pop(max(a, b), None)
        version[kept] = version.get(kept, 0) + 1
        for other, mean in links.merge(a, b):
            if mean >= link:
                pair = (kept, other) if kept < other else (other, kept)
                heapq.heappush(
                    heap, (-mean, *pair, version.get(pair[0], 0), version.get(pair[1], 0))
                )
    owner = links.owners(n)
    first_seen: dict[int, int] = {}
    return np.array([first_seen.setdefault(owner[unit[i]], len(first_seen)) for i in range(n)])


def _copy_keys(vector: np.ndarray, tfidf: csr_matrix) -> np.ndarray:
    """A number per row, the same for rows with the same static vector and TF-IDF row."""
    words: dict[tuple[bytes, bytes], int] = {}
    indptr, indices, data = tfidf.indptr, tfidf.indices, tfidf.data
    lexical = np.array([
        words.setdefault((indices[s:e].tobytes(), data[s:e].tobytes()), len(words))
        for s, e in zip(indptr[:-1].tolist(), indptr[1:].tolist(), strict=True)
    ], dtype=np.int64)
    return np.unique(vector * (lexical.max() + 1) + lexical, return_inverse=True)[1].ravel()


def _copy_units(copy: np.ndarray, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Each row's unit, named by its first row: the rows joined to it through candidate
    pairs of copies (`copy`: `_copy_keys`)."""
    n = len(copy)
    same = copy[first] == copy[second]
    if not same.any():
        return np.arange(n)
    graph = csr_matrix((np.ones(int(same.sum())), (first[same], second[same])), shape=(n, n))
    label = connected_components(graph, directed=False)[1]
    lowest = np.full(label.max() + 1, n, dtype=np.int64)
    np.minimum.at(lowest, label, np.arange(n))
    return lowest[label]


def _report_sets(report: np.ndarray, unit: np.ndarray) -> csr_matrix:
    """Which reports each unit's rows come from (a row per row of `unit`: a unit's reports on
    its first row, none on its other rows)."""
    count = int(report.max()) + 1
    cells = np.unique(unit.astype(np.int64) * count + report)
    return csr_matrix((np.ones(len(cells), dtype=np.float32), (cells // count, cells % count)),
                      shape=(len(unit), count))


def _unit_links(
    rules: _Rules, first: np.ndarray, second: np.ndarray, similarity: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The candidate pairs between units, once each: (first unit, second unit, the sum of
    the mixed similarities of their cross pairs, whether they must stay apart). Every row
    of a unit is a copy of every other, so a pair's similarity stands for all its cross
    pairs; what copies add is their reports, which may keep two units apart."""
    low, high = np.minimum(first, second), np.maximum(first, second)
    n = len(rules.weight)
    pairs, at = np.unique(low.astype(np.int64) * n + high, return_index=True)
    low, high, similarity = pairs // n, pairs % n, similarity[at]
    shared = np.asarray(
        rules.reports[low].multiply(rules.reports[high]).sum(axis=1)
    ).ravel() > 0
    apart = shared & (similarity < SAME_REPORT_SIMILARITY)
    totals = similarity.astype(np.float64) * rules.weight[low] * rules.weight[high]
    return low, high, totals, apart


def _candidates(
    static: np.ndarray, tfidf: csr_matrix, report: np.ndarray, vector: np.ndarray,
    copy: np.ndarray, floor: float, lexical: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(first rows, second rows, mixed similarities) of the candidate pairs that may share a
    group: each row's nearest rows by static cosine, kept if they meet the floors and are not
    two different claims of one report. A pair's similarities are computed once for all the
    pairs of the same two rows' copies (`vector`: `distinct_rows` of `static`; `copy`:
    `_copy_keys`)."""
    n = len(static)
    rows, cols = neighbours(static, distinct=vector)
    pairs = np.unique(np.minimum(rows, cols).astype(np.int64) * n + np.maximum(rows, cols))
    first, second = pairs // n, pairs % n
    _, at, back = np.unique(
        copy[first] * (copy.max() + 1) + copy[second], return_index=True, return_inverse=True
    )
    dense, sparse = _pair_parts(static, tfidf, first[at], second[at])
    dense, sparse = dense[back.ravel()], sparse[back.ravel()]
    similarity = mix(dense, sparse)
    keep = (similarity >= floor) & (sparse >= lexical) & (
        (report[first] != report[second]) | (similarity >= SAME_REPORT_SIMILARITY)
    )
    return first[keep], second[keep], similarity[keep]


Link = tuple[float, bool]  # the sum of the mixed similarities of two groups' cross pairs, apart


class _Links:
    """The groups of `group` and, for each two adjacent groups (a candidate pair between
    them), the sum of their cross pairs' mixed similarities and whether some pair keeps them
    apart. When A and B merge into C, for each group D next to either, sum(C, D) = sum(A, D)
    + sum(B, D) and apart(C, D) = apart(A, D) or apart(B, D) (Lance-Williams' update for
    average linkage, written here since scipy's and sklearn's linkage take neither a sparse
    candidate graph nor per-pair constraints): only a side never next to D (or a pair never
    computed) needs a product of its rows, and none once the other side is apart.

    The sums are added in another order than one product over the whole merged group would
    add them (float64 here, from float32 products): two means within about 1e-7 of one
    another may merge in the other order."""

    def __init__(
        self, rules: _Rules, first: np.ndarray, second: np.ndarray, totals: np.ndarray,
        apart: np.ndarray,
    ) -> None:
        self.rules = rules
        # each group of 2+ units, named by its first row; a unit is a row and its copies
        self.members: dict[int, list[int]] = {}
        self.size: dict[int, int] = {}  # rows in each group of 2+ units
        self.dead: set[int] = set()  # names of groups merged into another
        self.links: dict[int, dict[int, Link]] = {}
        for a, b, total, kept_apart in zip(
            first.tolist(), second.tolist(), totals.tolist(), apart.tolist(), strict=True
        ):
            link = (0.0, True) if kept_apart else (total, False)
            self.links.setdefault(a, {})[b] = link
            self.links.setdefault(b, {})[a] = link

    def alive(self, name: int) -> bool:
        return name not in self.dead

    def rows(self, name: int) -> list[int]:
        """The units of group `name` (each named by its first row)."""
        return self.members.get(name, [name])

    def rows_in(self, name: int) -> int:
        return self.size.get(name) or int(self.rules.weight[name])

    def merge(self, a: int, b: int) -> list[tuple[int, float]]:
        """Merge groups `a` and `b` (named by the smaller); returns each group next to the
        merged one with their mean mixed similarity, -inf if they must stay apart."""
        left, right = self.links.pop(a, {}), self.links.pop(b, {})
        left.pop(b, None)
        right.pop(a, None)
        near = sorted(left.keys() | right.keys())
        from_a = self._fill(a, left, right, near)
        from_b = self._fill(b, right, left, near)
        kept = min(a, b)
        joined = self.rows(a) + self.rows(b)
        size = self.rows_in(a) + self.rows_in(b)
        self.members.pop(max(a, b), None)
        self.size.pop(max(a, b), None)
        self.members[kept], self.size[kept] = joined, size
        self.dead.add(max(a, b))
        merged: dict[int, Link] = {}
        found = []
        for other in near:
            total_a, apart_a = from_a[other]
            total_b, apart_b = from_b[other]
            apart = apart_a or apart_b
            merged[other] = (0.0 if apart else total_a + total_b, apart)
            mean = -np.inf if apart else merged[other][0] / (size * self.rows_in(other))
            found.append((other, mean))
            row = self.links[other]
            row.pop(a, None)
            row.pop(b, None)
            row[kept] = merged[other]
        self.links[kept] = merged
        return found

    def _fill(
        self, name: int, own: dict[int, Link], other: dict[int, Link], near: list[int]
    ) -> dict[int, Link]:
        """`own` (the links of group `name`) completed over `near`: the missing ones
        computed (one product), or apart where the other side already is."""
        filled = dict(own)
        missing = []
        for group_name in near:
            if group_name in own:
                continue
            if other[group_name][1]:
                filled[group_name] = (0.0, True)
            else:
                missing.append(group_name)
        if missing:
            computed = self.rules.links(self.rows(name), [self.rows(m) for m in missing])
            filled.update(zip(missing, computed, strict=True))
        return filled

    def owners(self, n: int) -> list[int]:
        """Each unit's group name (by the unit's first row; other rows: their own)."""
        owner = list(range(n))
        for name, rows in self.members.items():
            for row in rows:
                owner[row] = name
        return owner


class _Rules:
    """Whether two groups may merge, and how similar they are (see `group`), over units: a
    unit is a row and its copies (`weight`: how many rows, on its first row), and the
    reports of its rows (`reports`, one row per unit's first row)."""

    def __init__(
        self, static: np.ndarray, tfidf: csr_matrix, reports: csr_matrix, weight: np.ndarray,
        floor: float, lexical: float,
    ) -> None:
        self.static, self.weight, self.reports = static, weight, reports
        self.floor, self.lexical = floor, lexical
        self.words, self.shared = _Blocks(tfidf), _Blocks(reports)

    def links(self, a: list[int], others: list[list[int]]) -> list[Link]:
        """The sum of the mixed similarities of the cross pairs of `a` and each of `others`
        (one product for all of them; a unit's copies counted by its weight), and whether
        some pair keeps them apart."""
        flat = [row for other in others for row in other]
        starts = np.cumsum([0] + [len(other) for other in others[:-1]])
        sparse = self.words.block(a, flat)
        similarity = mix(self.static[a] @ self.static[flat].T, sparse)
        same = self.shared.block(a, flat) > 0
        bad = (sparse < self.lexical) | (similarity < self.floor) | (
            same & (similarity < SAME_REPORT_SIMILARITY)
        )
        apart = np.logical_or.reduceat(bad.any(axis=0), starts)
        weighted = similarity.astype(np.float64)
        weighted *= self.weight[a][:, None]  # all ones unless a unit holds copies
        sums = np.add.reduceat(weighted.sum(axis=0) * self.weight[flat], starts)
        return list(zip(sums.tolist(), apart.tolist(), strict=True))


class _Blocks:
    """Dense blocks of a sparse matrix's row products (`block`): both sides' rows gathered
    over the columns they use (a few dozen) and multiplied. The blocks of `group` are small
    (a group against its neighbours) and there is one for most merges; scipy's sparse row
    slicing and product cost about a millisecond a call, this a tenth of it."""

    def __init__(self, matrix: csr_matrix) -> None:
        self.indptr, self.indices, self.data = matrix.indptr, matrix.indices, matrix.data
        # scratch: each column's place in the current block, and the call that set it
        self.slot = np.zeros(matrix.shape[1], dtype=np.int64)
        self.stamp = np.zeros(matrix.shape[1], dtype=np.int64)
        self.calls = 0

    def block(self, a: list[int], b: list[int]) -> np.ndarray:
        """The products of rows `a` with rows `b`, dense."""
        rows_a, cols_a, values_a = self._gather(a)
        rows_b, cols_b, values_b = self._gather(b)
        # each column's local place: the position of its last entry among a's (a column
        # only b uses contributes nothing), found through a scratch array, not by sorting
        self.calls += 1
        width = len(cols_a)
        self.slot[cols_a] = np.arange(width)
        self.stamp[cols_a] = self.calls
        left = np.zeros((len(a), width + 1), dtype=np.float32)
        right = np.zeros((len(b), width + 1), dtype=np.float32)
        left[rows_a, self.slot[cols_a]] = values_a
        right[rows_b, np.where(self.stamp[cols_b] == self.calls, self.slot[cols_b], width)] = (
            values_b
        )
        return left @ right.T

    def _gather(self, rows: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(position in `rows`, column, value) of every stored entry of `rows`."""
        picked = np.asarray(rows)
        starts = self.indptr[picked]
        lengths = self.indptr[picked + 1] - starts
        ends = np.cumsum(lengths)
        at = np.arange(ends[-1] if len(ends) else 0) + np.repeat(starts - ends + lengths, lengths)
        return np.repeat(np.arange(len(picked)), lengths), self.indices[at], self.data[at]


def _members(labels: np.ndarray) -> list[np.ndarray]:
    """The rows of each label, in label order (rows ascending)."""
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    return np.split(order, bounds)


def _groups(
    items: Sequence[EvidenceRow], found: list[np.ndarray], static: np.ndarray, tfidf: csr_matrix
) -> list[Group]:
    """(label, central claim id, [(claim id, stance)]) per group of rows."""
    groups = []
    for members in found:
        central = items[int(members[_most_central(static[members], tfidf[members])])]
        stances = [
            (items[i].claim_id, claim_stance(items[i].certainty, items[i].cue, items[i].hedges))
            for i in members
        ]
        groups.append((label_of(central.content), central.claim_id, stances))
    return groups


def _most_central(static: np.ndarray, tfidf: csr_matrix) -> int:
    """The member with the highest mean similarity to the others (the first on a tie)."""
    if len(static) == 1:
        return 0
    similarity = mix(static @ static.T, (tfidf @ tfidf.T).toarray())
    return int(np.argmax(similarity.sum(axis=1)))


def label_of(content: str) -> str:
    text = " ".join(content.split()).strip(" \"“”'‘’")
    if len(text) <= LABEL_CHARS:
        return text
    return text[: LABEL_CHARS - 1].rsplit(" ", 1)[0] + "…"
