"""The neural taggers at run time: a BiLSTM-CRF in numpy, for roles over a cue's window
(labels `LABELS`) and for cues over a sentence (labels `CUE_LABELS`).

Trained with PyTorch (`corroborate.training.attribution_neural`, the optional `train` extra),
but run here with numpy only, from weights exported to a .npz file: the runtime must not
pull in PyTorch (a large dependency that the rest of Corroborate does not need), and a
one- or two-layer LSTM is a few lines of matrix products.

Per token of the window the input is the sum of the embeddings of its role features (the
same feature strings the CRF reads, `features.role_features`, looked up in a vocabulary of
the frequent ones) concatenated, optionally, with the English pipeline's contextual tok2vec
vector (the cue tagger reads the cue features, `features.cue_features`, the same way). The
BiLSTM's output goes through a linear layer to one score per label; labels are decoded with a
Viterbi search restricted to valid BIO sequences (`viterbi`; for roles `viterbi_bio`, which
also labels exactly the cue's tokens X). The exported file names its label set.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

import numpy as np

# label set of the role tagger, in the order of the network's outputs
LABELS = ("O", "X", "B-S", "I-S", "B-C", "I-C")
X = LABELS.index("X")
# label set of the neural cue tagger
CUE_LABELS = ("O", "B-CUE", "I-CUE")
UNKNOWN = 0  # vocabulary id 0: a feature string not in the vocabulary (its embedding is 0)


def allowed_transitions(labels: Sequence[str] = LABELS) -> np.ndarray:
    """allowed[a, b]: label b may follow label a (I-R only after B-R or I-R)."""
    index = {label: n for n, label in enumerate(labels)}
    allowed = np.ones((len(labels), len(labels)), dtype=bool)
    for label, inside in index.items():
        if label.startswith("I-"):
            allowed[:, inside] = False
            allowed[[index[f"B-{label[2:]}"], inside], inside] = True
    return allowed


def allowed_starts(labels: Sequence[str] = LABELS) -> np.ndarray:
    return np.array([not label.startswith("I-") for label in labels])


@dataclass(frozen=True)
class Transitions:
    """Learned label-pair scores of a CRF output layer (labels x labels), and of the first
    and last label of a window."""

    pairs: np.ndarray
    start: np.ndarray
    end: np.ndarray


def viterbi(
    scores: np.ndarray, labels: Sequence[str], learned: Transitions | None = None,
    allowed_here: np.ndarray | None = None,
) -> list[str]:
    """Best sequence of `labels` under `scores` (tokens x labels: log-probabilities, or
    emission scores of a CRF layer with its `learned` transitions) among valid BIO sequences,
    and where `allowed_here` (tokens x labels) is given, only labels it allows per token."""
    n = scores.shape[0]
    if n == 0:
        return []
    emissions = scores if allowed_here is None else np.where(allowed_here, scores, -np.inf)
    transitions = np.where(allowed_transitions(labels), 0.0, -np.inf)
    first = emissions[0]
    if learned is not None:
        transitions, first = transitions + learned.pairs, first + learned.start
        emissions = emissions.copy()
        emissions[-1] += learned.end
    best = np.where(allowed_starts(labels), first, -np.inf)
    back = np.zeros((n, len(labels)), dtype=np.int64)
    for t in range(1, n):
        candidates = best[:, None] + transitions  # previous label x next label
        back[t] = candidates.argmax(axis=0)
        best = candidates.max(axis=0) + emissions[t]
    path = [int(best.argmax())]
    for t in range(n - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return [labels[i] for i in reversed(path)]


def viterbi_many(
    scores: Sequence[np.ndarray], labels: Sequence[str], learned: Transitions | None = None,
    allowed_here: Sequence[np.ndarray] | None = None,
) -> list[list[str]]:
    """`viterbi` of each sequence, all decoded in one pass over time (a report's windows
    together: one numpy call per step for all of them, not one per window and step); the
    same sums in the same order, so the same labels."""
    if not scores:
        return []
    lengths = np.array([len(s) for s in scores])
    steps, size = int(lengths.max()), len(labels)
    if steps == 0:
        return [[] for _ in scores]
    emissions = np.full((len(scores), steps, size), -np.inf)
    for b, window in enumerate(scores):
        here = window if allowed_here is None else np.where(allowed_here[b], window, -np.inf)
        emissions[b, : len(window)] = here
    transitions = np.where(allowed_transitions(labels), 0.0, -np.inf)
    best = emissions[:, 0].copy()
    if learned is not None:
        transitions, best = transitions + learned.pairs, best + learned.start
        longer = lengths > 1  # as `viterbi`: a one-token sequence gets no end score
        emissions[longer, lengths[longer] - 1] += learned.end
    best = np.where(allowed_starts(labels), best, -np.inf)
    back = np.broadcast_to(np.arange(size), (steps, len(scores), size)).copy()
    for t in range(1, steps):
        going = t < lengths  # finished sequences keep their scores; back stays identity
        candidates = best[going, :, None] + transitions
        back[t, going] = candidates.argmax(axis=1)
        best[going] = candidates.max(axis=1) + emissions[going, t]
    path = np.empty((len(scores), steps), dtype=np.int64)
    path[:, -1] = best.argmax(axis=1)
    rows = np.arange(len(scores))
    for t in range(steps - 1, 0, -1):
        path[:, t - 1] = back[t, rows, path[:, t]]
    return [[labels[i] for i in path[b, :n]] for b, n in enumerate(lengths.tolist())]


def bio_allowed(shape: tuple[int, ...], cue: np.ndarray) -> np.ndarray:
    """Per token, the role labels allowed: X on exactly the tokens where `cue` is true."""
    allowed_here = np.zeros(shape, dtype=bool)
    allowed_here[cue, X] = True
    allowed_here[~cue] = True
    allowed_here[~cue, X] = False
    return allowed_here


def viterbi_bio(
    scores: np.ndarray, cue: np.ndarray, learned: Transitions | None = None
) -> list[str]:
    """Best role label sequence (`viterbi` over `LABELS`) in which exactly the tokens where
    `cue` is true are labelled X."""
    return viterbi(scores, LABELS, learned, bio_allowed(scores.shape, cue))


# Windows per LSTM batch: large enough for numpy's matrix products to pay off, small enough
# that a batch's activations stay in the tens of megabytes.
BATCH_WINDOWS = 256
# onnxruntime's LSTM runs every sequence of a batch for the batch's longest (it zeroes the
# outputs past each sequence's length but computes them), so a batch only takes windows at
# least this share of its longest one's length: at most a tenth of its work is padding. With
# a pipeline batch's windows together (16 reports), batches stay full at 0.9: the networks
# took 8% less time than at 0.75 over 60 FNC-1 bodies (0.95 gained nothing more)
PADDING_RATIO = 0.9


def length_batches(lengths: Sequence[int]) -> list[range]:
    """Consecutive batches of positions in `lengths` (sorted longest first), each of at most
    BATCH_WINDOWS windows no shorter than PADDING_RATIO times its first (longest) one."""
    batches, start = [], 0
    for n, length in enumerate(lengths):
        if n > start and (n - start == BATCH_WINDOWS or length < PADDING_RATIO * lengths[start]):
            batches.append(range(start, n))
            start = n
    if len(lengths) > start:
        batches.append(range(start, len(lengths)))
    return batches


@dataclass(frozen=True)
class FeatureRows:
    """A window's feature ids (flat, token after token) and each token's first position."""

    ids: np.ndarray
    starts: np.ndarray


def _starts(counts: np.ndarray) -> np.ndarray:
    starts = np.zeros(len(counts), dtype=np.int64)
    np.cumsum(counts[:-1], out=starts[1:])
    return starts


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)  # overflow-free form of 1 / (1 + exp(-x))


def lstm_forward(
    inputs: np.ndarray, w_ih: np.ndarray, w_hh: np.ndarray, bias: np.ndarray,
    lengths: Sequence[int] | None = None,
) -> np.ndarray:
    """One LSTM direction over a batch (batch x time x in) -> (batch x time x hidden), with
    PyTorch's weight layout: gates stacked as input, forget, cell, output; `bias` is
    b_ih + b_hh. Sequences padded at the end: padding never changes earlier outputs. With
    `lengths` sorted longest first, each step runs only the sequences still going (as
    PyTorch's packed sequences do) and padded outputs are zeros."""
    batch, steps, _ = inputs.shape
    hidden = w_hh.shape[1]
    projected = inputs @ w_ih.T + bias  # all input products at once, batch x time x 4H
    w_hh_t = np.ascontiguousarray(w_hh.T)
    running = _running(lengths, batch, steps)
    h = np.zeros((batch, hidden), dtype=inputs.dtype)
    c = np.zeros((batch, hidden), dtype=inputs.dtype)
    outputs = np.zeros((batch, steps, hidden), dtype=inputs.dtype)
    for t in range(steps):
        k = running[t]
        gates = projected[:k, t] + h[:k] @ w_hh_t
        # one sigmoid over all four gates (the cell gate's share is unused) costs fewer
        # numpy calls than three sigmoids on slices: this loop is the tagger's hot path
        squashed = _sigmoid(gates)
        i, f, o = squashed[:, :hidden], squashed[:, hidden : 2 * hidden], squashed[:, 3 * hidden :]
        c[:k] = f * c[:k] + i * np.tanh(gates[:, 2 * hidden : 3 * hidden])
        h[:k] = o * np.tanh(c[:k])
        outputs[:k, t] = h[:k]
    return outputs


def _running(lengths: Sequence[int] | None, batch: int, steps: int) -> list[int]:
    """How many sequences (the first ones, lengths sorted longest first) run at each step."""
    if lengths is None:
        return [batch] * steps
    if any(a < b for a, b in zip(lengths, lengths[1:], strict=False)):
        raise ValueError("lengths must be sorted longest first")
    counts = np.searchsorted(-np.asarray(lengths), -np.arange(steps), side="left")
    return counts.tolist()


def reverse_padded(values: np.ndarray, lengths: Sequence[int]) -> np.ndarray:
    """Each sequence reversed within its own length (padding stays at the end)."""
    out = np.zeros_like(values)
    for b, n in enumerate(lengths):
        out[b, :n] = values[b, :n][::-1]
    return out


class OnnxNetwork:
    """A network exported by `corroborate train attribution-onnx` (LSTM layers and output
    layer), run by onnxruntime on one thread: its fused LSTM kernel runs a step in C++
    where `lstm_forward` pays for about ten numpy calls, which made the taggers more than
    half of ingest time. One thread: the products are small (a few windows x 128 x 512),
    and spreading them over cores cost more in synchronisation than it gained."""

    def __init__(self, path: Path) -> None:
        import onnxruntime  # imported on use: loading it costs commands that tag nothing

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        self.session = onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"]
        )

    def __call__(self, batch: np.ndarray, lengths: Sequence[int]) -> np.ndarray:
        """Label scores (batch x time x labels) of a padded batch (batch x time x input)."""
        feeds = {"x": batch, "lengths": np.asarray(lengths, dtype=np.int32)}
        return self.session.run(["scores"], feeds)[0]


