"""Distilling the teacher into a static model, after model2vec (MinishLab): every vocabulary
token is passed through the teacher alone (`[CLS] token [SEP]`, mean pooled), the vectors are
reduced by PCA and each is scaled down the more frequent its token is likely to be
(smooth inverse frequency with Zipf's law over the vocabulary order as the frequency estimate).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits
from tokenizers import Tokenizer

from corroborate.embed.static import TOKENIZER_FILE, VECTORS_FILE
from corroborate.training.embed.bert import MiniLMEncoder
from corroborate.training.embed.teacher import (
    SAFETENSORS_SHA256,
    TEACHER_PACKAGE,
    TEACHER_VERSION,
    load_teacher,
    sha256_of,
    teacher_dir,
)


@dataclass(frozen=True)
class DistillSettings:
    dims: int = 256
    # SIF's a: a token with estimated probability p is weighted a / (a + p). model2vec's default;
    # on the tuning half of Emergent's claims 1e-2 .. 1e-5 gave B-cubed F1 0.76 .. 0.80, 1e-4 best
    sif_coefficient: float = 1e-4
    batch_size: int = 512


def vocabulary_vectors(encoder: MiniLMEncoder, batch_size: int = 512) -> np.ndarray:
    """The teacher's mean-pooled output for each token alone, vocabulary x 384 (not unit)."""
    cls_id, sep_id = (encoder.tokenizer.token_to_id(t) for t in ("[CLS]", "[SEP]"))
    vocabulary = encoder.tokenizer.get_vocab_size()
    sequences = [[cls_id, token, sep_id] for token in range(vocabulary)]
    return encoder.encode_ids(sequences, batch_size)


def principal_components(vectors: np.ndarray, dims: int) -> np.ndarray:
    """Rows projected on the `dims` leading principal axes, each axis's sign fixed (its largest
    loading positive) so the output does not depend on the SVD routine's sign choice."""
    centred = vectors.astype(np.float64) - vectors.mean(axis=0, dtype=np.float64)
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    axes = axes[:dims]
    signs = np.sign(axes[np.arange(len(axes)), np.abs(axes).argmax(axis=1)])
    return centred @ (axes * signs[:, None]).T


def zipf_sif_weights(vocabulary: int, coefficient: float) -> np.ndarray:
    """a / (a + p(rank)) with p from Zipf's law (p ∝ 1 / rank), the vocabulary id as the rank:
    BERT's vocabulary lists (after specials and single characters) the most frequent first."""
    ranks = np.arange(vocabulary) + 1
    probabilities = (1.0 / ranks) / (1.0 / ranks).sum()
    return coefficient / (coefficient + probabilities)


def silent_token_ids(tokenizer: Tokenizer) -> list[int]:
    """Tokens that carry no meaning in a sentence vector: [UNK], specials and [unusedN]."""
    vocab = tokenizer.get_vocab()
    return sorted(
        i for token, i in vocab.items() if token.startswith("[") and token.endswith("]")
    )


def static_vectors(
    teacher_vectors: np.ndarray, tokenizer: Tokenizer, settings: DistillSettings
) -> np.ndarray:
    """The student's token vectors (float32, before storage quantisation)."""
    reduced = principal_components(teacher_vectors, settings.dims)
    weights = zipf_sif_weights(len(reduced), settings.sif_coefficient)
    vectors = (reduced * weights[:, None]).astype(np.float32)
    vectors[silent_token_ids(tokenizer)] = 0.0
    return vectors


def quantise(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows and one float32 scale per row (symmetric, the row's largest value at 127)."""
    peaks = np.abs(vectors).max(axis=1)
    scales = np.where(peaks == 0, 1.0, peaks / 127.0).astype(np.float32)
    return np.round(vectors / scales[:, None]).astype(np.int8), scales


def write_model(out_dir: Path, vectors: np.ndarray, tokenizer_file: Path, meta: dict) -> dict:
    """Write the model's files; returns `meta` with the vectors file's sha256 added."""
    out_dir.mkdir(parents=True, exist_ok=True)
    codes, scales = quantise(vectors)
    np.savez_compressed(out_dir / VECTORS_FILE, vectors=codes, scales=scales)
    shutil.copyfile(tokenizer_file, out_dir / TOKENIZER_FILE)
    meta = {**meta, "vectors_sha256": sha256_of(out_dir / VECTORS_FILE)}
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def build_embeddings(out_dir: Path, settings: DistillSettings | None = None) -> dict:
    """Build the static model from the installed, hash-checked teacher into `out_dir`."""
    settings = settings or DistillSettings()
    model_dir = teacher_dir()
    # one BLAS thread: the same floating-point sums on every run, so the files are identical
    with threadpool_limits(limits=1):
        teacher = load_teacher(model_dir)
        vectors = static_vectors(
            vocabulary_vectors(teacher, settings.batch_size), teacher.tokenizer, settings
        )
    meta = {
        "teacher": f"{TEACHER_PACKAGE}=={TEACHER_VERSION}",
        "teacher_safetensors_sha256": SAFETENSORS_SHA256,
        "vocabulary": int(vectors.shape[0]),
        "settings": asdict(settings),
    }
    return write_model(out_dir, vectors, model_dir / "tokenizer.json", meta)
