"""`corroborate eval certainty`: per-class recall on an invented gold folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corroborate.errors import CorroborateError
from corroborate.evaluate.certainty import evaluate_certainty

REPORT = """Flooding in Marrow valley

Floodwater cut the main road to Marrow on Sunday, the district office said.

The dam operator denied that it had opened the spillway without warning.

The number of people stranded could reach several thousand, rescuers said.
"""


def _gold(tmp_path: Path, items: list[dict[str, str]]) -> Path:
    (tmp_path / "r1.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "certainty.json").write_text(json.dumps({"r1.txt": items}), encoding="utf-8")
    return tmp_path


def test_eval_certainty_counts_each_class(tmp_path: Path) -> None:
    gold = _gold(tmp_path, [
        {"sentence": "Floodwater cut the main road to Marrow on Sunday, the district office said.",
         "certainty": "asserted"},
        {"sentence": "The dam operator denied that it had opened the spillway without warning.",
         "certainty": "denied"},
        {"sentence": "The number of people stranded could reach several thousand, rescuers said.",
         "certainty": "hedged"},
        {"sentence": "This sentence is not in the report at all.", "certainty": "asserted"},
    ])
    score = evaluate_certainty(gold)
    counts = score.counts()
    assert sum(counts["asserted"].values()) == 2
    assert counts["asserted"].get("not found") == 1  # a missing sentence is a miss
    # each found sentence is read as its gold class
    assert [counts[c].get(c) for c in ("asserted", "hedged", "denied")] == [1, 1, 1]
    assert set(score.recall()) == {"asserted", "hedged", "denied"}
    assert any("not found" in failure for failure in score.failures)


def test_eval_certainty_without_gold_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(CorroborateError, match="certainty.json"):
        evaluate_certainty(tmp_path)


def test_eval_certainty_names_the_file_and_entry_of_a_malformed_annotation(
    tmp_path: Path,
) -> None:
    gold = _gold(tmp_path, [{"sentence": "Floodwater cut the main road.", "certainty": "sure"}])
    with pytest.raises(CorroborateError, match=r"certainty\.json: r1\.txt entry 0"):
        evaluate_certainty(gold)
