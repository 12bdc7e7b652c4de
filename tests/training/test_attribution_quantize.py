"""Dynamic int8 quantisation of the attribution networks (needs the onnx package): the
shipped networks' weights exported to float32 ONNX in a temporary folder, then quantised."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from corroborate.attribution.neural import RoleNet
from corroborate.attribution.tagger import model_dir
from corroborate.errors import CorroborateError

onnx = pytest.importorskip("onnx")
from corroborate.training.attribution_onnx import export_onnx  # noqa: E402
from corroborate.training.attribution_quantize import quantize_folder  # noqa: E402


def _ops(path: Path) -> list[str]:
    return [node.op_type for node in onnx.load(str(path)).graph.node]


@pytest.fixture(scope="module")
def float_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped networks' weights (.npz) with their float32 ONNX export beside them."""
    folder = tmp_path_factory.mktemp("float")
    for name in ("cue.npz", "role.npz"):
        if not (model_dir() / name).is_file():
            pytest.skip(f"no {name} shipped")
        shutil.copy(model_dir() / name, folder / name)
        export_onnx(folder / name)
    return folder


def test_quantised_folder_keeps_the_role_networks_first_layer_in_float(
    float_folder: Path, tmp_path: Path
) -> None:
    written = quantize_folder(float_folder, tmp_path)
    assert sorted(p.name for p in written) == ["cue.onnx", "role.onnx"]
    assert "LSTM" not in _ops(tmp_path / "cue.onnx")
    role_lstms = [op for op in _ops(tmp_path / "role.onnx") if "LSTM" in op]
    assert role_lstms == ["LSTM", "DynamicQuantizeLSTM"]
    assert "MatMulInteger" in _ops(tmp_path / "role.onnx")
    assert not list(tmp_path.glob("*.tmp"))
    assert "DynamicQuantizeLSTM" not in _ops(float_folder / "role.onnx")  # source untouched


def test_quantised_network_stays_near_float(float_folder: Path, tmp_path: Path) -> None:
    quantize_folder(float_folder, tmp_path)
    floating, quantised = RoleNet.load(float_folder / "cue.npz"), RoleNet.load(tmp_path / "cue.npz")
    rng = np.random.default_rng(4)
    words = list(floating.vocab)
    windows = [[list(rng.choice(words, size=10)) for _ in range(n)] for n in (9, 25, 3)]
    vectors = [rng.normal(scale=0.5, size=(len(w), floating.vector_dim)) for w in windows]
    inputs = [floating.encode(w, v) for w, v in zip(windows, vectors, strict=True)]
    for got, want in zip(quantised.scores(inputs), floating.scores(inputs), strict=True):
        assert got.shape == want.shape and np.isfinite(got).all()
        assert not np.array_equal(got, want)  # the int8 network is what ran
        # int8 weights: scores move by a small share of their range
        assert np.abs(got - want).max() < 0.05 * np.ptp(want)


def test_a_quantised_network_is_not_quantised_twice(float_folder: Path, tmp_path: Path) -> None:
    quantize_folder(float_folder, tmp_path)
    with pytest.raises(CorroborateError, match="already quantised"):
        quantize_folder(tmp_path, tmp_path)


def test_a_folder_without_networks_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CorroborateError, match="no ONNX network"):
        quantize_folder(tmp_path, tmp_path / "out")
