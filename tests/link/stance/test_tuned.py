"""The opt-in fine-tuned stance model: the booster keeps its unrelated calls, the
cross-encoder shares the related mass; a model folder is checked before it is used."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from corroborate.errors import CorroborateError
from corroborate.link.stance.tuned import META_FILE, MODEL_FILE, combine, load_tuned

BOOSTER = np.array([
    [0.10, 0.05, 0.05, 0.80],  # unrelated, whatever the cross-encoder says
    [0.50, 0.10, 0.30, 0.10],  # related: the booster leans to agree
    [0.40, 0.10, 0.40, 0.10],
])  # fmt: skip
CROSS = np.array([[0.0, 1.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])


def test_unrelated_rows_keep_the_booster_and_related_rows_follow_the_mix() -> None:
    ones = np.ones(4)
    probs, labels = combine(BOOSTER, ones, CROSS, 0.0, np.ones(3))
    assert labels.tolist() == [3, 0, 0]
    np.testing.assert_allclose(probs, BOOSTER / BOOSTER.sum(axis=1, keepdims=True))
    probs, labels = combine(BOOSTER, ones, CROSS, 1.0, np.ones(3))
    assert labels.tolist() == [3, 1, 2]
    np.testing.assert_allclose(probs.sum(axis=1), 1.0)
    np.testing.assert_allclose(probs[0], BOOSTER[0])
    # the related mass is kept: only its split among agree / disagree / discuss changes
    np.testing.assert_allclose(probs[1:, 3], BOOSTER[1:, 3])
    assert probs[1, 1] == pytest.approx(0.9)


def test_related_multipliers_tip_the_split() -> None:
    half = np.full((3, 3), 1.0 / 3)
    _, labels = combine(BOOSTER, np.ones(4), half, 1.0, np.array([1.0, 2.0, 1.0]))
    assert labels.tolist() == [3, 1, 1]


def test_a_folder_without_a_model_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CorroborateError, match="no tuned stance model"):
        load_tuned(tmp_path)


def test_a_network_whose_hash_differs_is_refused(tmp_path: Path) -> None:
    (tmp_path / MODEL_FILE).write_bytes(b"not the network that was described")
    meta = {"sha256": "0" * 64, "weight": 0.25, "multipliers": [1, 1, 1], "max_tokens": 256}
    (tmp_path / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(CorroborateError, match="refusing it"):
        load_tuned(tmp_path)


def test_a_broken_description_is_refused(tmp_path: Path) -> None:
    (tmp_path / MODEL_FILE).write_bytes(b"x")
    (tmp_path / META_FILE).write_text('{"weight": 0.25}', encoding="utf-8")
    with pytest.raises(CorroborateError, match="description"):
        load_tuned(tmp_path)


def test_check_names_a_bad_stance_model_folder(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from corroborate.cli import main

    result = CliRunner().invoke(
        main, ["check", "Troops crossed the river", "--stance-model", str(tmp_path),
               "--db", str(tmp_path / "ledger.db")],
    )  # fmt: skip
    assert result.exit_code != 0
    assert "no tuned stance model" in result.output
    assert "Traceback" not in result.output


class _Disagreeing:
    """An ONNX session stand-in whose network reads every pair as disagree."""

    def __init__(self) -> None:
        self.calls = 0

    def run(self, _outputs: None, feed: dict[str, np.ndarray]) -> list[np.ndarray]:
        self.calls += 1
        assert set(feed) == {"input_ids", "token_type_ids", "attention_mask"}
        return [np.tile(np.array([[0.0, 8.0, 0.0]], np.float32), (len(feed["input_ids"]), 1))]


def test_stance_many_reads_only_related_pairs_with_the_tuned_model() -> None:
    from tokenizers import Tokenizer

    from corroborate.embed.static import TOKENIZER_FILE
    from corroborate.link.stance import model
    from corroborate.link.stance.cross import PairEncoder
    from corroborate.link.stance.tuned import TunedStance
    from corroborate.resources import model_dir

    claim = "Rebel fighters captured the airport of Keshan"
    related = ("Rebel fighters captured the airport of Keshan on Monday, a spokesman for the "
               "group said, and the army confirmed that its troops had left the airport.")
    unrelated = "The central bank raised interest rates by half a point to slow inflation."
    before = [label for label, _ in model.stance_many([(claim, related), (claim, unrelated)])]
    assert before[1] == "unrelated" and before[0] != "unrelated"
    session = _Disagreeing()
    tokenizer = Tokenizer.from_file(str(model_dir("embed") / TOKENIZER_FILE))
    model._tuned[:] = [TunedStance(session, PairEncoder(tokenizer, 64), 1.0, np.ones(3))]
    try:
        after = model.stance_many([(claim, related), (claim, unrelated)])
    finally:
        model._tuned.clear()
    assert [label for label, _ in after] == ["disagree", "unrelated"]
    assert session.calls == 1  # the unrelated pair is never encoded
    assert sum(after[0][1].values()) == pytest.approx(1.0)
