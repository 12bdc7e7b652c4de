"""Clustering headlines by claim: B-cubed, the claim split, the command on invented data."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from corroborate.cli.embed import emergent_eval_cli
from corroborate.errors import InputError
from corroborate.evaluate.emergent import (
    Headline,
    bcubed,
    evaluate_emergent,
    read_emergent,
    split_by_claim,
    tfidf_encoder,
)

SHARED_EMERGENT = (
    Path(__file__).resolve().parents[3]
    / "shared" / "data" / "emergent" / "url-versions-2015-06-14-clean-train.csv"
)

HEADER = ["", "claimHeadline", "articleHeadline", "articleHeadlineStance", "articleId", "claimId"]
# invented headlines, four to a claim
CLAIMS = {
    "c-bridge": [
        "Bridge over the Dnipro destroyed in overnight strike",
        "Overnight strike destroys Dnipro bridge",
        "Key Dnipro river bridge hit and destroyed",
        "Strike leaves bridge over the Dnipro in ruins",
    ],
    "c-ceasefire": [
        "Both sides agree to a ceasefire from Monday",
        "Ceasefire agreed, to start on Monday",
        "Truce to begin Monday after talks",
        "Warring parties accept Monday ceasefire",
    ],
    "c-minister": [
        "Defence minister resigns after corruption inquiry",
        "Corruption probe forces defence minister to quit",
        "Minister of defence steps down amid graft inquiry",
        "Defence chief resigns over corruption investigation",
    ],
    "c-grain": [
        "Grain ships leave port under new export deal",
        "First grain exports sail under the deal",
        "Cargo ships carrying grain depart the port",
        "Grain export deal sees ships set sail",
    ],
    "c-drone": [
        "Drone attack hits power station, cutting electricity",
        "Power plant struck by drones, blackout follows",
        "Drones damage power station, thousands without power",
        "Electricity cut after drone strike on power plant",
    ],
    "c-hostages": [
        "Militants free twelve hostages after mediation",
        "Twelve hostages released by militants",
        "Mediators secure release of twelve captives",
        "Hostages freed in deal brokered by mediators",
    ],
}


def write_csv(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        row = 0
        for claim, headlines in CLAIMS.items():
            for headline in headlines:
                writer.writerow([row, claim, headline, "for", f"a{row}", claim])
                row += 1
    return path


def test_bcubed_of_perfect_and_of_one_big_cluster() -> None:
    gold = ["a", "a", "b", "b", "c"]
    assert bcubed([1, 1, 2, 2, 3], gold) == (1.0, 1.0, 1.0)
    precision, recall, _ = bcubed([0] * 5, gold)
    assert recall == 1.0
    assert precision == pytest.approx((2 * 2 / 5 + 2 * 2 / 5 + 1 / 5) / 5)


def test_split_keeps_each_claim_in_one_half() -> None:
    headlines = [Headline(f"h{i}", f"claim-{i % 40}") for i in range(400)]
    tune, held_out = split_by_claim(headlines)
    assert tune and held_out
    assert not {h.claim_id for h in tune} & {h.claim_id for h in held_out}
    assert split_by_claim(headlines) == (tune, held_out)


def test_reading_rejects_a_csv_without_the_columns(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError):
        read_emergent(bad)


def test_evaluation_on_invented_headlines(tmp_path: Path) -> None:
    from corroborate.embed import embed

    scores = evaluate_emergent(
        write_csv(tmp_path / "tiny.csv"), {"student": embed, "tfidf": tfidf_encoder}
    )
    assert sum(scores["claims"].values()) == len(CLAIMS)
    student = scores["encoders"]["student"]["held_out"]
    assert 0.0 <= student["bcubed_f1"] <= 1.0
    assert student["bcubed_f1"] > 0.5


def test_command_prints_json(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "tiny.csv")
    result = CliRunner().invoke(
        emergent_eval_cli, ["--data", str(path), "--encoder", "student", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert set(json.loads(result.output)["encoders"]) == {"student"}


def test_command_ledger_scores_grouping_and_check(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "tiny.csv")
    result = CliRunner().invoke(emergent_eval_cli, ["--data", str(path), "--encoder", "student",
                                                    "--ledger"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert sum(line.startswith("grouping, ") for line in lines) == 2  # tuned and shipped
    assert sum(line.startswith("check relevance, ") for line in lines) == 2
    assert any(line.startswith("check evidence stance") for line in lines)
    assert any(line.startswith("check report stance") for line in lines)
    result = CliRunner().invoke(emergent_eval_cli, ["--data", str(path), "--encoder", "student",
                                                    "--ledger", "--json"])
    ledger = json.loads(result.output)["ledger"]
    for part in ("grouping", "check"):
        assert set(ledger[part]) >= {"threshold", "tuning", "held_out", "shipped"}
    assert 0.0 <= ledger["check"]["shipped"]["held_out"]["precision"] <= 1.0
    for name in ("evidence", "report"):  # every held-out headline here is "for" its claim
        found = ledger["check"]["stance"][name]
        assert found["per_class"]["supports"]["gold"] == found["pairs"]


@pytest.mark.skipif(not SHARED_EMERGENT.is_file(), reason="shared Emergent data not present")
def test_student_clusters_real_emergent_headlines() -> None:
    from corroborate.embed import embed

    scores = evaluate_emergent(SHARED_EMERGENT, {"student": embed})
    assert scores["encoders"]["student"]["held_out"]["bcubed_f1"] > 0.75


def test_ledger_labels_whole_and_incremental_on_invented_headlines() -> None:
    from corroborate.evaluate.emergent import ledger_labels

    texts = [text for headlines in CLAIMS.values() for text in headlines]
    gold = [claim for claim, headlines in CLAIMS.items() for _ in headlines]
    whole = ledger_labels(texts, 1, None)
    incremental = ledger_labels(texts, 3, 2)  # three runs, batches of two claims
    assert len(whole) == len(incremental) == len(texts)
    # every headline of a claim in one proposition at most, never two claims in one
    for labels in (whole, incremental):
        precision, _, _ = bcubed(labels, gold)
        assert precision == 1.0
        assert len(set(labels)) < len(texts)  # some paraphrases were grouped


def test_pair_f1_at_each_threshold_is_the_direct_count() -> None:
    from corroborate.evaluate.emergent import _f1_at

    rng = np.random.default_rng(7)
    found = rng.random((6, 40))
    gold = rng.random((6, 40)) < 0.2
    thresholds = np.array([0.0, 0.3, 0.55, 0.8, 1.1])
    for threshold, f1 in zip(thresholds, _f1_at(found, gold, thresholds), strict=True):
        chosen = found >= threshold
        hits = (chosen & gold).sum()
        precision = hits / chosen.sum() if chosen.sum() else 0.0
        recall = hits / gold.sum()
        expected = 2 * precision * recall / (precision + recall) if hits else 0.0
        assert f1 == pytest.approx(expected)
