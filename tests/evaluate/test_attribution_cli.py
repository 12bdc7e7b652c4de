from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from corroborate.cli.attribution import attribution_eval_cli


def test_eval_json_has_exact_and_lenient_scores_per_role(polnear_dir: Path) -> None:
    args = ["--polnear", str(polnear_dir), "--extractor", "rules", "--json"]
    result = CliRunner().invoke(attribution_eval_cli, args)
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    for role in ("source", "cue", "content"):
        assert set(scores[role]) == {"precision", "recall", "f1"}
        assert set(scores["lenient"][role]) == {"precision", "recall", "f1"}
    # both cues ("said", "added") are in the lexicon, and nothing else is
    assert scores["cue"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert scores["articles"] == 1 and scores["reports_per_second"] > 0


def test_eval_names_the_folder_without_polnear_layout(tmp_path: Path) -> None:
    result = CliRunner().invoke(attribution_eval_cli, ["--polnear", str(tmp_path)])
    assert result.exit_code != 0
    assert "text/ and attributions/" in result.output