def _onnx_beside(path: Path) -> OnnxNetwork | None:
    exported = path.with_suffix(".onnx")
    return OnnxNetwork(exported) if exported.is_file() else None


@dataclass
class RoleNet:
    """Weights of the exported network (see `train_neural.export`), its vocabulary and its
    label set (files without one hold a role tagger: `LABELS`)."""

    vocab: dict[str, int]
    embed: np.ndarray  # vocabulary x dim; row 0 (unknown) is zeros
    layers: list[dict[str, np.ndarray]]  # per layer and direction: w_ih, w_hh, bias
    out_w: np.ndarray
    out_b: np.ndarray
    use_vectors: bool
    vector_dim: int
    transitions: Transitions | None = None  # a CRF output layer's; None: softmax outputs
    labels: tuple[str, ...] = LABELS
    onnx: OnnxNetwork | None = None  # the same network on onnxruntime (`lstm_forward` if None)

    @classmethod
    def load(cls, path: Path, runtime: str = "auto") -> RoleNet:
        """The network in `path` (.npz). `runtime` "auto": run it on onnxruntime when its
        ONNX export lies beside it (same name, .onnx), else in numpy; "numpy": always numpy
        (the reference the export is checked against)."""
        with np.load(path) as data:
            arrays = {name: data[name] for name in data.files}
        words = bytes(arrays.pop("vocab")).decode("utf-8").split("\n")
        labels = LABELS
        if "labels" in arrays:
            labels = tuple(bytes(arrays.pop("labels")).decode("utf-8").split("\n"))
        config = arrays.pop("config")  # [layers, use_vectors, vector_dim]
        layers = []
        for n in range(int(config[0])):
            layer = {}
            for d in ("f", "b"):
                for name in ("w_ih", "w_hh", "bias"):
                    layer[f"{name}_{d}"] = arrays[f"l{n}_{name}_{d}"].astype(np.float32)
            layers.append(layer)
        transitions = None
        if "crf_pairs" in arrays:
            transitions = Transitions(
                arrays["crf_pairs"].astype(np.float64), arrays["crf_start"].astype(np.float64),
                arrays["crf_end"].astype(np.float64),
            )
        return cls(
            vocab={word: n for n, word in enumerate(words, start=1)},
            embed=arrays["embed"].astype(np.float32), layers=layers,
            out_w=arrays["out_w"].astype(np.float32), out_b=arrays["out_b"].astype(np.float32),
            use_vectors=bool(config[1]), vector_dim=int(config[2]), transitions=transitions,
            labels=labels, onnx=_onnx_beside(path) if runtime == "auto" else None,
        )

    def feature_ids(self, features: list[list[str]]) -> np.ndarray:
        """The vocabulary ids of all the window's feature strings, token after token."""
        flat = [f for token in features for f in token]
        return np.fromiter(map(self.vocab.get, flat, repeat(UNKNOWN)), np.int64, len(flat))

    def lookup(self, features: list[list[str]]) -> FeatureRows:
        """The window's feature ids, token after token, and where each token's start. Ids of
        strings not in the vocabulary (0, whose embedding is zeros) stay: numpy sums a long
        run of rows pairwise, so dropping zeros would move the others and change the sums
        in their last bits."""
        counts = np.fromiter(map(len, features), np.int64, len(features))
        return FeatureRows(self.feature_ids(features), _starts(counts))

    def embed_rows(self, rows: FeatureRows, vectors: np.ndarray | None) -> np.ndarray:
        """A window's network input from its `lookup`: per token the sum of its features'
        embeddings, in the order of its features, then the vectors."""
        summed = np.add.reduceat(self.embed[rows.ids], rows.starts, axis=0)
        if not self.use_vectors:
            return summed
        if vectors is None:  # no pipeline vectors for this text: zeros, as in dropout
            vectors = np.zeros((len(rows.starts), self.vector_dim), dtype=np.float32)
        return np.concatenate([summed, vectors.astype(np.float32)], axis=1)

    @property
    def shared_vocab(self) -> dict[str, int]:
        """The vocabulary `lookup` and `embed` read (an `Ensemble`'s, when its networks
        share one; else None)."""
        return self.vocab

    def encode(self, features: list[list[str]], vectors: np.ndarray | None) -> np.ndarray:
        """A window's network input (tokens x input) from its feature strings and vectors:
        per token the sum of its features' embeddings (every token has the feature
        "bias", so none is empty), then the vectors."""
        return self.embed_rows(self.lookup(features), vectors)

    def scores(self, windows: list[np.ndarray]) -> list[np.ndarray]:
        """Per window (tokens x input), label scores (tokens x labels): log-probabilities,
        or with a CRF output layer its emission scores. Windows run in batches of similar
        lengths (`length_batches`), so that memory stays bounded however long the report
        (one batch of all a long report's windows took gigabytes and grew faster than the
        report) and little is spent on padding."""
        order = sorted(range(len(windows)), key=lambda n: -len(windows[n]))
        scores: list[np.ndarray] = [np.empty(0)] * len(windows)
        for chunk in length_batches([len(windows[n]) for n in order]):
            batch = [order[i] for i in chunk]
            for n, found in zip(batch, self._batch_scores([windows[n] for n in batch]),
                                strict=True):
                scores[n] = found
        return scores

    def _batch_scores(self, windows: list[np.ndarray]) -> list[np.ndarray]:
        """`scores` for windows sorted longest first, run as one batch."""
        lengths = [len(window) for window in windows]
        batch = np.zeros((len(windows), lengths[0], windows[0].shape[1]), dtype=np.float32)
        for b, window in enumerate(windows):
            batch[b, : lengths[b]] = window
        logits = (self.onnx(batch, lengths) if self.onnx is not None
                  else self._numpy_logits(batch, lengths))
        if self.transitions is None:
            logits -= logits.max(axis=2, keepdims=True)
            logits -= np.log(np.exp(logits).sum(axis=2, keepdims=True))
        return [logits[b, : lengths[b]] for b in range(len(windows))]

    def _numpy_logits(self, batch: np.ndarray, lengths: list[int]) -> np.ndarray:
        """The network's output scores (batch x time x labels) by the numpy step loop."""
        for layer in self.layers:
            forward = lstm_forward(
                batch, layer["w_ih_f"], layer["w_hh_f"], layer["bias_f"], lengths
            )
            backward = lstm_forward(
                reverse_padded(batch, lengths), layer["w_ih_b"], layer["w_hh_b"],
                layer["bias_b"], lengths,
            )
            batch = np.concatenate([forward, reverse_padded(backward, lengths)], axis=2)
        return batch @ self.out_w.T + self.out_b


