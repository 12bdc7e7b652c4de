"""Load Corroborate's own English pipeline, shipped inside the package.

The model directory holds only what `spacy.load` reads; it is trained by
`corroborate train nlp` (see `corroborate/data/models/nlp/SOURCES.md`).
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language

from corroborate.errors import CorroborateError
from corroborate.read.ops import matmul_ops


def model_path() -> Path:
    """The shipped pipeline's directory (a real path: the package is installed unzipped)."""
    return Path(str(resources.files("corroborate") / "data" / "models" / "nlp"))


@functools.cache
def load_nlp() -> Language:
    """The trained pipeline, loaded once per process from local files (no network)."""
    path = model_path()
    if not (path / "config.cfg").is_file():
        raise CorroborateError(
            f"{path}: no trained pipeline here; rebuild it with `corroborate train nlp`"
        )
    with matmul_ops():  # same predictions, faster matrix products (see ops.py)
        return spacy.load(path)
