"""The shipped stance model: features -> sentence-text logistic regression (stacked) ->
gradient boosting over all features -> per-class multipliers tuned by cross-validation.

The artefact is a joblib file of scikit-learn objects (pickle), so it must be loaded with
the pinned scikit-learn version it was trained with; it contains only data we produced.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from corroborate.errors import CorroborateError
from corroborate.link.stance.features import PairMatrix, StanceFeaturizer
from corroborate.link.stance.labels import LABELS
from corroborate.resources import model_dir

MODEL_FILE = "stance.joblib"
RELATED_LABELS = LABELS[:3]
FEW_ROWS = 256  # predicted on one thread


@dataclass
class StanceModel:
    featurizer: StanceFeaturizer
    sentence_classifier: LogisticRegression  # agree/disagree/discuss from top sentences
    classifier: HistGradientBoostingClassifier
    multipliers: np.ndarray  # per LABELS class, applied to the probabilities
    meta: dict[str, Any] = field(default_factory=dict)

    def stacked(self, pairs: PairMatrix) -> np.ndarray:
        """Dense features plus the sentence classifier's probabilities."""
        sentence_probs = self.sentence_classifier.predict_proba(pairs.text).astype(np.float32)
        return np.hstack([pairs.dense, sentence_probs])

    def raw_proba(self, pairs: PairMatrix) -> np.ndarray:
        """Classifier probabilities in LABELS order, before the multipliers."""
        stacked = self.stacked(pairs)
        # OpenMP threads cost more to start than a few rows take to predict (`check` reads 8
        # reports: 120 ms with 2 threads, 5 ms with one); the predictions are the same
        with threadpool_limits(limits=1 if len(stacked) < FEW_ROWS else None, user_api="openmp"):
            probs = self.classifier.predict_proba(stacked)
        order = [list(self.classifier.classes_).index(label) for label in LABELS]
        return probs[:, order]

    def predict_proba(self, claims: Sequence[str], texts: Sequence[str]) -> np.ndarray:
        """Calibrated-by-multiplier probabilities (rows sum to 1), in LABELS order."""
        if not claims:
            return np.zeros((0, len(LABELS)))
        return adjust(self.raw_proba(self.featurizer.transform(claims, texts)), self.multipliers)

    def save(self, folder: str | Path) -> Path:
        path = Path(folder) / MODEL_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        joblib.dump(self, path, compress=("xz", 6))
        return path


def adjust(probs: np.ndarray, multipliers: np.ndarray) -> np.ndarray:
    scaled = probs * multipliers[None, :]
    return scaled / scaled.sum(axis=1, keepdims=True)


def shipped_model_dir() -> Path:
    return model_dir("stance")


def load_model(folder: str | Path | None = None) -> StanceModel:
    path = Path(folder or shipped_model_dir()) / MODEL_FILE
    if not path.is_file():
        raise CorroborateError(
            f"{path}: no stance model (train one with `corroborate train stance`)"
        )
    model = joblib.load(path)
    if not isinstance(model, StanceModel):
        raise CorroborateError(f"{path}: not a stance model")
    return model


@cache
def _default_model() -> StanceModel:
    return load_model()


_tuned: list[Any] = []  # the opt-in cross-encoder (`use_tuned`), at most one


def use_tuned(folder: str | Path | None) -> None:
    """Read related pairs with the fine-tuned cross-encoder in `folder` from now on in this
    process (`link.stance.tuned`; None: the booster alone again)."""
    from corroborate.link.stance.tuned import load_tuned

    _tuned[:] = [load_tuned(folder)] if folder is not None else []


def stance_many(
    pairs: Iterable[tuple[str, str]], model: StanceModel | None = None
) -> list[tuple[str, dict[str, float]]]:
    """Stance of each (claim, text) pair: (label, {label: probability}) with labels
    agree / disagree / discuss / unrelated; probabilities sum to 1."""
    pairs = list(pairs)
    model = model or _default_model()
    claims, texts = [c for c, _ in pairs], [t for _, t in pairs]
    if _tuned and pairs:
        raw = model.raw_proba(model.featurizer.transform(claims, texts))
        probs, labels = _tuned[0].decide(raw, model.multipliers, claims, texts)
    else:
        probs = model.predict_proba(claims, texts)
        labels = np.argmax(probs, axis=1) if len(probs) else np.zeros(0, int)
    results = []
    for row, label in zip(probs, labels, strict=True):
        scores = {name: float(p) for name, p in zip(LABELS, row, strict=True)}
        results.append((LABELS[int(label)], scores))
    return results


def stance(claim: str, text: str, model: StanceModel | None = None) -> tuple[str, dict[str, float]]:
    """Stance of a report text towards a claim (a headline-length sentence)."""
    return stance_many([(claim, text)], model)[0]
