"""Evaluation gate: the pipeline on invented, hand-annotated reports keeps its scores.

The floors sit a little under the figures reported in the README (`corroborate eval
ledger --gold tests/data/reports`), so a change that makes extraction worse fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.evaluate.ledger import LedgerScore, evaluate_ledger
from tests.conftest import TEST_DATA

FLOORS = {
    "title": 1.0,
    "published": 1.0,
    "outlet": 1.0,
    "byline": 1.0,
    "body_kept": 1.0,
    "noise_removed": 0.94,
    "claim_found": 0.98,
    "source": 0.96,
    "chain": 0.96,
    "cue": 0.96,
    "certainty": 0.96,
    "hedges": 0.96,
    "pronoun": 1.0,
    "content_inside": 1.0,
    "dateline": 1.0,
}


@pytest.fixture(scope="module")
def score() -> LedgerScore:
    return evaluate_ledger(TEST_DATA / "reports")


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_ledger_eval_meets_floor(score: LedgerScore, field: str) -> None:
    rate = score.rates()[field]
    failures = [f for f in score.failures if f.startswith(f"{field}:")]
    assert rate >= FLOORS[field], f"{field} {rate:.1%} < {FLOORS[field]:.0%}: {failures}"


def test_ledger_eval_counts_every_gold_item(score: LedgerScore) -> None:
    assert score.total["claim_found"] == 63
    assert score.total["title"] == 7
    assert score.total["pronoun"] == 4


def test_ledger_eval_names_an_unreadable_gold_report(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from corroborate.cli import main

    (tmp_path / "expected.json").write_text('{"scan.pdf": {}}', encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\x00\x01\x02 binary")
    result = CliRunner().invoke(main, ["eval", "ledger", "--gold", str(tmp_path)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # no traceback
    assert "scan.pdf" in result.output and "Traceback" not in result.output
