"""The commitment model's numpy forward pass and its files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corroborate.embed import load_encoder
from corroborate.errors import CorroborateError
from corroborate.factuality.model import CommitmentModel, binary_columns, save_model


def test_model_saved_and_loaded_predicts_the_same(tmp_path: Path) -> None:
    dims = load_encoder().dims * 3
    rng = np.random.default_rng(0)
    layers = [(rng.normal(size=(2 + dims, 4)), rng.normal(size=4)),
              (rng.normal(size=(4, 1)), rng.normal(size=1))]
    save_model(tmp_path, ["neg", "aux=will"], layers)
    model = CommitmentModel.load(tmp_path)
    rows, texts = [["neg"], ["aux=will", "unknown"]], [("fired", "said", "x"), ("go", "will", "y")]
    x = model.matrix(rows, texts)
    hidden = np.maximum(x @ layers[0][0] + layers[0][1], 0)
    expected = (hidden @ layers[1][0] + layers[1][1]).reshape(-1)
    assert np.allclose(model.predict(rows, texts), expected, atol=1e-3)


def test_model_binary_columns_drop_unknown_names() -> None:
    x = binary_columns([["a", "zzz"], []], {"a": 0, "b": 1})
    assert x.tolist() == [[1.0, 0.0], [0.0, 0.0]]


def test_model_missing_files_name_the_folder(tmp_path: Path) -> None:
    with pytest.raises(CorroborateError, match=str(tmp_path)):
        CommitmentModel.load(tmp_path)
