"""End to end: the seed reports ingested, then `check` on the claim they argue over."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from corroborate.cli import main
from tests.conftest import SEEDS

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not there")
SENTENCE = "Russian troops are fighting alongside Syrian government forces"


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict:
    runner = CliRunner()
    db = ["--db", str(tmp_path_factory.mktemp("seeds") / "seeds.db")]
    assert runner.invoke(main, ["ingest", str(SEEDS), *db]).exit_code == 0
    result = runner.invoke(main, ["check", SENTENCE, "--json", *db])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _sources(found: dict, stance: str) -> str:
    return " | ".join(e["source"] or "" for e in found["evidence"] if e["stance"] == stance)


def test_check_seeds_state_television_supports_first(found: dict) -> None:
    assert "state television" in _sources(found, "supports").lower()
    top = found["evidence"][0]  # ranked by relevance
    assert top["stance"] == "supports" and "state television" in top["source"].lower()
    assert len(found["evidence"]) <= 6  # no longer every claim about Russians in Syria


@pytest.mark.xfail(strict=True, reason=(
    "known gap: the mixed similarity scores Syrians recruited to fight beside Russians in "
    "Ukraine (0.38-0.42) above the activists' and the Facebook group's reports of Russian "
    "soldiers in regime battles (0.21-0.26) and Moscow's denial (0.17); telling who fights "
    "beside whom, and where, needs the claims' roles, not their words. A role re-ranker from "
    "word vectors and word order (commit 2abde2d, reverted) ranked the Facebook group's claim "
    "third but left the activists' at 0.25-0.30 among unrelated claims, and lowered Emergent's "
    "pair F1 from 0.742 to 0.703 (passives read as swapped roles), so it was not kept"))
def test_check_seeds_activists_facebook_and_denial_not_ukraine(found: dict) -> None:
    supports = _sources(found, "supports").lower()
    assert "activists" in supports and "facebook group" in supports
    assert any("Moscow" in s or "Kremlin" in s for s in _sources(found, "refutes").split(" | "))
    texts = " ".join(e["text"] for e in found["evidence"])
    assert "Ukrain" not in texts and "recruit" not in texts


def test_check_seeds_each_report_with_evidence_has_a_stance(found: dict) -> None:
    reports = {r["doc_id"]: r for r in found["reports"]}
    assert reports and set(reports) == {e["doc_id"] for e in found["evidence"]}
    for item in found["evidence"]:
        assert item["report_stance"] == reports[item["doc_id"]]["stance"]
        assert item["report_stance"] in ("supports", "refutes", "discusses")
    for report in reports.values():
        assert report["model"] in ("agree", "disagree", "discuss", "unrelated")
