"""Reading the DATA.md §8 factuality files (rows invented in the same format)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corroborate.datasets.factuality import MEANTIME_SCALE, read_items
from corroborate.errors import CorroborateError


def test_read_ih2_and_meantime_rows(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    rows = [
        {"tokens": ["Troops", "left", "."], "pred_index": 1, "factuality": 1.2},
        {"text": "Rebels may attack the town", "targets": [
            {"span1": [2, 3], "label": -1.5, "span_text": "attack"}]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    first, second = read_items(path)
    assert (first.words[first.index], first.score) == ("left", 1.2)
    assert (second.words[second.index], second.score) == ("attack", -1.5 * MEANTIME_SCALE)


def test_read_bad_row_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"tokens": ["a"], "pred_index": 0, "factuality": 1}\n{"other": 1}\n')
    with pytest.raises(CorroborateError, match=r"bad.jsonl, line 2"):
        read_items(path)
