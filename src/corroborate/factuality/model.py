"""The commitment model at run time: numpy only.

A small feed-forward regressor (hidden layers with ReLU, then one linear output) over the
binary parse features of `features.py` and the `corroborate.embed` vectors of the predicate,
its head and its context window, trained by `corroborate train factuality`
(`corroborate.training.factuality`). Files: `vocabulary.json` (feature names, in column
order), `weights.npz` (`W0`, `b0`, `W1`, `b1`, ...), `meta.json` (training command, data,
dev figures) and `SOURCES.md`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from corroborate.embed import embed
from corroborate.errors import CorroborateError

VOCABULARY = "vocabulary.json"
WEIGHTS = "weights.npz"


@dataclass(frozen=True)
class CommitmentModel:
    columns: dict[str, int]
    layers: tuple[tuple[np.ndarray, np.ndarray], ...]

    @classmethod
    def load(cls, model_dir: Path) -> CommitmentModel:
        try:
            names = json.loads((model_dir / VOCABULARY).read_text(encoding="utf-8"))
            with np.load(model_dir / WEIGHTS) as arrays:
                count = len([k for k in arrays.files if k.startswith("W")])
                layers = tuple((arrays[f"W{i}"], arrays[f"b{i}"]) for i in range(count))
        except (OSError, ValueError, KeyError) as err:
            message = f"{model_dir}: cannot read the factuality model ({err})"
            raise CorroborateError(message) from err
        return cls({name: i for i, name in enumerate(names)}, layers)

    def matrix(self, rows: Sequence[Sequence[str]], texts: Sequence[Sequence[str]]) -> np.ndarray:
        """Binary feature columns (names outside the vocabulary dropped), then the encoded
        texts of each row side by side."""
        return feature_matrix(rows, texts, self.columns)

    def predict(self, rows: Sequence[Sequence[str]], texts: Sequence[Sequence[str]]) -> np.ndarray:
        """Factuality on the IH2 scale (> 0: presented as having happened)."""
        h = self.matrix(rows, texts)
        for i, (w, b) in enumerate(self.layers):
            h = h @ w + b
            if i < len(self.layers) - 1:
                h = np.maximum(h, 0.0)
        return h.reshape(-1)


def feature_matrix(
    rows: Sequence[Sequence[str]], texts: Sequence[Sequence[str]], columns: dict[str, int]
) -> np.ndarray:
    """The model's input: binary feature columns, then the encoded texts (training and run
    time build it here, so the two cannot drift apart)."""
    return np.hstack([binary_columns(rows, columns), encode_texts(texts)])


def binary_columns(rows: Sequence[Sequence[str]], columns: dict[str, int]) -> np.ndarray:
    x = np.zeros((len(rows), len(columns)), dtype=np.float32)
    for r, names in enumerate(rows):
        for name in names:
            column = columns.get(name)
            if column is not None:
                x[r, column] = 1.0
    return x


def encode_texts(texts: Sequence[Sequence[str]]) -> np.ndarray:
    """Each row's texts (predicate, head, window) encoded and joined: n x (3 * dims)."""
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    columns = len(texts[0])
    # one encoder call for every column (each text's vector does not depend on the others
    # in the call): at run time a claim's three texts cost one call, not three
    encoded = embed([row[k] for k in range(columns) for row in texts])
    parts = [encoded[k * len(texts) : (k + 1) * len(texts)] for k in range(columns)]
    return np.hstack(parts).astype(np.float32)


def save_model(
    model_dir: Path, names: Sequence[str], layers: Sequence[tuple[np.ndarray, np.ndarray]]
) -> None:
    model_dir.mkdir(parents=True, exist_ok=True)
    (model_dir / VOCABULARY).write_text(json.dumps(list(names)) + "\n", encoding="utf-8")
    arrays = {}
    for i, (w, b) in enumerate(layers):
        arrays[f"W{i}"] = np.asarray(w, dtype=np.float32)
        arrays[f"b{i}"] = np.asarray(b, dtype=np.float32).reshape(-1)
    np.savez_compressed(model_dir / WEIGHTS, **arrays)
