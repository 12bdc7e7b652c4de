from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from corroborate.cli.nlp import ner_eval_cli, parse_eval_cli


def test_eval_parse_json_has_the_documented_keys(conllu_file: Path) -> None:
    result = CliRunner().invoke(parse_eval_cli, ["--conllu", str(conllu_file), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    for key in ("uas", "las", "pos_accuracy", "words_per_second"):
        assert scores[key] >= 0 and (key == "words_per_second" or scores[key] <= 1)
    assert scores["words"] == 10


def test_eval_ner_reads_conllu_misc_and_iob2(conllu_file: Path, iob2_file: Path) -> None:
    for path in (conllu_file, iob2_file):
        result = CliRunner().invoke(ner_eval_cli, ["--conllu", str(path), "--json"])
        assert result.exit_code == 0, result.output
        scores = json.loads(result.output)
        assert set(scores) >= {"precision", "recall", "f1", "words_per_second"}
        assert scores["gold"] == 2


def test_eval_parse_rejects_a_file_without_trees(iob2_file: Path) -> None:
    result = CliRunner().invoke(parse_eval_cli, ["--conllu", str(iob2_file)])
    assert result.exit_code != 0
    assert "not CoNLL-U" in result.output