@dataclass
class Ensemble:
    """Several networks trained alike (other seeds) read as one: their emission scores and
    CRF transitions are averaged, so one Viterbi search decodes them (on PolNeAR dev, two
    cue networks gain about half a point of content exact F1 over one, SOURCES.md). Each
    window is encoded once per network, as each has its own vocabulary and embeddings."""

    nets: list[RoleNet]
    transitions: Transitions | None = field(init=False)  # the averaged CRF layer, if any
    # the networks' vocabulary where they all have the same one, else None
    shared_vocab: dict[str, int] | None = field(init=False)

    def __post_init__(self) -> None:
        same = all(net.vocab == self.nets[0].vocab for net in self.nets)
        self.shared_vocab = self.nets[0].vocab if self.nets and same else None
        if not self.nets or len({net.labels for net in self.nets}) != 1:
            raise ValueError("an ensemble needs one or more networks with the same labels")
        learned = [net.transitions for net in self.nets]
        if len({t is None for t in learned}) != 1:
            raise ValueError("an ensemble cannot mix CRF and softmax networks")
        self.transitions = None
        if learned[0] is not None:
            self.transitions = Transitions(
                np.mean([t.pairs for t in learned], axis=0),
                np.mean([t.start for t in learned], axis=0),
                np.mean([t.end for t in learned], axis=0),
            )

    @property
    def labels(self) -> tuple[str, ...]:
        return self.nets[0].labels

    def encode(self, features: list[list[str]], vectors: np.ndarray | None) -> list[np.ndarray]:
        """The window's input to each network; the feature strings are looked up once for
        all networks that share a vocabulary (networks trained alike on the same data do)."""
        if self.shared_vocab is not None:
            return self.embed_rows(self.nets[0].lookup(features), vectors)
        return [net.encode(features, vectors) for net in self.nets]

    def embed_rows(self, rows: FeatureRows, vectors: np.ndarray | None) -> list[np.ndarray]:
        """Each network's input from ids of the shared vocabulary."""
        return [net.embed_rows(rows, vectors) for net in self.nets]

    def scores(self, windows: list[list[np.ndarray]]) -> list[np.ndarray]:
        per_net = [net.scores([w[n] for w in windows]) for n, net in enumerate(self.nets)]
        return [np.mean(window, axis=0) for window in zip(*per_net, strict=True)]
