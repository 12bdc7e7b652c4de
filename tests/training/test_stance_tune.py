"""Fine-tuning the stance cross-encoder (torch): the hand-written BERT reads Hugging Face
weights as the numpy encoder does, learns a class written in the body, and survives the
float16 chunks and the ONNX export."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")


@pytest.fixture(autouse=True)
def _one_thread():  # type: ignore[no-untyped-def]
    """Tiny models: torch's thread pool costs more than it saves (8x on a busy machine)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def _tiny_bert(generator: np.random.Generator, dims: int = 24, layers: int = 2) -> dict:
    """Random weights with Hugging Face's BERT names (12 heads of 2 dimensions)."""
    def w(*shape: int) -> np.ndarray:
        return (generator.normal(size=shape) * 0.2).astype(np.float32)

    weights = {
        "embeddings.word_embeddings.weight": w(40, dims),
        "embeddings.position_embeddings.weight": w(64, dims),
        "embeddings.token_type_embeddings.weight": w(2, dims),
        "embeddings.LayerNorm.weight": np.ones(dims, np.float32),
        "embeddings.LayerNorm.bias": np.zeros(dims, np.float32),
    }
    for i in range(layers):
        prefix = f"encoder.layer.{i}."
        for name, (rows, cols) in {
            "attention.self.query": (dims, dims), "attention.self.key": (dims, dims),
            "attention.self.value": (dims, dims), "attention.output.dense": (dims, dims),
            "intermediate.dense": (2 * dims, dims), "output.dense": (dims, 2 * dims),
        }.items():  # fmt: skip
            weights[prefix + name + ".weight"] = w(rows, cols)
            weights[prefix + name + ".bias"] = w(rows)
        for norm in ("attention.output.LayerNorm", "output.LayerNorm"):
            weights[prefix + norm + ".weight"] = np.ones(dims, np.float32)
            weights[prefix + norm + ".bias"] = np.zeros(dims, np.float32)
    return weights


def _invented_pairs(rows: int, generator: np.random.Generator) -> dict[str, np.ndarray]:
    """Pairs whose class is the token (5, 6 or 7) that recurs in the body."""
    length = 12
    labels = generator.integers(0, 3, rows)
    ids = generator.integers(10, 40, (rows, length))
    ids[:, 0], ids[:, 4], ids[:, -1] = 1, 2, 2  # [CLS] claim [SEP] body [SEP]
    ids[:, 6:9] = 5 + labels[:, None]
    return {
        "ids": ids.astype(np.uint16), "claim": np.full(rows, 5, np.uint8),
        "length": np.full(rows, length, np.uint16), "labels": labels.astype(np.int8),
        "folds": (np.arange(rows) % 5).astype(np.int8), "split": np.zeros(rows, np.int8),
    }  # fmt: skip


def test_the_torch_encoder_reads_bert_weights_as_the_numpy_one() -> None:
    from tokenizers import Tokenizer
    from tokenizers.models import WordLevel

    from corroborate.training.embed.bert import MiniLMEncoder
    from corroborate.training.stance_tune import build_model

    weights = _tiny_bert(np.random.default_rng(0))
    model = build_model(weights, 0.0).eval()
    ids = np.array([[1, 11, 12, 2, 0], [1, 13, 14, 15, 2]])
    mask = np.array([[1, 1, 1, 1, 0], [1, 1, 1, 1, 1]])
    expected = MiniLMEncoder(weights, Tokenizer(WordLevel({"[UNK]": 0}, "[UNK]"))).token_states(
        ids, mask.astype(np.float32)
    )
    with torch.no_grad():
        states = model.states(*(torch.tensor(a) for a in (ids, np.zeros_like(ids), mask)))
    real = mask > 0
    np.testing.assert_allclose(states.numpy()[real], expected[real], atol=1e-4)


def test_fine_tuning_learns_a_class_written_in_the_body(tmp_path: Path) -> None:
    from corroborate.training.stance_tune import (
        TuneSettings,
        build_model,
        fit,
        load_weights,
        predict,
        save_weights,
    )

    generator = np.random.default_rng(1)
    pairs = _invented_pairs(360, generator)
    train, held = np.arange(300), np.arange(300, 360)
    settings = TuneSettings(epochs=6, rate=3e-3, batch=16, dropout=0.0)
    model = fit(pairs, _tiny_bert(generator), train, settings, "cpu")
    probs = predict(model, pairs, held, "cpu")
    assert (probs.argmax(axis=1) == pairs["labels"][held]).mean() > 0.9
    save_weights(model, tmp_path)
    again = build_model(load_weights(tmp_path), 0.0).eval()
    np.testing.assert_allclose(predict(again, pairs, held, "cpu"), probs, atol=0.02)


def test_the_onnx_export_gives_the_torch_probabilities(tmp_path: Path) -> None:
    pytest.importorskip("onnx")
    import onnxruntime

    from corroborate.link.stance.cross import softmax
    from corroborate.training.stance_tune import batches, build_model, export_onnx, predict

    generator = np.random.default_rng(2)
    weights = _tiny_bert(generator)
    weights["classifier.weight"] = (generator.normal(size=(3, 24)) * 0.5).astype(np.float32)
    weights["classifier.bias"] = np.zeros(3, np.float32)
    pairs = _invented_pairs(20, generator)
    rows = np.arange(20)
    expected = predict(build_model(weights, 0.0).eval(), pairs, rows, "cpu")
    session = onnxruntime.InferenceSession(str(export_onnx(weights, tmp_path / "m.onnx")))
    ids, types, mask, _ = next(batches(pairs, rows, 20))
    logits = session.run(
        None, {"input_ids": ids, "token_type_ids": types, "attention_mask": mask}
    )[0]
    np.testing.assert_allclose(softmax(logits), expected, atol=1e-4)
