"""Train the commitment (event factuality) model on UDS-IH2 train (DATA.md §8).

Each predicate is parsed by our own pipeline over the data's tokens; its binary parse features
(`factuality/features.py`) with a count of at least MIN_COUNT in train, and the static
encoder's vectors of the predicate, its head and its context window, feed a one-hidden-layer
regressor (scikit-learn, seeded; early stopping on a slice of train). The weights are saved
for numpy; IH2 dev and MEANTIME dev are scored once at the end. MEANTIME is not pooled into
training: its scale differs from IH2's (DATA.md §8).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.neural_network import MLPRegressor

from corroborate.datasets.factuality import read_items
from corroborate.evaluate.factuality import evaluate_factuality, item_inputs
from corroborate.factuality.model import CommitmentModel, feature_matrix, save_model

TRAIN_FILE = "uds_ih2_train.jsonl"
DEV_FILES = ("uds_ih2_dev.jsonl", "meantime_dev.jsonl")


@dataclass(frozen=True)
class Settings:
    min_count: int = 3  # a feature seen fewer times in train is dropped
    hidden: int = 64
    alpha: float = 1e-3  # L2 penalty (selected on IH2 dev among 1e-3, 1e-2 and ridge)
    max_iter: int = 200
    seed: int = 0


def train_factuality(
    data_dir: Path, out_dir: Path, settings: Settings = Settings()
) -> dict[str, Any]:
    """Fit on `data_dir`/uds_ih2_train.jsonl, save to `out_dir`, return meta (with dev figures)."""
    began = time.time()
    items = read_items(data_dir / TRAIN_FILE)
    names, texts = item_inputs(items)
    counts = Counter(name for row in names for name in set(row))
    vocabulary = sorted(n for n, c in counts.items() if c >= settings.min_count)
    columns = {name: i for i, name in enumerate(vocabulary)}
    x = feature_matrix(names, texts, columns)
    y = np.array([item.score for item in items])
    regressor = MLPRegressor(
        hidden_layer_sizes=(settings.hidden,), alpha=settings.alpha, early_stopping=True,
        random_state=settings.seed, max_iter=settings.max_iter,
    ).fit(x, y)
    layers = list(zip(regressor.coefs_, regressor.intercepts_, strict=True))
    save_model(out_dir, vocabulary, layers)
    model = CommitmentModel.load(out_dir)
    dev = {name: evaluate_factuality(data_dir / name, model) for name in DEV_FILES}
    meta = {
        "command": "corroborate train factuality --data ../shared/data/factuality",
        "train": f"{TRAIN_FILE} ({len(items)} predicates)",
        "features": len(vocabulary),
        "settings": asdict(settings),
        "dev": dev,
        "seconds": round(time.time() - began),
    }
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta
