"""`train` on a tiny invented FNC-1-shaped corpus: it saves a model that loads, predicts with
the disagreement columns, and a meta.json with the command and both evaluations."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from corroborate.link.stance.disagreement import DISAGREE_FEATURE_NAMES
from corroborate.link.stance.features import FEATURE_NAMES
from corroborate.link.stance.model import load_model, stance_many
from corroborate.training.stance import Settings, train

THINGS = [
    ("a goat", "climbed the town hall roof"),
    ("a parrot", "sang the national anthem at a match"),
    ("a tortoise", "crossed the motorway at night"),
    ("a swan", "stopped a ferry in the harbour"),
    ("a cat", "rang the church bell"),
    ("a fox", "stole a golf trophy"),
    ("a dolphin", "followed a rowing race upriver"),
    ("an owl", "nested in a police car"),
    ("a pony", "walked into a bakery"),
    ("a heron", "fished in the palace fountain"),
]


def _write_corpus(folder: Path) -> None:
    bodies, stances = [], []
    for i, (animal, deed) in enumerate(THINGS):
        headline = f"Villagers say {animal} {deed}"
        texts = {
            "agree": f"Witnesses confirmed that {animal} {deed} on Sunday. Photos show it.",
            "disagree": f"The story that {animal} {deed} is a hoax. The photo was doctored, "
            "officials said, and the mayor denied it ever happened.",
            "discuss": f"Reports claim {animal} {deed}, but nobody has confirmed it yet. "
            "The council is looking into the account.",
        }
        for j, (stance, text) in enumerate(texts.items()):
            body_id = str(10 * i + j)
            bodies.append((body_id, text))
            stances.append((headline, body_id, stance))
            other = THINGS[(i + 1) % len(THINGS)]
            stances.append((f"Villagers say {other[0]} {other[1]}", body_id, "unrelated"))
    (folder / "fnc1").mkdir(parents=True)
    with (folder / "fnc1" / "train_bodies.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([("Body ID", "articleBody"), *bodies])
    with (folder / "fnc1" / "train_stances.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([("Headline", "Body ID", "Stance"), *stances])


def test_train_saves_a_model_with_disagreement_features_and_meta(tmp_path: Path) -> None:
    _write_corpus(tmp_path / "data")
    settings = Settings(word_features=500, char_features=500, lsa=4, boost_iterations=10)
    with threadpool_limits(limits=1):  # OpenMP threads only cost time on data this small
        result = train(tmp_path / "data", tmp_path / "model", settings, log=lambda _: None)
    model = load_model(tmp_path / "model")
    assert model.featurizer.feature_names == FEATURE_NAMES + DISAGREE_FEATURE_NAMES
    meta = json.loads((tmp_path / "model" / "meta.json").read_text(encoding="utf-8"))
    assert meta["command"] == "corroborate train stance --data ../shared/data"
    assert meta["dev"]["weighted_score"] == result["weighted_score"]
    assert set(meta["cross_validation_unseen_claims"]) >= {"weighted_score", "macro_f1"}
    pair = ("Villagers say a goat climbed the town hall roof", "A goat was seen on a roof.")
    ((label, scores),) = stance_many([pair], model)
    assert np.isclose(sum(scores.values()), 1.0) and label == max(scores, key=scores.get)
