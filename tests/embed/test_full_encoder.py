"""The full all-MiniLM-L6-v2 encoder (int8 ONNX) that `check` reranks with."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corroborate.embed.full import FullEncoderUnavailable, full_encoder, model_path, verified


def test_full_encoder_unit_rows_and_paraphrase_nearer_than_other_topic() -> None:
    vectors = full_encoder().encode([
        "Rebels shelled the northern districts of the city overnight.",
        "Overnight, insurgent artillery hit the city's northern neighbourhoods.",
        "The central bank raised interest rates by half a point.",
        "",
    ])
    assert vectors.shape == (4, 384)
    assert np.allclose(np.linalg.norm(vectors[:3], axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_full_encoder_order_and_batching_do_not_change_a_vector() -> None:
    texts = [f"Convoy number {i} reached the border crossing{' at dawn' * (i % 3)}."
             for i in range(20)]
    together = full_encoder().encode(texts)
    alone = full_encoder().encode([texts[7]])
    assert np.allclose(together[7], alone[0], atol=1e-4)


def test_full_encoder_refuses_a_file_with_another_hash(tmp_path: Path) -> None:
    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not the model")
    with pytest.raises(FullEncoderUnavailable, match="sha256"):
        verified(fake)
    with pytest.raises(FullEncoderUnavailable, match="cannot read"):
        verified(tmp_path / "missing.onnx")
    assert verified(model_path()) == model_path()


def test_full_encoder_encodes_a_repeated_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    encoder = full_encoder()
    batches: list[int] = []
    pooled = encoder._pooled
    monkeypatch.setattr(encoder, "_pooled", lambda seqs: batches.append(len(seqs)) or pooled(seqs))
    texts = ["Shelling hit the port.", "Aid reached the camp.", "Shelling hit the port."]
    vectors = encoder.encode(texts)
    assert sum(batches) == 2
    assert np.allclose(vectors[0], vectors[2])
    assert np.allclose(vectors[0], encoder.encode(texts[:1])[0], atol=1e-4)
