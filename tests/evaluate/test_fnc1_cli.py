"""`corroborate eval fnc1` end to end on invented files."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from corroborate.cli import main

BODIES = (
    'Body ID,articleBody\n1,"A ferry left port late, the crew said."\n2,Bakers went on strike.\n'
)
HEADER = "Headline,Body ID,Stance\n"
GOLD = HEADER + "Ferry late,1,agree\nBakers strike,2,discuss\nBakers strike,1,unrelated\n"
PREDICTED = HEADER + "Ferry late,1,discuss\nBakers strike,2,discuss\nBakers strike,1,unrelated\n"


def _files(tmp_path: Path) -> list[str]:
    paths = []
    for name, text in (("b.csv", BODIES), ("g.csv", GOLD), ("p.csv", PREDICTED)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    return paths


def test_cli_eval_fnc1_scores_a_predictions_file(tmp_path: Path) -> None:
    bodies, gold, predicted = _files(tmp_path)
    args = ["eval", "fnc1", "--bodies", bodies, "--stances", gold, "--predictions", predicted]
    result = CliRunner().invoke(main, [*args, "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    # 0.25 + 1 + 0.25 out of 1 + 1 + 0.25
    assert abs(figures["weighted_score"] - 100 * 1.5 / 2.25) < 1e-9
    assert figures["confusion"][0] == [0, 0, 1, 0]


def test_cli_eval_fnc1_runs_the_model(tmp_path: Path) -> None:
    bodies, gold, _ = _files(tmp_path)
    result = CliRunner().invoke(main, ["eval", "fnc1", "--bodies", bodies, "--stances", gold])
    assert result.exit_code == 0, result.output
    assert "weighted score (FNC-1)" in result.output and "pairs: 3" in result.output


def test_cli_eval_fnc1_bad_row_names_file_and_row(tmp_path: Path) -> None:
    bodies, gold, _ = _files(tmp_path)
    Path(gold).write_text("Headline,Body ID,Stance\nFerry late,1,supports\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "fnc1", "--bodies", bodies, "--stances", gold])
    assert result.exit_code != 0
    assert "g.csv, row 2: unknown stance 'supports'" in result.output
