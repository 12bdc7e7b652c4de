"""The teacher, all-MiniLM-L6-v2, as a numpy forward pass: a 6-layer BERT encoder, mean pooling
over the real tokens and L2 normalisation, i.e. sentence-transformers' pipeline for this model
(`modules.json`: Transformer, Pooling(mean), Normalize).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.special import erf
from tokenizers import Tokenizer

# sentence-transformers' `max_seq_length` for this model (sentence_bert_config.json)
MAX_TOKENS = 256
LAYER_NORM_EPS = 1e-12
HEADS = 12


@dataclass(frozen=True)
class Layer:
    """One transformer layer, weights transposed for `x @ w` and Q, K, V fused in one matrix."""

    qkv: np.ndarray
    qkv_bias: np.ndarray
    attention_out: np.ndarray
    attention_out_bias: np.ndarray
    attention_norm: tuple[np.ndarray, np.ndarray]
    hidden: np.ndarray
    hidden_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray
    out_norm: tuple[np.ndarray, np.ndarray]


def layer_norm(x: np.ndarray, norm: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    weight, bias = norm
    mean = x.mean(axis=-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + LAYER_NORM_EPS) * weight + bias


def dense(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """x @ weight + bias over the last axis; as one 2-D product, which BLAS runs several times
    faster than numpy's loop of small products over a 3-D x."""
    flat = x.reshape(-1, x.shape[-1]) @ weight + bias
    return flat.reshape(*x.shape[:-1], weight.shape[1])


def gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact (erf) GELU, not the tanh approximation."""
    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


def read_layer(weights: Mapping[str, np.ndarray], index: int) -> Layer:
    def w(name: str) -> np.ndarray:
        return np.asarray(weights[f"encoder.layer.{index}.{name}"], dtype=np.float32)

    parts = ("query", "key", "value")
    def norm(prefix: str) -> tuple[np.ndarray, np.ndarray]:
        return w(f"{prefix}.LayerNorm.weight"), w(f"{prefix}.LayerNorm.bias")

    return Layer(
        qkv=np.ascontiguousarray(
            np.concatenate([w(f"attention.self.{p}.weight") for p in parts]).T
        ),
        qkv_bias=np.concatenate([w(f"attention.self.{p}.bias") for p in parts]),
        attention_out=np.ascontiguousarray(w("attention.output.dense.weight").T),
        attention_out_bias=w("attention.output.dense.bias"),
        attention_norm=norm("attention.output"),
        hidden=np.ascontiguousarray(w("intermediate.dense.weight").T),
        hidden_bias=w("intermediate.dense.bias"),
        out=np.ascontiguousarray(w("output.dense.weight").T),
        out_bias=w("output.dense.bias"),
        out_norm=norm("output"),
    )


def count_layers(weights: Mapping[str, np.ndarray]) -> int:
    return len({name.split(".")[2] for name in weights if name.startswith("encoder.layer.")})


class MiniLMEncoder:
    """Sentence vectors from BERT weights (Hugging Face names) and the model's tokenizer."""

    def __init__(self, weights: Mapping[str, np.ndarray], tokenizer: Tokenizer) -> None:
        def w(name: str) -> np.ndarray:
            return np.asarray(weights[f"embeddings.{name}"], dtype=np.float32)

        self.word_embeddings = w("word_embeddings.weight")
        self.position_embeddings = w("position_embeddings.weight")
        # every input is one segment, so only token type 0 is ever added
        self.segment_embedding = w("token_type_embeddings.weight")[0]
        self.embedding_norm = (w("LayerNorm.weight"), w("LayerNorm.bias"))
        self.layers = [read_layer(weights, i) for i in range(count_layers(weights))]
        self.tokenizer = tokenizer
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)

    @property
    def dims(self) -> int:
        return int(self.word_embeddings.shape[1])

    def attention(self, x: np.ndarray, layer: Layer, mask_bias: np.ndarray) -> np.ndarray:
        batch, length, dims = x.shape
        head_dims = dims // HEADS
        qkv = dense(x, layer.qkv, layer.qkv_bias).reshape(batch, length, 3, HEADS, head_dims)
        query, key, value = (qkv[:, :, i].transpose(0, 2, 1, 3) for i in range(3))
        scores = query @ key.transpose(0, 1, 3, 2) / np.float32(np.sqrt(head_dims))
        scores += mask_bias
        scores -= scores.max(axis=-1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=-1, keepdims=True)
        context = (probs @ value).transpose(0, 2, 1, 3).reshape(batch, length, dims)
        return dense(context, layer.attention_out, layer.attention_out_bias)

    def token_states(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The last layer's output for a padded batch of token ids (batch x length x dims)."""
        length = ids.shape[1]
        x = self.word_embeddings[ids] + self.position_embeddings[:length] + self.segment_embedding
        x = layer_norm(x, self.embedding_norm)
        # padded keys get a large negative score, so no real token attends to them
        mask_bias = ((1.0 - mask[:, None, None, :]) * -1e9).astype(np.float32)
        for layer in self.layers:
            x = layer_norm(x + self.attention(x, layer, mask_bias), layer.attention_norm)
            hidden = gelu(dense(x, layer.hidden, layer.hidden_bias))
            x = layer_norm(x + dense(hidden, layer.out, layer.out_bias), layer.out_norm)
        return x

    def pooled(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Mean of the real tokens' states ([CLS] and [SEP] included, as sentence-transformers)."""
        states = self.token_states(ids, mask)
        weights = mask[:, :, None]
        return (states * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)

    def encode_ids(self, sequences: Sequence[Sequence[int]], batch_size: int = 64) -> np.ndarray:
        """Unnormalised mean-pooled vectors of token id sequences (special tokens included)."""
        out = np.zeros((len(sequences), self.dims), dtype=np.float32)
        # batches of similar length waste little work on padding
        order = sorted(range(len(sequences)), key=lambda i: len(sequences[i]))
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            ids, mask = pad([sequences[i] for i in rows])
            out[rows] = self.pooled(ids, mask)
        return out

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Unit sentence vectors (len(texts) x 384, float32)."""
        sequences = [e.ids for e in self.tokenizer.encode_batch(list(texts))]
        return unit_rows(self.encode_ids(sequences, batch_size))


def pad(sequences: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    length = max(len(s) for s in sequences)
    ids = np.zeros((len(sequences), length), dtype=np.int64)
    mask = np.zeros((len(sequences), length), dtype=np.float32)
    for row, sequence in enumerate(sequences):
        ids[row, : len(sequence)] = sequence
        mask[row, : len(sequence)] = 1.0
    return ids, mask


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms == 0, 1.0, norms)).astype(np.float32)
