"""Pair features on a tiny invented corpus (no training of the shipped model)."""

from __future__ import annotations

import numpy as np
import pytest

from corroborate.link.stance.features import FEATURE_NAMES, StanceFeaturizer, split_sentences

HEADLINES = ["Lighthouse keeper finds message in a bottle", "Bakers strike over flour prices"]
BODIES = [
    "A lighthouse keeper found a message in a bottle on the shore. The message was old.",
    "Bakers across the region went on strike. They say flour prices doubled. Shops closed.",
    "A storm closed the harbour for two days. Fishing boats stayed in port.",
]


def _featurizer() -> StanceFeaturizer:
    return StanceFeaturizer(word_features=200, char_features=500, lsa=2).fit(HEADLINES, BODIES)


def test_features_shape_and_similarity_order() -> None:
    pairs = _featurizer().transform([HEADLINES[0], HEADLINES[0]], [BODIES[0], BODIES[1]])
    assert pairs.dense.shape == (2, len(FEATURE_NAMES))
    assert pairs.text.shape[0] == 2
    cos_word = FEATURE_NAMES.index("cos_word")
    overlap = FEATURE_NAMES.index("overlap")
    assert pairs.dense[0, cos_word] > pairs.dense[1, cos_word]
    # 4 of 5 content words: "finds" is not matched to "found" (no stemming)
    assert pairs.dense[0, overlap] == pytest.approx(0.8) and pairs.dense[1, overlap] == 0.0


def test_features_refuting_words_are_counted_in_related_sentences() -> None:
    body = "The lighthouse keeper message in a bottle story is a hoax, officials denied it."
    pairs = _featurizer().transform([HEADLINES[0]], [body])
    related_refuting = FEATURE_NAMES.index("related_refuting")
    assert pairs.dense[0, related_refuting] >= 2  # hoax, denied


def test_features_empty_body_and_no_pairs() -> None:
    featurizer = _featurizer()
    assert np.isfinite(featurizer.transform([HEADLINES[1]], [""]).dense).all()
    assert featurizer.transform([], []).dense.shape == (0, len(FEATURE_NAMES))


def test_features_sentence_split() -> None:
    assert split_sentences("One. Two!\n\nThree") == ["One.", "Two!", "Three"]


def test_features_with_embeddings_add_the_encoder_cosines() -> None:
    featurizer = StanceFeaturizer(word_features=200, char_features=500, lsa=2, embeddings=True)
    featurizer.fit(HEADLINES, BODIES)
    names = featurizer.feature_names
    assert names[: len(FEATURE_NAMES)] == FEATURE_NAMES and len(names) == len(FEATURE_NAMES) + 4
    pairs = featurizer.transform([HEADLINES[0], HEADLINES[0]], [BODIES[0], BODIES[2]])
    assert pairs.dense.shape == (2, len(names))
    best = names.index("emb_sent_max")
    assert pairs.dense[0, best] > pairs.dense[1, best]  # the keeper's story, not the storm
    assert np.all(np.abs(pairs.dense[:, len(FEATURE_NAMES):]) <= 1.0 + 1e-5)


def test_features_model_pickled_before_embeddings_keeps_its_columns() -> None:
    featurizer = _featurizer()
    del featurizer.embeddings  # as unpickled from a model trained before the option
    assert featurizer.feature_names == FEATURE_NAMES
    assert featurizer.transform([HEADLINES[0]], [BODIES[0]]).dense.shape[1] == len(FEATURE_NAMES)
