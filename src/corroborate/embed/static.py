"""The static sentence encoder: one stored vector per WordPiece token; a sentence's vector is
the sum of its tokens' vectors, L2-normalised (the same direction as their mean).

Files (`corroborate/data/models/embed/`, written by `corroborate.training.embed.distill`):
`vectors.npz` (`vectors`: vocabulary x dims, int8, `scales`: one float32 per token; a token's
vector is `vectors[i] * scales[i]`) and `tokenizer.json` (all-MiniLM-L6-v2's WordPiece
tokenizer). Needs only numpy and tokenizers.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

VECTORS_FILE = "vectors.npz"
TOKENIZER_FILE = "tokenizer.json"
# up to this many texts are encoded one by one: `encode_batch` hands its texts to a thread
# pool, which for a claim's three short texts (ingest's commitment model, once per claim)
# costs more than the encoding (the same ids either way)
FEW_TEXTS = 8


class StaticEncoder:
    """Sentence vectors as the normalised sum of token vectors."""

    def __init__(self, vectors: np.ndarray, tokenizer: Tokenizer) -> None:
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.tokenizer = tokenizer
        # the model has no position limit, and the teacher's file pads to 128: turn both off
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()

    @classmethod
    def from_dir(cls, model_dir: Path) -> StaticEncoder:
        with np.load(model_dir / VECTORS_FILE) as stored:
            vectors = stored["vectors"].astype(np.float32) * stored["scales"][:, None]
        return cls(vectors, Tokenizer.from_file(str(model_dir / TOKENIZER_FILE)))

    @property
    def dims(self) -> int:
        return int(self.vectors.shape[1])

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        if len(texts) <= FEW_TEXTS:
            encode = self.tokenizer.encode
            return [encode(text, add_special_tokens=False).ids for text in texts]
        encodings = self.tokenizer.encode_batch(list(texts), add_special_tokens=False)
        return [encoding.ids for encoding in encodings]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """len(texts) x dims float32, unit rows; a text with no known token gets a zero row."""
        ids = self.token_ids(texts)
        sums = np.zeros((len(ids), self.dims), dtype=np.float32)
        lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
        rows = np.flatnonzero(lengths)
        if rows.size:
            flat = np.fromiter(chain.from_iterable(ids), dtype=np.int64, count=int(lengths.sum()))
            starts = np.concatenate(([0], np.cumsum(lengths[rows])[:-1]))
            sums[rows] = np.add.reduceat(self.vectors[flat], starts, axis=0)
        return unit_rows(sums)


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)
