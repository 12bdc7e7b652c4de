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
def db(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    option = ["--db", str(tmp_path_factory.mktemp("seeds") / "seeds.db")]
    assert CliRunner().invoke(main, ["ingest", str(SEEDS), *option]).exit_code == 0
    return option


def _check(db: list[str], sentence: str) -> dict:
    result = CliRunner().invoke(main, ["check", sentence, "--json", *db])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(scope="module")
def found(db: list[str]) -> dict:
    return _check(db, SENTENCE)


def _sources(found: dict, stance: str) -> str:
    return " | ".join(e["source"] or "" for e in found["evidence"] if e["stance"] == stance)


def test_check_seeds_state_television_supports_first(found: dict) -> None:
    assert "state television" in _sources(found, "supports").lower()
    top = found["evidence"][0]  # ranked by relevance
    assert top["stance"] == "supports" and "state television" in top["source"].lower()
    # not every claim about Russians in Syria (about 30): since the full encoder's rerank
    # (issue 11, third session) the list also holds Moscow's denial and the Facebook group's
    # claim, 8 in all, where it held 5; since strict matches of a bare sentence are kept
    # (tenth session), the activists' and Abu Fatima's officers leading the battles, 10
    assert len(found["evidence"]) <= 10


def test_check_seeds_facebook_group_supports_moscow_denies_not_ukraine(found: dict) -> None:
    assert "facebook group" in _sources(found, "supports").lower()
    assert any("Moscow" in s or "Kremlin" in s for s in _sources(found, "refutes").split(" | "))
    # Syrians recruited to fight beside the Russians in Ukraine: the parties' roles swapped
    texts = " ".join(e["text"] for e in found["evidence"])
    assert "Ukrain" not in texts and "recruit" not in texts


def test_check_seeds_activists_support(found: dict) -> None:
    # "documented Russian officers leading most regime combats" scores 0.32, below the
    # threshold (0.425), in every encoder; it is a strict frame match of a sentence that says
    # nothing beyond its frame, which `check` keeps whatever its score (link.frames)
    assert "activists" in _sources(found, "supports").lower()


def test_check_seeds_each_report_with_evidence_has_a_stance(found: dict) -> None:
    reports = {r["doc_id"]: r for r in found["reports"]}
    assert reports and set(reports) == {e["doc_id"] for e in found["evidence"]}
    for item in found["evidence"]:
        assert item["report_stance"] == reports[item["doc_id"]]["stance"]
        assert item["report_stance"] in ("supports", "refutes", "discusses")
    for report in reports.values():
        assert report["model"] in ("agree", "disagree", "discuss", "unrelated")


def test_check_seeds_negated_sentence_reverses_the_sides(db: list[str]) -> None:
    found = _check(db, "Russian soldiers are not fighting in Syria")
    # Moscow's denial agrees with the negation; state television's report contradicts it
    assert any("Moscow" in s for s in _sources(found, "supports").split(" | "))
    assert "state television" in _sources(found, "refutes").lower()
    assert "state television" not in _sources(found, "supports").lower()
