"""The BiLSTM machinery with the cue label set: BIO constraints, decoding, export and
loading of the label set, the CRF loss without an X label, and a trained cue tagger."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from corroborate.attribution.neural import (
    CUE_LABELS,
    LABELS,
    RoleNet,
    Transitions,
    allowed_starts,
    allowed_transitions,
    viterbi,
)
from corroborate.attribution.tagger import AttributionTagger, NeuralCues, model_dir
from corroborate.errors import CorroborateError
from corroborate.training.attribution import TrainSettings, train
from tests.attribution.test_neural_role_tagger import padded_ids
from tests.fixtures.polnear import TEXT


def _scores(*rows: dict[str, float]) -> np.ndarray:
    scores = np.full((len(rows), len(CUE_LABELS)), -10.0)
    for t, row in enumerate(rows):
        for label, value in row.items():
            scores[t, CUE_LABELS.index(label)] = value
    return scores


def test_inside_cue_only_after_a_cue_label() -> None:
    allowed, index = allowed_transitions(CUE_LABELS), CUE_LABELS.index
    assert allowed[index("B-CUE"), index("I-CUE")] and allowed[index("I-CUE"), index("I-CUE")]
    assert not allowed[index("O"), index("I-CUE")]
    assert allowed_starts(CUE_LABELS).tolist() == [True, True, False]


def test_viterbi_repairs_a_stray_inside_cue() -> None:
    scores = _scores({"O": -0.1, "B-CUE": -3}, {"I-CUE": -0.1, "B-CUE": -1}, {"O": -0.1})
    assert viterbi(scores, CUE_LABELS) == ["O", "B-CUE", "O"]


def test_viterbi_adds_learned_cue_transitions() -> None:
    scores = _scores({"B-CUE": -0.1}, {"O": -0.1, "I-CUE": -1.0})
    assert viterbi(scores, CUE_LABELS) == ["B-CUE", "O"]
    pairs, zeros = np.zeros((3, 3)), np.zeros(3)
    pairs[CUE_LABELS.index("B-CUE"), CUE_LABELS.index("I-CUE")] = 2.0
    assert viterbi(scores, CUE_LABELS, Transitions(pairs, zeros, zeros)) == ["B-CUE", "I-CUE"]


def _tiny_cue_net(tmp_path: Path):  # (torch network, exported RoleNet)
    torch = pytest.importorskip("torch")
    from corroborate.training.attribution_neural import NeuralSettings, export, make_network

    torch.manual_seed(4)
    settings = NeuralSettings(embed_dim=5, hidden=4, layers=1, dropout=0.0, crf=True)
    network = make_network(7, 3, settings, len(CUE_LABELS)).eval()
    with torch.no_grad():  # the export stores embeddings in float16: round them alike
        network.embed.weight.copy_(network.embed.weight.half().float())
    export(network, [f"f{n}" for n in range(1, 8)], settings, 3, tmp_path / "cue.npz",
           CUE_LABELS)
    return network, RoleNet.load(tmp_path / "cue.npz")


def test_export_keeps_the_label_set_and_numpy_matches_torch(tmp_path: Path) -> None:
    torch = pytest.importorskip("torch")

    network, net = _tiny_cue_net(tmp_path)
    assert net.labels == CUE_LABELS
    features = [["f1", "f3"], ["f7", "unseen"], ["f2"]]
    vectors = np.random.default_rng(5).normal(size=(3, 3)).astype(np.float32)
    [got] = net.scores([net.encode(features, vectors)])
    padded = padded_ids(net, features)
    with torch.no_grad():
        want = network(torch.tensor([padded]), torch.from_numpy(vectors)[None],
                       torch.tensor([3]))[0].numpy()
    assert got.shape == (3, len(CUE_LABELS)) and np.allclose(got, want, atol=1e-5)


def test_a_role_net_file_without_labels_loads_as_role_labels() -> None:
    path = model_dir() / "role.npz"
    if not path.is_file():
        pytest.skip("no shipped BiLSTM role tagger")
    net = RoleNet.load(path)
    assert net.labels == LABELS
    with pytest.raises(CorroborateError):
        NeuralCues(net)


def test_crf_loss_without_x_matches_enumeration() -> None:
    torch = pytest.importorskip("torch")
    from corroborate.training.attribution_neural import NeuralSettings, crf_loss, make_network

    torch.manual_seed(6)
    network = make_network(2, 0, NeuralSettings(embed_dim=2, hidden=2, use_vectors=False),
                           len(CUE_LABELS))
    with torch.no_grad():
        for parameter in (network.crf_pairs, network.crf_start, network.crf_end):
            parameter.normal_()
    logits = torch.randn(1, 3, len(CUE_LABELS))
    gold = [CUE_LABELS.index(label) for label in ("B-CUE", "I-CUE", "O")]
    loss = crf_loss(torch, network, logits, torch.tensor([gold]), torch.tensor([3]), CUE_LABELS)
    pairs, start, end = network.crf_pairs, network.crf_start, network.crf_end

    def score(path: tuple[int, ...]) -> torch.Tensor:
        total = start[path[0]] + end[path[-1]] + sum(logits[0, t, y] for t, y in enumerate(path))
        return total + sum(pairs[a, b] for a, b in itertools.pairwise(path))

    allowed, starts = allowed_transitions(CUE_LABELS), allowed_starts(CUE_LABELS)
    valid = [
        path for path in itertools.product(range(len(CUE_LABELS)), repeat=3)
        if starts[path[0]] and all(allowed[a, b] for a, b in itertools.pairwise(path))
    ]
    log_z = torch.logsumexp(torch.stack([score(path) for path in valid]), dim=0)
    assert loss.item() == pytest.approx((log_z - score(tuple(gold))).item() / 3, abs=1e-4)


def test_bilstm_cue_tagger_round_trip(polnear_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("torch")
    from corroborate.training.attribution_neural import NeuralSettings

    tiny = NeuralSettings(embed_dim=4, hidden=4, epochs=2, min_count=1, use_vectors=False)
    train(polnear_dir, tmp_path, TrainSettings(role_iterations=5, min_feature_freq=1),
          syntax=False, log=lambda _: None, role_tagger="crf", cue_tagger="bilstm",
          cue_neural=tiny, seeds=(1, 1))
    meta = json.loads((tmp_path / "meta.json").read_text())
    assert meta["cue_tagger"] == "bilstm" and meta["cue_neural"]["hidden"] == 4
    assert meta["cue_nets"] == ["cue.npz"]
    assert (tmp_path / "cue.npz").is_file() and not (tmp_path / "cue.crfsuite").exists()
    tagger = AttributionTagger(tmp_path)
    assert isinstance(tagger.cue, NeuralCues)
    for found in tagger.extract(TEXT):
        assert found.cue.text in TEXT


def test_cli_trains_the_bilstm_cue_tagger(polnear_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("torch")
    from click.testing import CliRunner

    from corroborate.cli.attribution import attribution_train_cli

    args = ["--polnear", str(polnear_dir), "--out", str(tmp_path), "--no-syntax",
            "--cue-tagger", "bilstm", "--cue-epochs", "1", "--role-tagger", "crf",
            "--cue-seeds", "2"]
    result = CliRunner().invoke(attribution_train_cli, args)
    assert result.exit_code == 0, result.output
    meta = json.loads((tmp_path / "meta.json").read_text())
    assert meta["cue_tagger"] == "bilstm" and meta["cue_neural"]["epochs"] == 1
    assert not meta["cue_neural"]["use_vectors"]
    assert meta["cue_nets"] == ["cue.npz", "cue-1.npz"]
