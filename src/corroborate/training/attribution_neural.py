"""Train a BiLSTM tagger (roles, or cues) with PyTorch and export it for `neural.RoleNet`.

Needs the optional `train` extra (`pip install -e .[train]`); nothing at run time imports
this module. Deterministic for a given seed on CPU (seeded shuffling and initialisation,
at most two threads).
"""

from __future__ import annotations

import random
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from corroborate.attribution.neural import (
    LABELS,
    RoleNet,
    allowed_starts,
    allowed_transitions,
)
from corroborate.errors import CorroborateError

# one training example: the window's feature strings per token, its pipeline vectors
# (tokens x dim, or None) and its gold labels
Example = tuple[list[list[str]], "np.ndarray | None", list[str]]


@dataclass(frozen=True)
class NeuralSettings:
    """BiLSTM settings; chosen on PolNeAR dev (see data/models/attribution/SOURCES.md)."""

    embed_dim: int = 64
    hidden: int = 128
    layers: int = 2  # on dev, content exact F1 +1 over one layer
    dropout: float = 0.3
    crf: bool = True  # a CRF output layer (learned transitions); a softmax: content -2
    feature_dropout: float = 0.1  # share of feature ids replaced by "unknown" in training
    use_vectors: bool = True  # add the English pipeline's tok2vec vectors to the input
    min_count: int = 5  # feature strings seen fewer times in train are "unknown"
    # CRF features left out of the vocabulary: the neighbours' words, which the LSTM sees
    dropped_features: tuple[str, ...] = ("-1w=", "1w=", "near=")
    epochs: int = 8
    batch_size: int = 32
    learning_rate: float = 2e-3
    lr_decay: float = 0.8  # the learning rate is multiplied by this after each epoch
    seed: int = 0
    threads: int = 2


# the BiLSTM cue tagger's settings, chosen on dev (SOURCES.md): two layers, 8 epochs; the
# neighbours' words and word pairs left out of the vocabulary (the LSTM sees them)
CUE_SETTINGS = NeuralSettings(
    layers=2, dropped_features=("-2w=", "-1w=", "1w=", "2w=", "bi-=", "bi+="), epochs=8,
)


def require_torch():  # returns the torch module, imported only when training
    try:
        import torch
    except ImportError as err:
        raise CorroborateError(
            "training the BiLSTM role tagger needs PyTorch: pip install -e .[train]"
        ) from err
    return torch


def build_vocab(
    examples: list[Example], min_count: int, dropped: tuple[str, ...] = ()
) -> list[str]:
    """Feature strings seen at least `min_count` times, most frequent first (ties by name),
    except those starting with one of `dropped`."""
    counts = Counter(f for features, _, _ in examples for token in features for f in token)
    kept = [(-n, f) for f, n in counts.items() if n >= min_count and not f.startswith(dropped)]
    return [f for _, f in sorted(kept)]


