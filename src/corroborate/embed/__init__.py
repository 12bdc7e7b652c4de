"""Sentence embeddings without PyTorch: a static model distilled from all-MiniLM-L6-v2.

    from corroborate.embed import embed
    vectors = embed(["Russian troops are fighting beside government forces."])  # n x 256

Rows are unit vectors, so `vectors @ vectors.T` holds cosine similarities. The model is loaded
once from the package's files (`data/models/embed/`, see its SOURCES.md); numpy and tokenizers
are all it needs. `corroborate train embeddings` rebuilds it from the teacher.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from corroborate.embed.static import StaticEncoder
from corroborate.resources import model_dir

MODEL_DIR = model_dir("embed")

__all__ = ["MODEL_DIR", "StaticEncoder", "embed", "load_encoder"]


@cache
def load_encoder(model_dir: Path = MODEL_DIR) -> StaticEncoder:
    """The shipped static encoder (loaded once per folder)."""
    return StaticEncoder.from_dir(model_dir)


def embed(texts: Sequence[str]) -> np.ndarray:
    """len(texts) x dims float32 unit rows (a zero row for a text with no known word piece).
    A text given more than once (a claim and its syndicated copies) is encoded once."""
    distinct = list(dict.fromkeys(texts))
    if len(distinct) == len(texts):
        return load_encoder().encode(texts)
    row = {text: i for i, text in enumerate(distinct)}
    return load_encoder().encode(distinct)[[row[text] for text in texts]]
