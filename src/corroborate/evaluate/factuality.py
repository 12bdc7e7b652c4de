"""Event factuality against gold scores (DATA.md §8 files): Pearson r, mean absolute error
and sign accuracy (both sides of 0 agree) of the commitment model's predictions."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from corroborate.datasets.factuality import Item, read_items
from corroborate.errors import CorroborateError
from corroborate.factuality import shipped_model
from corroborate.factuality.features import parse_words, predicate_features, predicate_texts
from corroborate.factuality.model import CommitmentModel
from corroborate.nlp import load_nlp


def item_inputs(items: list[Item]) -> tuple[list[list[str]], list[tuple[str, str, str]]]:
    """Feature names and encoded texts of each item's predicate, one parse per sentence."""
    sentences = list(dict.fromkeys(item.words for item in items))
    docs = dict(zip(sentences, parse_words(sentences, load_nlp()), strict=True))
    tokens = [docs[item.words][item.index] for item in items]
    return [predicate_features(t) for t in tokens], [predicate_texts(t) for t in tokens]


def scores(predicted: np.ndarray, gold: np.ndarray) -> dict[str, float]:
    return {
        "pearson_r": round(float(np.corrcoef(predicted, gold)[0, 1]), 4),
        "mae": round(float(np.abs(predicted - gold).mean()), 4),
        "sign_accuracy": round(float(((predicted > 0) == (gold > 0)).mean()), 4),
        "n": int(len(gold)),
    }


def evaluate_factuality(path: Path, model: CommitmentModel | None = None) -> dict[str, float]:
    """Scores of `model` (the shipped one by default) on an IH2 or MEANTIME file. MEANTIME's
    labels are put on IH2's scale (`datasets.factuality.MEANTIME_SCALE`): MAE changes, r not."""
    model = model or shipped_model()
    if model is None:
        raise CorroborateError(
            "no factuality model shipped; build it with `corroborate train factuality`"
        )
    items = read_items(path)
    if len(items) < 2:
        raise CorroborateError(f"{path}: fewer than two predicates to score")
    names, texts = item_inputs(items)
    return scores(model.predict(names, texts), np.array([item.score for item in items]))
