"""The numpy BiLSTM role tagger: LSTM arithmetic, BIO decoding, and (with PyTorch) agreement
of the numpy forward pass with PyTorch's on a tiny random network."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corroborate.attribution.neural import (
    CUE_LABELS,
    LABELS,
    Ensemble,
    RoleNet,
    Transitions,
    allowed_transitions,
    bio_allowed,
    length_batches,
    lstm_forward,
    reverse_padded,
    viterbi,
    viterbi_bio,
    viterbi_many,
)
from corroborate.attribution.tagger import model_dir, read_meta


def _scores(*rows: dict[str, float]) -> np.ndarray:
    """Log-probability-like scores: the named labels get their value, the others -10."""
    scores = np.full((len(rows), len(LABELS)), -10.0)
    for t, row in enumerate(rows):
        for label, value in row.items():
            scores[t, LABELS.index(label)] = value
    return scores


def test_lstm_step_by_hand() -> None:
    # one unit, one input; all weights 1 and bias 0, input 1 then 0
    w_ih, w_hh, bias = np.ones((4, 1)), np.ones((4, 1)), np.zeros(4)
    out = lstm_forward(np.array([[[1.0], [0.0]]]), w_ih, w_hh, bias)
    sigmoid = 1 / (1 + np.exp(-1.0))
    c1 = sigmoid * np.tanh(1.0)  # forget * 0 + input gate * candidate
    h1 = sigmoid * np.tanh(c1)
    s2 = 1 / (1 + np.exp(-h1))  # every gate sees h1 at step two
    c2 = s2 * c1 + s2 * np.tanh(h1)
    h2 = s2 * np.tanh(c2)
    assert out[0, :, 0] == pytest.approx([h1, h2])


def test_padding_does_not_change_earlier_outputs() -> None:
    rng = np.random.default_rng(0)
    w_ih, w_hh, bias = rng.normal(size=(8, 3)), rng.normal(size=(8, 2)), rng.normal(size=8)
    short = rng.normal(size=(1, 2, 3))
    padded = np.concatenate([short, rng.normal(size=(1, 3, 3))], axis=1)
    assert np.allclose(
        lstm_forward(short, w_ih, w_hh, bias), lstm_forward(padded, w_ih, w_hh, bias)[:, :2]
    )


def test_sorted_lengths_run_each_sequence_as_if_alone() -> None:
    rng = np.random.default_rng(4)
    w_ih, w_hh, bias = rng.normal(size=(8, 3)), rng.normal(size=(8, 2)), rng.normal(size=8)
    lengths = [5, 3, 3, 1]
    batch = rng.normal(size=(4, 5, 3))  # the padding is noise, not zeros
    out = lstm_forward(batch, w_ih, w_hh, bias, lengths)
    for b, n in enumerate(lengths):
        alone = lstm_forward(batch[b : b + 1, :n], w_ih, w_hh, bias)
        assert np.allclose(out[b, :n], alone[0])
        assert not out[b, n:].any()


def test_unsorted_lengths_are_refused() -> None:
    w_ih, w_hh, bias = np.ones((4, 1)), np.ones((4, 1)), np.zeros(4)
    with pytest.raises(ValueError, match="longest first"):
        lstm_forward(np.zeros((2, 3, 1)), w_ih, w_hh, bias, [2, 3])


def _random_net(seed: int, labels: tuple[str, ...] = LABELS) -> RoleNet:
    """A one-layer CRF network with random weights: input 4 (embeddings 2 + vectors 2)."""
    rng = np.random.default_rng(seed)
    layer = {}
    for d in ("f", "b"):
        layer |= {f"w_ih_{d}": rng.normal(size=(12, 4)), f"w_hh_{d}": rng.normal(size=(12, 3)),
                  f"bias_{d}": rng.normal(size=12)}
    n = len(labels)
    return RoleNet(
        vocab={"a": 1, "b": 2}, embed=rng.normal(size=(3, 2)), layers=[layer],
        out_w=rng.normal(size=(n, 6)), out_b=rng.normal(size=n), use_vectors=True,
        vector_dim=2, labels=labels,
        transitions=Transitions(rng.normal(size=(n, n)), rng.normal(size=n), rng.normal(size=n)),
    )


def test_ensemble_averages_scores_and_transitions() -> None:
    one, two = _random_net(5), _random_net(6)
    features, vectors = [["a"], ["b", "c"], ["a", "b"]], np.ones((3, 2))
    ensemble = Ensemble([one, two])
    [got] = ensemble.scores([ensemble.encode(features, vectors)])
    [first] = one.scores([one.encode(features, vectors)])
    [second] = two.scores([two.encode(features, vectors)])
    assert np.allclose(got, (first + second) / 2)
    pairs = (one.transitions.pairs + two.transitions.pairs) / 2
    assert np.allclose(ensemble.transitions.pairs, pairs)
    assert ensemble.labels == LABELS


def test_ensemble_refuses_networks_with_other_labels() -> None:
    with pytest.raises(ValueError, match="same labels"):
        Ensemble([_random_net(5), _random_net(6, CUE_LABELS)])


def test_reverse_padded_keeps_padding_at_the_end() -> None:
    values = np.array([[[1], [2], [3]], [[4], [5], [0]]])
    assert reverse_padded(values, [3, 2])[:, :, 0].tolist() == [[3, 2, 1], [5, 4, 0]]


def test_inside_label_only_after_its_begin() -> None:
    allowed = allowed_transitions()
    index = LABELS.index
    assert allowed[index("B-C"), index("I-C")] and allowed[index("I-C"), index("I-C")]
    assert not allowed[index("O"), index("I-C")] and not allowed[index("B-S"), index("I-C")]
    assert allowed[index("I-S"), index("B-C")]


def test_viterbi_repairs_a_stray_inside_label() -> None:
    # greedy would give O I-C I-C: invalid, since content must open with B-C
    scores = _scores({"O": -0.1, "B-C": -3}, {"I-C": -0.1, "B-C": -1}, {"I-C": -0.1})
    assert viterbi_bio(scores, np.zeros(3, dtype=bool)) == ["O", "B-C", "I-C"]


def test_viterbi_labels_exactly_the_cue_tokens_x() -> None:
    scores = _scores({"B-S": -0.1, "X": -0.01}, {"O": -0.1}, {"X": -5, "B-C": -0.1})
    cue = np.array([False, False, True])
    assert viterbi_bio(scores, cue) == ["B-S", "O", "X"]


def test_viterbi_cannot_continue_content_across_the_cue() -> None:
    scores = _scores({"B-C": -0.1}, {"X": -0.1}, {"I-C": -0.1, "B-C": -2})
    assert viterbi_bio(scores, np.array([False, True, False])) == ["B-C", "X", "B-C"]


def test_viterbi_adds_learned_transitions() -> None:
    scores = _scores({"B-C": -0.1}, {"O": -0.1, "I-C": -1.0})
    none = np.zeros(2, dtype=bool)
    assert viterbi_bio(scores, none) == ["B-C", "O"]
    pairs = np.zeros((len(LABELS), len(LABELS)))
    pairs[LABELS.index("B-C"), LABELS.index("I-C")] = 2.0
    zeros = np.zeros(len(LABELS))
    assert viterbi_bio(scores, none, Transitions(pairs, zeros, zeros)) == ["B-C", "I-C"]


def padded_ids(net: RoleNet, features: list[list[str]]) -> list[list[int]]:
    """Feature ids per token, padded with 0 ("unknown") to one width, as training feeds them."""
    rows = [[net.vocab.get(f, 0) for f in token] for token in features]
    width = max(len(row) for row in rows)
    return [row + [0] * (width - len(row)) for row in rows]


def load_exported(path: Path, runtime: str) -> RoleNet:
    """The network exported to `path` (.npz), run in numpy or (exported again) on ONNX."""
    if runtime == "numpy":
        return RoleNet.load(path, runtime="numpy")
    pytest.importorskip("onnx")
    from corroborate.training.attribution_onnx import export_onnx

    export_onnx(path)
    net = RoleNet.load(path)
    assert net.onnx is not None
    return net


@pytest.mark.parametrize("runtime", ["numpy", "onnx"])
@pytest.mark.parametrize("crf", [False, True])
def test_forward_matches_torch(tmp_path: Path, crf: bool, runtime: str) -> None:
    torch = pytest.importorskip("torch")
    from corroborate.training.attribution_neural import NeuralSettings, export, make_network

    torch.manual_seed(1)
    settings = NeuralSettings(embed_dim=5, hidden=4, layers=2, dropout=0.0, crf=crf)
    network = make_network(vocab_size=7, vector_dim=3, settings=settings).eval()
    with torch.no_grad():  # the export stores embeddings in float16: round them alike
        network.embed.weight.copy_(network.embed.weight.half().float())
    vocab = [f"f{n}" for n in range(1, 8)]
    export(network, vocab, settings, 3, tmp_path / "role.npz")
    net = load_exported(tmp_path / "role.npz", runtime)
    rng = np.random.default_rng(2)
    windows, expected = [], []
    for length in (2, 4, 3):  # not sorted: scores() sorts and puts them back
        features = [[f"f{rng.integers(1, 8)}", "unseen", f"f{rng.integers(1, 8)}"]
                    for _ in range(length)]
        vectors = rng.normal(size=(length, 3)).astype(np.float32)
        windows.append(net.encode(features, vectors))
        with torch.no_grad():
            logits = network(
                torch.tensor([padded_ids(net, features)]), torch.from_numpy(vectors)[None],
                torch.tensor([length]),
            )[0]
        expected.append((logits if crf else torch.log_softmax(logits, dim=1)).numpy())
    for got, want in zip(net.scores(windows), expected, strict=True):
        assert got.shape == want.shape
        assert np.allclose(got, want, atol=1e-5)
    if crf:
        assert net.transitions is not None
        assert np.allclose(net.transitions.pairs, network.crf_pairs.detach().numpy())


def test_crf_loss_matches_enumeration() -> None:
    torch = pytest.importorskip("torch")
    import itertools

    from corroborate.attribution.neural import allowed_starts, allowed_transitions
    from corroborate.training.attribution_neural import NeuralSettings, crf_loss, make_network

    torch.manual_seed(3)
    network = make_network(vocab_size=2, vector_dim=0, settings=NeuralSettings(
        embed_dim=2, hidden=2, use_vectors=False, crf=True))
    with torch.no_grad():
        for parameter in (network.crf_pairs, network.crf_start, network.crf_end):
            parameter.normal_()
    logits = torch.randn(1, 3, len(LABELS))
    gold = [LABELS.index(label) for label in ("B-S", "X", "B-C")]
    loss = crf_loss(torch, network, logits, torch.tensor([gold]), torch.tensor([3]))

    pairs, start, end = network.crf_pairs, network.crf_start, network.crf_end

    def score(path: tuple[int, ...]) -> torch.Tensor:
        total = start[path[0]] + end[path[-1]] + sum(logits[0, t, y] for t, y in enumerate(path))
        return total + sum(pairs[a, b] for a, b in itertools.pairwise(path))

    allowed, starts, x = allowed_transitions(), allowed_starts(), LABELS.index("X")
    valid = [
        path for path in itertools.product(range(len(LABELS)), repeat=3)
        if starts[path[0]] and all(allowed[a, b] for a, b in itertools.pairwise(path))
        and [y == x for y in path] == [False, True, False]
    ]
    log_z = torch.logsumexp(torch.stack([score(path) for path in valid]), dim=0)
    expected = (log_z - score(tuple(gold))).item() / 3
    assert loss.item() == pytest.approx(expected, abs=1e-4)


def test_viterbi_many_decodes_each_sequence_as_alone() -> None:
    rng = np.random.default_rng(8)
    n = len(LABELS)
    learned = Transitions(rng.normal(size=(n, n)), rng.normal(size=n), rng.normal(size=n))
    scores = [rng.normal(size=(length, n)) for length in (5, 1, 9, 2)]
    cues = [rng.random(len(window)) < 0.3 for window in scores]
    allowed = [bio_allowed(w.shape, cue) for w, cue in zip(scores, cues, strict=True)]
    alone = [viterbi(w, LABELS, learned, a) for w, a in zip(scores, allowed, strict=True)]
    assert viterbi_many(scores, LABELS, learned, allowed) == alone
    cue_scores = [w[:, :3] for w in scores]
    assert viterbi_many(cue_scores, CUE_LABELS) == [viterbi(w, CUE_LABELS) for w in cue_scores]


@pytest.mark.parametrize("name", ["cue.npz", "cue-1.npz", "role.npz"])
def test_shipped_onnx_networks_match_their_numpy_weights(name: str) -> None:
    """Float32 exports match the numpy forward pass to float precision; int8 ones (meta.json's
    `quantisation`) within a small share of each window's score range."""
    path = model_dir() / name
    if not path.with_suffix(".onnx").is_file():
        pytest.skip(f"no ONNX export of {name} shipped")
    quantised = path.with_suffix(".onnx").name in read_meta(model_dir()).get(
        "quantisation", {}
    ).get("networks", [])
    on_onnx, in_numpy = RoleNet.load(path), RoleNet.load(path, runtime="numpy")
    assert on_onnx.onnx is not None and in_numpy.onnx is None
    rng = np.random.default_rng(9)
    words = list(in_numpy.vocab)
    windows = [
        [list(rng.choice(words, size=12)) for _ in range(length)] for length in (7, 30, 1)
    ]
    vectors = [rng.normal(scale=0.5, size=(len(w), in_numpy.vector_dim)) for w in windows]
    inputs = [in_numpy.encode(w, v) for w, v in zip(windows, vectors, strict=True)]
    for got, want in zip(on_onnx.scores(inputs), in_numpy.scores(inputs), strict=True):
        if quantised:
            assert np.abs(got - want).max() < 0.05 * np.ptp(want)
        else:
            assert np.allclose(got, want, atol=1e-3)


def test_length_batches_keep_padding_under_a_tenth() -> None:
    lengths = [40, 35, 31, 29, 12, 10, 9, 2]
    batches = length_batches(lengths)
    assert [list(b) for b in batches] == [[0], [1], [2, 3], [4], [5, 6], [7]]
    for batch in batches:
        assert all(lengths[n] >= 0.9 * lengths[batch[0]] for n in batch)
