"""Word vectors without spaCy: the GloVe table the NLP pipeline ships, read straight from its
files (`data/models/nlp/vocab/`: `vectors`, a numpy array of words x 50, and `key2row`, a
msgpack map from a word's 64-bit hash to its row; see that folder's SOURCES.md).

    from corroborate.embed.words import word_vectors
    table = word_vectors()
    table.similarities(["troops"], ["officers", "visit"])  # 1 x 2 cosines

The table is keyed by spaCy's hash of the lowercase word (MurmurHash64A, seed 1, over its
UTF-8 bytes). Importing spaCy to compute it costs one to six seconds, more than `check`
spends on a sentence, and the `murmurhash` package exposes only the 32-bit hash to Python,
so the 64-bit one is written out here (`spacy_hash`; a test compares it with spaCy's).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import srsly

from corroborate.embed.static import unit_rows
from corroborate.errors import InputError
from corroborate.resources import model_dir

VOCAB_DIR = model_dir("nlp") / "vocab"
_MASK = (1 << 64) - 1
_M = 0xC6A4A7935BD1E995
_R = 47


def spacy_hash(word: str) -> int:
    """spaCy's `hash_string`: MurmurHash64A of the UTF-8 bytes with seed 1."""
    data = word.encode("utf-8")
    length = len(data)
    h = (1 ^ (length * _M)) & _MASK
    whole = length - length % 8
    for at in range(0, whole, 8):
        k = (int.from_bytes(data[at : at + 8], "little") * _M) & _MASK
        k ^= k >> _R
        k = (k * _M) & _MASK
        h = ((h ^ k) * _M) & _MASK
    tail = data[whole:]
    if tail:
        h = ((h ^ int.from_bytes(tail, "little")) * _M) & _MASK
    h ^= h >> _R
    h = (h * _M) & _MASK
    return h ^ (h >> _R)


class WordVectors:
    """Unit word vectors by lowercase word; a word outside the table has none."""

    def __init__(self, vectors: np.ndarray, key2row: dict[int, int]) -> None:
        self.vectors = unit_rows(np.asarray(vectors, dtype=np.float32))
        self.key2row = key2row

    @classmethod
    def from_dir(cls, vocab_dir: Path) -> WordVectors:
        try:
            vectors = np.load(vocab_dir / "vectors", allow_pickle=False)
            key2row = srsly.read_msgpack(vocab_dir / "key2row")
        except (OSError, ValueError) as err:
            raise InputError(str(vocab_dir), f"cannot read the word vectors: {err}") from err
        return cls(vectors, {int(k): int(v) for k, v in key2row.items()})

    @functools.lru_cache(maxsize=1 << 16)  # noqa: B019  (one table per process)
    def row(self, word: str) -> int:
        """The row of a lowercase word, -1 when the table lacks it."""
        return self.key2row.get(spacy_hash(word), -1)

    def similarities(self, first: Sequence[str], second: Sequence[str]) -> np.ndarray:
        """len(first) x len(second) cosines of lowercase words, 0 where either lacks a vector."""
        a = np.array([self.row(w) for w in first], dtype=np.int64)
        b = np.array([self.row(w) for w in second], dtype=np.int64)
        out = self.vectors[a] @ self.vectors[b].T if len(a) and len(b) else np.zeros(
            (len(a), len(b)), dtype=np.float32)
        out[a < 0, :] = 0.0
        out[:, b < 0] = 0.0
        return out


@functools.cache
def word_vectors(vocab_dir: Path = VOCAB_DIR) -> WordVectors:
    """The shipped GloVe table (loaded once)."""
    return WordVectors.from_dir(vocab_dir)
