"""A MiniLM cross-encoder for agree / disagree / discuss (FNC-1's related classes).

It reads "[CLS] claim [SEP] the body's sentences most like the claim [SEP]" with
all-MiniLM-L6-v2 (sentence-transformers authors, Apache-2.0) as the int8 ONNX model that
`corroborate.embed.full` verifies, frozen (CPU budget: see `training.stance_cross`); a small
`Head` over its token states is trained (`corroborate train stance-cross`). Measured, not in
the default stance path: see README "Stance (FNC-1)" for the figures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from tokenizers import Tokenizer

from corroborate.link.stance.features import content_tokens, split_sentences, tokens
from corroborate.training.embed.bert import pad

MAX_TOKENS = 128  # the whole pair, special tokens included
MAX_CLAIM_TOKENS = 40
RELATED = ("agree", "disagree", "discuss")


def sentence_score(claim_words: set[str], sentence: str) -> float:
    """Shared content words with the claim, damped by the sentence's length (a long
    sentence shares words by chance)."""
    words = set(content_tokens(tokens(sentence)))
    if not words or not claim_words:
        return 0.0
    return len(words & claim_words) / float(np.sqrt(len(words)))


def select_sentences(
    claim: str, body: str, budget: int, count_tokens: Callable[[str], int]
) -> str:
    """The body's sentences most like the claim, best first until `budget` tokens are
    used (`count_tokens(text) -> int`), then put back in the body's order.

    Word overlap rather than a model: it runs for every pair at run time, and the
    cross-encoder does the reading; ties keep the earlier sentence (news leads first)."""
    claim_words = set(content_tokens(tokens(claim)))
    sentences = split_sentences(body)
    ranked = sorted(
        range(len(sentences)), key=lambda i: (-sentence_score(claim_words, sentences[i]), i)
    )
    chosen, used = [], 0
    for i in ranked:
        cost = count_tokens(sentences[i])
        if used and used + cost > budget:
            continue
        chosen.append(i)
        used += cost
        if used >= budget:
            break
    return " ".join(sentences[i] for i in sorted(chosen))


@dataclass
class PairInputs:
    ids: np.ndarray  # batch x length int64
    types: np.ndarray  # token type (segment) ids
    mask: np.ndarray  # float32, 1 for real tokens


class PairEncoder:
    """Token ids of (claim, selected sentences) pairs, cut to `max_tokens`."""

    def __init__(self, tokenizer: Tokenizer, max_tokens: int = MAX_TOKENS) -> None:
        self.tokenizer = tokenizer
        self.max_tokens = max_tokens
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()

    def count(self, text: str) -> int:
        return len(self.tokenizer.encode(text, add_special_tokens=False).ids)

    def encode(self, claim: str, body: str) -> tuple[list[int], list[int]]:
        head = self.tokenizer.encode(claim, add_special_tokens=False).ids[:MAX_CLAIM_TOKENS]
        budget = self.max_tokens - len(head) - 3
        text = select_sentences(claim, body, budget, self.count)
        rest = self.tokenizer.encode(text, add_special_tokens=False).ids[:budget]
        cls, sep = self.tokenizer.token_to_id("[CLS]"), self.tokenizer.token_to_id("[SEP]")
        ids = [cls, *head, sep, *rest, sep]
        return ids, [0] * (len(head) + 2) + [1] * (len(rest) + 1)

    def batch(self, pairs: Sequence[tuple[list[int], list[int]]]) -> PairInputs:
        ids, mask = pad([p[0] for p in pairs])
        types, _ = pad([p[1] for p in pairs])
        return PairInputs(ids, types, mask)


class PairStates:
    """Last-layer token states of encoded pairs from the int8 all-MiniLM-L6-v2 ONNX model
    that `corroborate.embed.full` already runs and verifies (its sha256); frozen."""

    def __init__(self, threads: int = 1) -> None:
        import onnxruntime  # heavy: only when the cross-encoder is used

        from corroborate.embed.full import model_path, verified

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(verified(model_path())), options, providers=["CPUExecutionProvider"]
        )

    def __call__(self, inputs: PairInputs) -> np.ndarray:
        feed = {
            "input_ids": inputs.ids,
            "attention_mask": inputs.mask.astype(np.int64),
            "token_type_ids": inputs.types,
        }
        return self.session.run(None, feed)[0]


@dataclass
class Head:
    """The trained head over frozen token states: a learned attention pooling of the
    body's tokens, the claim's and the body's mean states and their product and
    difference -> one hidden layer -> 3 logits (agree, disagree, discuss).

    Hand-written (a few matrix products) because it must run in numpy at run time; the
    same function in torch trains it (`training.stance_cross`)."""

    attention: np.ndarray  # dims: scores each token for the attention pooling
    hidden: np.ndarray  # (6 x dims) x hidden
    hidden_bias: np.ndarray
    out: np.ndarray  # hidden x 3
    out_bias: np.ndarray

    def __call__(self, states: np.ndarray, mask: np.ndarray, types: np.ndarray) -> np.ndarray:
        features = head_features(states.astype(np.float32), mask, types, self.attention)
        hidden = np.maximum(features @ self.hidden + self.hidden_bias, 0.0)
        return softmax(hidden @ self.out + self.out_bias)


def masked_mean(states: np.ndarray, weights: np.ndarray) -> np.ndarray:
    weights = weights[:, :, None]
    return (states * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)


def head_features(
    states: np.ndarray, mask: np.ndarray, types: np.ndarray, attention: np.ndarray
) -> np.ndarray:
    claim = masked_mean(states, mask * (types == 0))
    body_weights = mask * (types == 1)
    body = masked_mean(states, body_weights)
    scores = np.where(body_weights > 0, states @ attention, -1e9)
    scores = np.exp(scores - scores.max(axis=1, keepdims=True)) * (body_weights > 0)
    pooled = (
        states * (scores / np.maximum(scores.sum(axis=1, keepdims=True), 1e-12))[:, :, None]
    ).sum(axis=1)
    return np.hstack([states[:, 0], claim, body, pooled, claim * body, np.abs(claim - body)])


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def mix(booster: np.ndarray, cross: np.ndarray, weight: float) -> np.ndarray:
    """Booster probabilities (LABELS order, unrelated last) whose related mass is shared
    among agree/disagree/discuss by (1 - weight) x the booster's own split + weight x the
    cross-encoder's. The unrelated probability is the booster's, untouched."""
    related = booster[:, :3]
    total = related.sum(axis=1, keepdims=True)
    split = related / np.maximum(total, 1e-12)
    mixed = (1.0 - weight) * split + weight * cross
    return np.hstack([mixed * total, booster[:, 3:]])
