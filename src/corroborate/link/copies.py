"""Syndicated copies and near-duplicates: wire copy, reposts, light rewrites.

Each report's clean text (the headline is not part of it, so a changed headline does not
matter) becomes a set of word shingles and a MinHash signature (datasketch). Reports whose
signatures share an LSH band are candidates; a candidate pair whose estimated Jaccard
similarity is at least `COPY_JACCARD` is a copy pair. A copy group is a connected component
of copy pairs, and every member points (`documents.copy_of`) at the group's original: the
earliest by `published` (undated last), then the smallest content hash, then the smallest
id. Nothing depends on the order reports were ingested in, so ingesting A, B, C or C, B, A
gives the same groups.

A report and its translation share no word shingles; corroborate.link.crosslang recognises
them from the numbers and names a translation keeps. Their candidates come from LSH bands
over each report's numbers, stored with the MinHash bands (band numbers from
`crosslang.BAND_BASE` up), and only pairs in two different languages are compared that way:
a same-language copy is MinHash's alone, as before.

Signatures and band hashes are stored, so each ingest only signs the new or replaced
reports and looks their candidates up in the store; the groups they touch (their own old
group, their candidates' groups) are recomputed whole, which keeps a replaced report that
used to bridge two copies from leaving a stale link.
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from corroborate.link import crosslang
from corroborate.store import Store

# Three-word shingles: one edited word changes three shingles, so a light rewrite keeps most
# of them, while two different reports on the same story share only stock phrases.
SHINGLE_WORDS = 3
# A text with fewer shingles (about 20 words) is too short to tell a copy from two reports
# quoting the same sentence; it is never taken as a copy.
MIN_SHINGLES = 18
NUM_PERM = 128
SEED = 1  # fixed: stored signatures must stay comparable across runs
# Estimated Jaccard similarity of the shingle sets from which two reports are copies. On our
# fictional test reports a wire story and its reposts with a new headline, a dropped
# paragraph and a few changed words score 0.6-0.9; different reports on the same events
# score under 0.1.
COPY_JACCARD = 0.5
# LSH bands and rows for that threshold, as datasketch's optimiser chooses them (25 x 5 for
# 128 permutations): a pair at Jaccard 0.5 shares at least one band with probability 0.55,
# at 0.6 0.86, at 0.7 0.99.
_LSH = MinHashLSH(threshold=COPY_JACCARD, num_perm=NUM_PERM)
BANDS, ROWS = _LSH.b, _LSH.r

_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[bytes]:
    """Lowercased word n-grams of `text` (a text shorter than n words is one shingle)."""
    words = _WORD.findall(text.lower())
    if not words:
        return set()
    n = min(SHINGLE_WORDS, len(words))
    return {" ".join(words[i : i + n]).encode("utf-8") for i in range(len(words) - n + 1)}


def signature(text: str) -> np.ndarray | None:
    """The MinHash hash values of `text`'s shingles; None for a text too short to judge."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch(sorted(grams))
    return np.asarray(minhash.hashvalues, dtype="<u4")