def make_network(
    vocab_size: int, vector_dim: int, settings: NeuralSettings, n_labels: int = len(LABELS)
):
    """The PyTorch module: summed feature embeddings (+ vectors) -> BiLSTM -> linear."""
    torch = require_torch()
    nn = torch.nn

    class Network(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embed = nn.Embedding(vocab_size + 1, settings.embed_dim, padding_idx=0)
            width = settings.embed_dim + (vector_dim if settings.use_vectors else 0)
            self.lstm = nn.LSTM(
                width, settings.hidden, num_layers=settings.layers, bidirectional=True,
                batch_first=True, dropout=settings.dropout if settings.layers > 1 else 0.0,
            )
            self.drop = nn.Dropout(settings.dropout)
            self.out = nn.Linear(2 * settings.hidden, n_labels)
            if settings.crf:
                self.crf_pairs = nn.Parameter(torch.zeros(n_labels, n_labels))
                self.crf_start = nn.Parameter(torch.zeros(n_labels))
                self.crf_end = nn.Parameter(torch.zeros(n_labels))

        def forward(self, ids, vectors, lengths):
            x = self.embed(ids).sum(dim=2)
            if settings.use_vectors:
                x = torch.cat([x, vectors], dim=2)
            packed = nn.utils.rnn.pack_padded_sequence(
                self.drop(x), lengths, batch_first=True, enforce_sorted=False
            )
            hidden, _ = self.lstm(packed)
            hidden, _ = nn.utils.rnn.pad_packed_sequence(
                hidden, batch_first=True, total_length=ids.shape[1]
            )
            return self.out(self.drop(hidden))

    return Network()


_BLOCKED = -1e4  # score of a label or transition that the decoder never allows


def crf_loss(torch, network, logits, labels, lengths, label_set: tuple[str, ...] = LABELS):
    """Mean negative log-likelihood per token of the gold sequences under the CRF layer,
    over valid BIO sequences of `label_set`; if it has an X label (roles), only those with
    the cue tokens (gold X) labelled X, as `viterbi_bio`."""
    emissions = logits
    if "X" in label_set:
        x = label_set.index("X")
        is_cue = (labels == x)[:, :, None]
        is_x = torch.arange(len(label_set)) == x
        emissions = logits + _BLOCKED * (is_cue != is_x).float()
    blocked_pairs = torch.from_numpy(~allowed_transitions(label_set)).float()
    pairs = network.crf_pairs + _BLOCKED * blocked_pairs
    start = network.crf_start + _BLOCKED * torch.from_numpy(~allowed_starts(label_set)).float()
    steps = labels.shape[1]
    valid = torch.arange(steps)[None, :] < lengths[:, None]
    gold = labels.clamp(min=0)
    gold_score = start[gold[:, 0]] + emissions.gather(2, gold[:, :, None])[:, :, 0].mul(
        valid).sum(1)
    gold_score = gold_score + (pairs[gold[:, :-1], gold[:, 1:]] * valid[:, 1:]).sum(1)
    last = gold.gather(1, (lengths - 1)[:, None])[:, 0]
    gold_score = gold_score + network.crf_end[last]
    alpha = start + emissions[:, 0]
    for t in range(1, steps):
        moved = torch.logsumexp(alpha[:, :, None] + pairs[None] + emissions[:, t, None, :], 1)
        alpha = torch.where(valid[:, t, None], moved, alpha)
    log_z = torch.logsumexp(alpha + network.crf_end, dim=1)
    return (log_z - gold_score).sum() / lengths.sum()


def normalise_bio(labels: list[str]) -> list[str]:
    """An I-R that does not follow B-R or I-R (content resuming after the cue) becomes B-R,
    as the decoder would read it: the same runs, and a valid BIO sequence."""
    fixed = []
    for n, label in enumerate(labels):
        role = label[2:]
        if label.startswith("I-") and (n == 0 or fixed[-1] not in (f"B-{role}", f"I-{role}")):
            label = f"B-{role}"
        fixed.append(label)
    return fixed


def _text_array(lines: list[str] | tuple[str, ...]) -> np.ndarray:
    return np.frombuffer("\n".join(lines).encode("utf-8"), dtype=np.uint8)


def export(network, vocab: list[str], settings: NeuralSettings, vector_dim: int,
           path: Path, labels: tuple[str, ...] = LABELS) -> None:
    """Write the weights as a compressed .npz for `RoleNet.load` (embeddings in float16)."""
    state = {k: v.detach().cpu().numpy() for k, v in network.state_dict().items()}
    arrays = {
        "vocab": _text_array(vocab), "labels": _text_array(labels),
        "config": np.array([settings.layers, int(settings.use_vectors), vector_dim]),
        "embed": state["embed.weight"].astype(np.float16),
        "out_w": state["out.weight"], "out_b": state["out.bias"],
    }
    for n in range(settings.layers):
        for d, suffix in (("f", ""), ("b", "_reverse")):
            arrays[f"l{n}_w_ih_{d}"] = state[f"lstm.weight_ih_l{n}{suffix}"]
            arrays[f"l{n}_w_hh_{d}"] = state[f"lstm.weight_hh_l{n}{suffix}"]
            arrays[f"l{n}_bias_{d}"] = (
                state[f"lstm.bias_ih_l{n}{suffix}"] + state[f"lstm.bias_hh_l{n}{suffix}"]
            )
    if settings.crf:
        for name in ("crf_pairs", "crf_start", "crf_end"):
            arrays[name] = state[name]
    np.savez_compressed(path, **arrays)


def _batches(size: int, lengths: list[int], batch_size: int, rng: random.Random) -> list:
    """Batches of similar lengths (less padding), in random order."""
    order = sorted(range(size), key=lambda n: (lengths[n], rng.random()))
    batches = [order[i : i + batch_size] for i in range(0, size, batch_size)]
    rng.shuffle(batches)
    return batches


def _id_matrix(token_ids: list[list[int]]) -> np.ndarray:
    """Feature ids of a window as tokens x features, padded with 0 ("unknown", embeds to 0)."""
    matrix = np.zeros((len(token_ids), max(len(ids) for ids in token_ids)), dtype=np.int64)
    for t, ids in enumerate(token_ids):
        matrix[t, : len(ids)] = ids
    return matrix


def _tensors(torch, encoded: list, batch: list[int], vector_dim: int):
    """Padded ids (batch x time x features), vectors, labels (-100 = padding), lengths."""
    items = [encoded[n] for n in batch]
    steps = max(len(labels) for _, _, labels in items)
    width = max(ids.shape[1] for ids, _, _ in items)
    ids = np.zeros((len(items), steps, width), dtype=np.int64)
    vectors = np.zeros((len(items), steps, max(vector_dim, 1)), dtype=np.float32)
    labels = np.full((len(items), steps), -100, dtype=np.int64)
    for b, (window_ids, window_vectors, gold) in enumerate(items):
        ids[b, : len(gold), : window_ids.shape[1]] = window_ids
        if window_vectors is not None:
            vectors[b, : len(gold)] = window_vectors
        labels[b, : len(gold)] = gold
    lengths = torch.tensor([len(gold) for _, _, gold in items])
    return torch.from_numpy(ids), torch.from_numpy(vectors), torch.from_numpy(labels), lengths


def fit(
    examples: list[Example], path: Path, settings: NeuralSettings,
    log: Callable[[str], None] = print,
    on_epoch: Callable[[int, RoleNet], None] | None = None, labels: tuple[str, ...] = LABELS,
) -> None:
    """Train on `examples` (gold sequences of `labels`) and export the network to `path`
    (.npz). `on_epoch(epoch, net)` gets the exported network after each epoch (for dev
    figures while choosing settings)."""
    torch = require_torch()
    torch.manual_seed(settings.seed)
    torch.set_num_threads(settings.threads)
    rng = random.Random(settings.seed)
    vocab = build_vocab(examples, settings.min_count, settings.dropped_features)
    index = {f: n for n, f in enumerate(vocab, start=1)}
    vector_dim = next((v.shape[1] for _, v, _ in examples if v is not None), 0)
    if settings.use_vectors and not vector_dim:
        raise CorroborateError("no pipeline vectors in the training data (run with --syntax)")
    label_ids = {label: n for n, label in enumerate(labels)}
    encoded = [
        (_id_matrix([[index.get(f, 0) for f in token] for token in features]), vectors,
         np.array([label_ids[label] for label in normalise_bio(gold)]))
        for features, vectors, gold in examples
    ]
    log(f"BiLSTM tagger: {len(encoded)} sequences, {len(vocab)} feature strings")
    network = make_network(len(vocab), vector_dim, settings, len(labels))
    optimizer = torch.optim.Adam(network.parameters(), lr=settings.learning_rate)
    loss_of = torch.nn.CrossEntropyLoss(ignore_index=-100)
    schedule = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=settings.lr_decay)
    lengths = [len(labels) for _, _, labels in encoded]
    for epoch in range(1, settings.epochs + 1):
        started, total = time.perf_counter(), 0.0
        network.train()
        for batch in _batches(len(encoded), lengths, settings.batch_size, rng):
            ids, vectors, gold, batch_lengths = _tensors(torch, encoded, batch, vector_dim)
            if settings.feature_dropout:
                ids = ids * (torch.rand(ids.shape) >= settings.feature_dropout)
            logits = network(ids, vectors, batch_lengths)
            if settings.crf:
                loss = crf_loss(torch, network, logits, gold, batch_lengths, labels)
            else:
                loss = loss_of(logits.reshape(-1, len(labels)), gold.reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(network.parameters(), 5.0)
            optimizer.step()
            total += loss.item() * len(batch)
        schedule.step()
        network.eval()
        log(f"epoch {epoch}: loss {total / len(encoded):.4f}, "
            f"{time.perf_counter() - started:.0f} s")
        if on_epoch is not None:
            with tempfile.TemporaryDirectory() as tmp:
                export(network, vocab, settings, vector_dim, Path(tmp) / "net.npz", labels)
                on_epoch(epoch, RoleNet.load(Path(tmp) / "net.npz"))
    export(network, vocab, settings, vector_dim, path, labels)
