"""End to end: the seed reports ingested, then `check` on the claim they argue over."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from corroborate.cli import main
from tests.conftest import SEEDS

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not there")


def test_check_seeds_russian_troops_evidence_each_way(tmp_path: Path) -> None:
    runner = CliRunner()
    db = ["--db", str(tmp_path / "seeds.db")]
    assert runner.invoke(main, ["ingest", str(SEEDS), *db]).exit_code == 0
    sentence = "Russian troops are fighting alongside Syrian government forces"
    result = runner.invoke(main, ["check", sentence, "--json", *db])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    by_stance: dict[str, list[str]] = {}
    for item in found["evidence"]:
        by_stance.setdefault(item["stance"], []).append(item["source"] or "")
    supports = " | ".join(by_stance["supports"]).lower()
    assert "state television" in supports
    assert "activists" in supports
    assert "facebook group" in supports
    assert any("Moscow" in source for source in by_stance["refutes"])
    assert found["verdict"] == "conflicting"
    assert found["independent_sources"]["refutes"] >= 1
