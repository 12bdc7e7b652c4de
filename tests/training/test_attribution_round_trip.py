"""Training on the tiny invented corpus writes a model folder that loads and runs (no syntax,
so no English pipeline; tiny settings, the figures mean nothing)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corroborate.attribution.neural import Ensemble
from corroborate.attribution.tagger import AttributionTagger
from corroborate.training.attribution import TrainSettings, train
from tests.fixtures.polnear import TEXT

_QUICK = TrainSettings(cue_iterations=5, role_iterations=5, min_feature_freq=1)


def test_crf_role_tagger_round_trip(polnear_dir: Path, tmp_path: Path) -> None:
    train(polnear_dir, tmp_path, _QUICK, syntax=False, log=lambda _: None, role_tagger="crf")
    assert json.loads((tmp_path / "meta.json").read_text())["role_tagger"] == "crf"
    assert isinstance(AttributionTagger(tmp_path).extract(TEXT), list)


def test_bilstm_role_tagger_round_trip(polnear_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("torch")
    from corroborate.training.attribution_neural import NeuralSettings

    neural = NeuralSettings(embed_dim=4, hidden=4, epochs=2, min_count=1, use_vectors=False,
                            crf=True)
    train(polnear_dir, tmp_path, _QUICK, syntax=False, log=lambda _: None, neural=neural,
          seeds=(1, 2))
    meta = json.loads((tmp_path / "meta.json").read_text())
    assert meta["role_tagger"] == "bilstm" and meta["neural"]["crf"]
    assert meta["role_nets"] == ["role.npz", "role-1.npz"]
    assert all((tmp_path / name).is_file() for name in meta["role_nets"])
    tagger = AttributionTagger(tmp_path)
    assert isinstance(tagger.role.net, Ensemble) and len(tagger.role.net.nets) == 2
    for found in tagger.extract(TEXT):
        assert found.cue.text in TEXT


def test_bilstm_training_logs_dev_figures(polnear_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("torch")
    from corroborate.training.attribution_neural import NeuralSettings

    tiny = NeuralSettings(embed_dim=4, hidden=4, epochs=1, min_count=1, use_vectors=False)
    lines: list[str] = []
    train(polnear_dir, tmp_path / "model", _QUICK, syntax=False, log=lines.append,
          neural=tiny, cue_tagger="bilstm", cue_neural=tiny, dev_dir=polnear_dir, seeds=(2, 1))
    assert sum("dev cues after epoch 1" in line for line in lines) == 2  # one per cue network
    assert any("dev exact F1 after epoch 1: source" in line for line in lines)
    [written] = [line for line in lines if line.startswith("dev exact F1 of the model written")]
    assert "content" in written
