"""Claims and evidence rows are built by position: their select lists must keep ClaimRow's
and EvidenceRow's field order, on both backends."""

from __future__ import annotations

import json
from typing import Any

from corroborate.model import Certainty, Claim
from corroborate.store import SQLiteStore
from corroborate.store.sqlite import _SELECT_CLAIMS, _SELECT_EVIDENCE
from corroborate.store.tables import ClaimRow, EvidenceRow
from tests.conftest import make_report


def _by_name(row: Any) -> dict[str, Any]:
    """A row's columns by name, decoded as the store decodes them."""
    values = dict(row)
    values.update(chain=tuple(json.loads(values["chain"])),
                  hedges=tuple(json.loads(values["hedges"])),
                  certainty=Certainty(values["certainty"]))
    return values


def test_evidence_rows_by_position_equal_rows_by_name(fresh_store: SQLiteStore) -> None:
    text = "The ministry said the convoy was probably hit near the border."
    claim = Claim(start=0, end=len(text), text=text, source="the ministry",
                  chain=("agency", "the ministry"), cue="said", certainty=Certainty.HEDGED,
                  hedges=("probably",))
    fresh_store.put("file:a", make_report(text, content_hash="a", claims=(claim,)), "p1")
    rows = list(fresh_store._conn.execute(_SELECT_EVIDENCE))
    by_name = [EvidenceRow(**_by_name(row)) for row in rows]
    assert fresh_store.evidence() == by_name
    only = by_name[0]
    assert (only.chain, only.certainty, only.hedges) == (
        ("agency", "the ministry"), Certainty.HEDGED, ("probably",))
    assert only.outlet == "The Example Post" and only.doc_key == "file:a"
    claims = [ClaimRow(**_by_name(row)) for row in fresh_store._conn.execute(_SELECT_CLAIMS)]
    assert list(fresh_store.claims()) == claims