def band_hashes(values: np.ndarray) -> list[tuple[int, int]]:
    """(band, signed 64-bit hash of the band's rows) for each LSH band."""
    bands = []
    for band in range(BANDS):
        rows = values[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(rows, digest_size=8).digest()
        bands.append((band, int.from_bytes(digest, "big", signed=True)))
    return bands


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two stored signatures."""
    return float(np.mean(np.frombuffer(a, dtype="<u4") == np.frombuffer(b, dtype="<u4")))


def link_copies(store: Store) -> int:
    """Sign the reports that have no signature yet and recompute the copy groups they touch.
    Returns the number of reports signed."""
    unsigned = store.unsigned_documents()
    neighbours = _Neighbours(store)  # one fingerprint a report, for its bands and its pairs
    signed = []
    for doc_id, text in unsigned:
        values = signature(text)
        if values is not None:
            bands = band_hashes(values) + neighbours.number_bands(doc_id)
            signed.append((doc_id, values.tobytes(), bands))
    store.put_signatures(signed)
    touched = {doc_id for doc_id, _ in unsigned}
    for doc_id, _ in unsigned:
        touched.update(store.copy_group(doc_id))
    store.set_copies(_originals(store, _components(neighbours, touched)))
    return len(unsigned)


class _Neighbours:
    """The copy relation: a report's copies among its stored candidates. Symmetric, so that
    the groups do not depend on which report is looked at first."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._reports: dict[int, tuple[str | None, str | None, crosslang.Fingerprint | None]] = {}
        # Reports with the same LSH band rows (a story reprinted word for word) have the same
        # candidates, and those with the same signature the same minhash copies: each is
        # worked out once. Otherwise linking a story reprinted m times reads m candidates m
        # times (the candidate query is a self-join over the bands) and compares m x m
        # signatures, on every run that adds a copy.
        self._candidates: dict[frozenset[tuple[int, int]], dict[int, bytes]] = {}
        self._copies: dict[tuple[frozenset[tuple[int, int]], bytes], set[int]] = {}
        self._prints: dict[tuple[str, bytes], crosslang.Fingerprint] = {}
        self._same: dict[tuple[int, int], bool] = {}  # by the two fingerprints' ids

    def __call__(self, doc_id: int) -> list[int]:
        bands = self._store.band_rows(doc_id)
        candidates = self._candidates.get(bands)
        if candidates is None or doc_id not in candidates:
            candidates = self._candidates[bands] = self._store.copy_candidates(doc_id)
        mine = candidates.get(doc_id)
        if mine is None:
            return []
        if (bands, mine) not in self._copies:
            self._copies[bands, mine] = {
                other for other, theirs in candidates.items() if _minhash_copy(mine, theirs)
            }
        copies = self._copies[bands, mine]
        return [
            other
            for other in candidates
            if other != doc_id and (other in copies or self._translated(doc_id, other))
        ]

    def number_bands(self, doc_id: int) -> list[tuple[int, int]]:
        """The LSH bands of the report's numbers, when its language is one translations are
        recognised in."""
        found = self._report(doc_id)[2]
        return crosslang.number_bands(found.numbers) if found is not None else []

    def _translated(self, first: int, second: int) -> bool:
        language_a, published_a, print_a = self._report(first)
        language_b, published_b, print_b = self._report(second)
        if print_a is None or print_b is None or language_a == language_b:
            return False
        if not crosslang.close_in_time(published_a, published_b):
            return False
        # reprints share one fingerprint object (`_report`): each pair of texts compared once
        pair = (id(print_a), id(print_b))
        if pair not in self._same:
            self._same[pair] = crosslang.same_content(print_a, print_b)
        return self._same[pair]

    def _report(self, doc_id: int) -> tuple[str | None, str | None, crosslang.Fingerprint | None]:
        """(language, published, fingerprint) of a report; no fingerprint outside
        `crosslang.LANGUAGES`; one fingerprint for the reports of one text."""
        if doc_id not in self._reports:
            document = self._store.document(doc_id)
            if document is None or document.language not in crosslang.LANGUAGES:
                self._reports[doc_id] = (None, None, None)
            else:
                language = document.language
                text = (language, hashlib.blake2b(document.text.encode()).digest())
                if text not in self._prints:
                    self._prints[text] = crosslang.fingerprint(document.text, language)
                self._reports[doc_id] = (language, document.published, self._prints[text])
        return self._reports[doc_id]


def _minhash_copy(mine: bytes, theirs: bytes) -> bool:
    """Whether two signatures share an LSH band (as the stored band hashes say) and their
    estimated Jaccard similarity reaches `COPY_JACCARD`."""
    rows = BANDS * ROWS
    a = np.frombuffer(mine, dtype="<u4")[:rows].reshape(BANDS, ROWS)
    b = np.frombuffer(theirs, dtype="<u4")[:rows].reshape(BANDS, ROWS)
    return bool((a == b).all(axis=1).any()) and similarity(mine, theirs) >= COPY_JACCARD


def _components(neighbours: _Neighbours, start: Iterable[int]) -> list[list[int]]:
    """The connected components of the copy relation that hold the documents `start`."""
    seen: set[int] = set()
    components = []
    for first in sorted(start):
        if first in seen:
            continue
        seen.add(first)
        component, queue = [], deque([first])
        while queue:
            doc_id = queue.popleft()
            component.append(doc_id)
            for other in neighbours(doc_id):
                if other not in seen:
                    seen.add(other)
                    queue.append(other)
        components.append(sorted(component))
    return components


def _originals(store: Store, components: list[list[int]]) -> dict[int, int | None]:
    """Each document's `copy_of`: its group's original, None for the original itself."""
    copy_of: dict[int, int | None] = {}
    for component in components:
        order = store.copy_order(component)
        original = min(component, key=lambda d: _earliest(order[d], d))
        copy_of.update({d: None if d == original else original for d in component})
    return copy_of


def _earliest(order: tuple[str | None, str], doc_id: int) -> tuple[bool, str, str, int]:
    published, content_hash = order
    return (published is None, published or "", content_hash, doc_id)
