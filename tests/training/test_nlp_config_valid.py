from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from corroborate.errors import InputError
from corroborate.training.nlp import TrainingData, default_config


def test_packaged_config_builds_the_shipped_pipeline_layout() -> None:
    config = spacy.util.load_config(default_config())
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    assert nlp.pipe_names == [
        "tok2vec",
        "tagger",
        "morphologizer",
        "trainable_lemmatizer",
        "parser",
        "ner",
    ]


def test_missing_training_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="en_ewt-ud-train.conllu.gz: training file missing"):
        TrainingData.under(tmp_path)
