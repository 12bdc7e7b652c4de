"""Train the stance model on the FNC-1 training split (bodies outside the dev split).

Steps: fit the text representations on training headlines and bodies only; a logistic
regression over the top-sentence TF-IDF gives agree/disagree/discuss probabilities
(out-of-fold for the training rows, so the booster never sees leaked ones); a
gradient-boosting classifier learns from all features; per-class multipliers are tuned
on out-of-fold booster probabilities for the weighted score plus macro-F1; the dev split
is scored once at the end. Folds hold out whole claims (`claim_groups`), each a set of
bodies.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from corroborate.datasets.fnc1 import (
    LABELS,
    StancePair,
    dev_body_ids,
    read_bodies,
    read_stances,
    split_pairs,
)
from corroborate.evaluate.fnc1 import evaluate
from corroborate.link.stance.features import StanceFeaturizer
from corroborate.link.stance.model import StanceModel, adjust

FOLDS = 5
# Weight of macro-F1 (0..1) against the weighted score (0..100) when tuning multipliers:
# protects the minority classes without giving away much weighted score.
MACRO_F1_WEIGHT = 25.0
# The weighted score barely rewards the rare disagree class, so on its own the search trades it
# away; multipliers whose cross-validated disagree recall (on unseen claims) falls below this
# floor are rejected. Chosen on that cross-validation with the disagreement features: floor
# 0.30 gives weighted 86.45 / disagree 0.308, 0.33 to 0.36 give 85.91 / 0.360 (macro-F1 0.662
# -> 0.659), 0.40 gives 85.19 / 0.421, below the model before them (85.85 / 0.305).
MIN_DISAGREE_RECALL = 0.36
MULTIPLIER_GRID = (0.5, 0.7, 1.0, 1.4, 2.0, 2.8, 4.0, 5.6, 8.0)


@dataclass(frozen=True)
class Settings:
    word_features: int = 10000
    char_features: int = 20000
    lsa: int = 40
    sentence_c: float = 2.0
    boost_iterations: int = 300
    boost_rate: float = 0.1
    seed: int = 0
    # the static encoder's cosines as four more features (see features.py); measured on dev:
    # weighted 89.69 (89.34 without), macro-F1 0.702 (0.701), but disagree 0.356 (0.437),
    # so the shipped model is trained without them
    embeddings: bool = False
    # the disagreement features (`disagreement.py`): cue words of refutation in the sentences
    # most like the headline, headline-body polarity mismatch
    disagreement: bool = True
    min_disagree_recall: float = MIN_DISAGREE_RECALL


def fnc1_paths(data: Path) -> tuple[Path, Path]:
    return data / "fnc1" / "train_bodies.csv", data / "fnc1" / "train_stances.csv"


def load_split(data: Path) -> tuple[dict[str, str], list[StancePair], list[StancePair]]:
    bodies_path, stances_path = fnc1_paths(data)
    bodies = read_bodies(bodies_path)
    pairs = read_stances(stances_path, bodies)
    train, dev = split_pairs(pairs, dev_body_ids(bodies))
    return bodies, train, dev


def claim_groups(pairs: Sequence[StancePair]) -> np.ndarray:
    """A group id per pair: bodies linked through a shared related headline form one claim.

    Folds by these groups hold out whole claims, as the competition test set does (its
    claims are new); folds by body alone let a claim's other bodies leak into training.
    """
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for pair in pairs:
        body = root("body:" + pair.body_id)
        if pair.stance != "unrelated":
            parent[body] = root("headline:" + pair.headline)
    return np.array([root("body:" + pair.body_id) for pair in pairs])


def sentence_classifier(settings: Settings) -> LogisticRegression:
    return LogisticRegression(C=settings.sentence_c, max_iter=300, class_weight="balanced")


def booster(settings: Settings) -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(
        max_iter=settings.boost_iterations,
        learning_rate=settings.boost_rate,
        l2_regularization=1.0,
        class_weight="balanced",
        random_state=settings.seed,
    )


def out_of_fold_sentence_probs(text, labels, groups, settings: Settings) -> np.ndarray:  # type: ignore[no-untyped-def]
    """Sentence-classifier probabilities for every training row from a model that did not
    see its claim (fitted on related pairs only)."""
    probs = np.zeros((len(labels), 3), np.float32)
    related = labels != "unrelated"
    for fit_rows, held_rows in GroupKFold(FOLDS).split(text, labels, groups):
        fit_rows = fit_rows[related[fit_rows]]
        model = sentence_classifier(settings).fit(text[fit_rows], labels[fit_rows])
        probs[held_rows] = model.predict_proba(text[held_rows])
    return probs


def out_of_fold_boost_probs(features, labels, groups, settings: Settings) -> np.ndarray:  # type: ignore[no-untyped-def]
    probs = np.zeros((len(labels), len(LABELS)))
    for fit_rows, held_rows in GroupKFold(FOLDS).split(features, labels, groups):
        model = booster(settings).fit(features[fit_rows], labels[fit_rows])
        order = [list(model.classes_).index(label) for label in LABELS]
        probs[held_rows] = model.predict_proba(features[held_rows])[:, order]
    return probs


def tune_multipliers(
    probs: np.ndarray, gold: Sequence[str], min_disagree_recall: float = MIN_DISAGREE_RECALL
) -> tuple[np.ndarray, float]:
    """Grid search of agree/disagree/discuss multipliers (unrelated fixed at 1)."""
    gold_index = np.array([LABELS.index(label) for label in gold])
    best, best_value = np.ones(len(LABELS)), -1.0
    for agree, disagree, discuss in itertools.product(MULTIPLIER_GRID, repeat=3):
        multipliers = np.array([agree, disagree, discuss, 1.0])
        predicted = adjust(probs, multipliers).argmax(axis=1)
        value = _objective(gold_index, predicted, min_disagree_recall)
        if value > best_value:
            best, best_value = multipliers, value
    return best, best_value


def _objective(gold: np.ndarray, predicted: np.ndarray, min_disagree_recall: float) -> float:
    """Weighted score + MACRO_F1_WEIGHT x macro-F1, on label indices (vectorised scorer),
    heavily penalised below `min_disagree_recall`."""
    n = len(LABELS)
    matrix = np.bincount(gold * n + predicted, minlength=n * n).reshape(n, n)
    unrelated = n - 1
    related_right = matrix[:unrelated, :unrelated].sum() + matrix[unrelated, unrelated]
    exact = np.trace(matrix[:unrelated, :unrelated])
    best = 0.25 * len(gold) + 0.75 * matrix[:unrelated].sum()
    weighted = 100 * (0.25 * related_right + 0.75 * exact) / best
    f1 = 2 * np.diag(matrix) / np.maximum(matrix.sum(axis=0) + matrix.sum(axis=1), 1)
    value = float(weighted + MACRO_F1_WEIGHT * f1[matrix.sum(axis=1) > 0].mean())
    disagree = LABELS.index("disagree")
    recall = matrix[disagree, disagree] / max(matrix[disagree].sum(), 1)
    return value if recall >= min_disagree_recall else value - 1000.0


def train(
    data: str | Path,
    out: str | Path,
    settings: Settings | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Train on the FNC-1 training split, save to `out`, return the dev evaluation."""
    settings = settings or Settings()
    started = time.perf_counter()
    bodies, train_pairs, dev_pairs = load_split(Path(data))
    train_bodies = sorted({bodies[p.body_id] for p in train_pairs})
    featurizer = StanceFeaturizer(
        settings.word_features,
        settings.char_features,
        settings.lsa,
        settings.embeddings,
        settings.disagreement,
    )
    featurizer.fit([p.headline for p in train_pairs], train_bodies)
    log(f"fitted text representations ({time.perf_counter() - started:.0f}s)")

    train_x = featurizer.transform(
        [p.headline for p in train_pairs], [bodies[p.body_id] for p in train_pairs]
    )
    labels = np.array([p.stance for p in train_pairs])
    groups = claim_groups(train_pairs)
    log(f"featurised {len(train_pairs)} training pairs ({time.perf_counter() - started:.0f}s)")

    sentence_probs = out_of_fold_sentence_probs(train_x.text, labels, groups, settings)
    related = labels != "unrelated"
    sentences = sentence_classifier(settings).fit(train_x.text[related], labels[related])
    stacked = np.hstack([train_x.dense, sentence_probs])
    log(f"sentence classifier done ({time.perf_counter() - started:.0f}s)")

    boost_probs = out_of_fold_boost_probs(stacked, labels, groups, settings)
    multipliers, value = tune_multipliers(boost_probs, list(labels), settings.min_disagree_recall)
    tuned = adjust(boost_probs, multipliers).argmax(axis=1)
    cv = evaluate(list(labels), [LABELS[i] for i in tuned])
    log(f"cross-validation by claim: weighted {cv['weighted_score']:.2f}, "
        f"macro-F1 {cv['macro_f1']:.4f}, per class {cv['per_class_accuracy']}")  # fmt: skip
    elapsed = time.perf_counter() - started
    log(f"multipliers {multipliers.tolist()} (cv objective {value:.2f}, {elapsed:.0f}s)")
    classifier = booster(settings).fit(stacked, labels)

    model = StanceModel(featurizer, sentences, classifier, multipliers)
    model.meta = {
        "settings": settings.__dict__,
        "train_pairs": len(train_pairs),
        "dev_pairs": len(dev_pairs),
        "multipliers": multipliers.tolist(),
        "cross_validation_unseen_claims": _figures(cv),
    }
    dev = model.predict_proba(
        [p.headline for p in dev_pairs], [bodies[p.body_id] for p in dev_pairs]
    )
    result = evaluate([p.stance for p in dev_pairs], [LABELS[i] for i in dev.argmax(axis=1)])
    result["train_seconds"] = time.perf_counter() - started
    result["cross_validation_probs"] = boost_probs  # out-of-fold, for analysis
    model.meta["dev"] = _figures(result)
    model.meta["train_seconds"] = round(result["train_seconds"])
    path = model.save(out)
    meta = {"command": train_command(settings), **model.meta}
    (Path(out) / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    result["model_path"] = str(path)
    result["model_bytes"] = path.stat().st_size
    return result


def _figures(result: dict[str, Any]) -> dict[str, Any]:
    return {k: result[k] for k in ("weighted_score", "macro_f1", "per_class_accuracy")}


def train_command(settings: Settings) -> str:
    """The command line that trains a model with these settings."""
    flags = " --embeddings" if settings.embeddings else ""
    flags += "" if settings.disagreement else " --no-disagreement"
    return f"corroborate train stance --data ../shared/data{flags}"
