"""Disagreement features on invented headline/body pairs (no trained model)."""

from __future__ import annotations

import numpy as np

from corroborate.lexicon import lexicon, lowercase_phrases_regex, phrases_regex
from corroborate.link.stance.disagreement import DISAGREE_FEATURE_NAMES, load_cues
from corroborate.link.stance.features import FEATURE_NAMES, StanceFeaturizer

CLAIM = "Farmer grows a pumpkin shaped like a rowing boat"
REPORTS = "A farmer in Wexford grew a pumpkin shaped like a rowing boat, a local paper reported."
DEBUNKS = (
    "The pumpkin shaped like a rowing boat is a hoax: the photo was doctored. "
    'The farmer denied it. "I never grew a pumpkin like that," he said.'
)
UNRELATED = "The county council opened a new library on Friday. It holds ten thousand books."
HOAX_CLAIM = "Pumpkin shaped like a rowing boat turns out to be a hoax"
NEGATED_CLAIM = "Farmer did not grow a pumpkin shaped like a rowing boat"


def _featurizer() -> StanceFeaturizer:
    featurizer = StanceFeaturizer(word_features=300, char_features=500, lsa=2, disagreement=True)
    return featurizer.fit([CLAIM, HOAX_CLAIM], [REPORTS, DEBUNKS, UNRELATED])


def _features(claim: str, bodies: list[str]) -> dict[str, np.ndarray]:
    featurizer = _featurizer()
    dense = featurizer.transform([claim] * len(bodies), bodies).dense
    return {name: dense[:, i] for i, name in enumerate(featurizer.feature_names)}


def test_disagreement_columns_follow_the_base_features() -> None:
    featurizer = _featurizer()
    assert featurizer.feature_names == FEATURE_NAMES + DISAGREE_FEATURE_NAMES
    dense = featurizer.transform([CLAIM, CLAIM], [REPORTS, UNRELATED]).dense
    assert dense.shape == (2, len(FEATURE_NAMES) + len(DISAGREE_FEATURE_NAMES))
    assert np.isfinite(dense).all()


def test_debunking_body_has_cues_where_a_reporting_body_has_none() -> None:
    features = _features(CLAIM, [REPORTS, DEBUNKS])
    for name in ("top3_falsity", "top3_denial", "near_cue_top3", "body_false_head_not"):
        assert features[name][0] == 0 and features[name][1] > 0, name
    assert features["quoted_cue_top3"][1] >= 1  # the farmer's quoted denial
    assert features["cue_sentence_max_cos"][1] > 0.3  # the hoax sentence is the best match


def test_headline_calling_a_reported_story_a_hoax() -> None:
    features = _features(HOAX_CLAIM, [REPORTS, DEBUNKS])
    assert features["head_falsity"][0] >= 1
    assert features["head_false_body_not"].tolist() == [1.0, 0.0]
    assert features["body_false_head_not"].tolist() == [0.0, 0.0]


def test_negated_headline_against_an_affirming_sentence() -> None:
    features = _features(NEGATED_CLAIM, [REPORTS])
    assert features["head_negation"][0] >= 1 and features["best_negation"][0] == 0
    assert features["negation_mismatch"][0] == 1.0
    assert _features(CLAIM, [REPORTS])["negation_mismatch"][0] == 0.0


def test_certainty_denial_vocabulary_is_part_of_the_cues() -> None:
    cues, certainty = load_cues(), lexicon()
    single = [w for w in certainty.denial_cues if " " not in w]
    assert set(single) <= cues.denial
    assert set(certainty.denial_phrases) <= set(cues.phrases)
    played_down = "Officials played down the report of a pumpkin shaped like a rowing boat."
    assert _features(CLAIM, [played_down])["top3_phrase"][0] >= 1


def test_model_pickled_before_disagreement_keeps_its_columns() -> None:
    featurizer = _featurizer()
    del featurizer.disagreement  # as unpickled from a model trained before the option
    assert featurizer.feature_names == FEATURE_NAMES
    assert featurizer.transform([CLAIM], [REPORTS]).dense.shape[1] == len(FEATURE_NAMES)


def test_lowercase_phrase_regex_finds_what_the_lexicon_regex_finds() -> None:
    phrases = load_cues().phrases
    text = (
        "it is not true, officials said; there is no truth in it. the story turned out to be "
        "made up, and the minister flatly rejected it. in fact nothing is confirmed."
    )
    fast = [m.span() for m in lowercase_phrases_regex(phrases).finditer(text)]
    assert fast == [m.span() for m in phrases_regex(phrases).finditer(text)]
    assert len(fast) >= 5
