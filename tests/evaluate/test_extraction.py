from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from corroborate.errors import InputError
from corroborate.evaluate.extraction import evaluate_extraction

BODY = (
    "Engineers reopened the river bridge on Tuesday after three weeks of repairs. "
    "The transport office said heavy lorries would be allowed back from next month."
)
PAGE = (
    "<html><head><title>Bridge reopens</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
    f"<article><h1>Bridge reopens</h1><p>{BODY}</p></article>"
    "<footer>Subscribe to our newsletter</footer></body></html>"
)


def test_extraction_eval_scores_pages_against_gold(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(PAGE)
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"a": {"articleBody": BODY}, "b": {"articleBody": BODY}}))
    scores = evaluate_extraction(tmp_path, gold)
    assert scores["corroborate"]["pages"] == 2
    assert scores["corroborate"]["recall"] == pytest.approx(1.0)
    assert scores["corroborate"]["precision"] > 0.9
    assert set(scores) == {"corroborate", "trafilatura"}


def test_extraction_eval_missing_page_is_a_clear_error(tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"gone": {"articleBody": BODY}}))
    with pytest.raises(InputError, match="gone.html: page listed in the ground truth is missing"):
        evaluate_extraction(tmp_path, gold)
