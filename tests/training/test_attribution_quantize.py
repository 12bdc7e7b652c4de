"""Dynamic int8 quantisation of the attribution networks (needs the onnx package)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corroborate.attribution.neural import RoleNet
from corroborate.attribution.tagger import model_dir
from corroborate.errors import CorroborateError

onnx = pytest.importorskip("onnx")
from corroborate.training.attribution_quantize import quantize_folder  # noqa: E402


def _ops(path: Path) -> list[str]:
    return [node.op_type for node in onnx.load(str(path)).graph.node]


def test_quantised_folder_keeps_the_role_networks_first_layer_in_float(tmp_path: Path) -> None:
    source = model_dir()
    if not (source / "role.onnx").is_file():
        pytest.skip("no ONNX networks shipped")
    written = quantize_folder(source, tmp_path / "int8")
    assert sorted(p.name for p in written) == ["cue.onnx", "role.onnx"]
    assert "LSTM" not in _ops(tmp_path / "int8" / "cue.onnx")
    role_lstms = [op for op in _ops(tmp_path / "int8" / "role.onnx") if "LSTM" in op]
    assert role_lstms == ["LSTM", "DynamicQuantizeLSTM"]
    assert "MatMulInteger" in _ops(tmp_path / "int8" / "role.onnx")
    assert not list((tmp_path / "int8").glob("*.tmp"))
    # the shipped fp32 networks are left as they were
    assert "DynamicQuantizeLSTM" not in _ops(source / "role.onnx")


def test_quantised_network_runs_and_stays_near_float(tmp_path: Path) -> None:
    source = model_dir()
    if not (source / "cue.onnx").is_file():
        pytest.skip("no ONNX networks shipped")
    quantize_folder(source, tmp_path)
    floating, quantised = RoleNet.load(source / "cue.npz"), RoleNet.load(tmp_path / "cue.npz")
    rng = np.random.default_rng(4)
    words = list(floating.vocab)
    windows = [[list(rng.choice(words, size=10)) for _ in range(n)] for n in (9, 25, 3)]
    vectors = [rng.normal(scale=0.5, size=(len(w), floating.vector_dim)) for w in windows]
    inputs = [floating.encode(w, v) for w, v in zip(windows, vectors, strict=True)]
    for got, want in zip(quantised.scores(inputs), floating.scores(inputs), strict=True):
        assert got.shape == want.shape and np.isfinite(got).all()
        assert not np.array_equal(got, want)  # the int8 network is what ran
        # int8 weights: scores move by a fraction of their spread, not by its size
        assert np.abs(got - want).max() < 0.1 * np.ptp(want)


def test_a_folder_without_networks_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CorroborateError, match="no ONNX network"):
        quantize_folder(tmp_path, tmp_path / "out")
