"""`evidence` builds its rows by position: the select list must keep EvidenceRow's field
order, on both backends."""

from __future__ import annotations

from corroborate.model import Certainty, Claim
from corroborate.store import SQLiteStore
from corroborate.store.sqlite import _SELECT_EVIDENCE, _decoded_claim
from corroborate.store.tables import EvidenceRow
from tests.conftest import make_report


def test_evidence_rows_by_position_equal_rows_by_name(fresh_store: SQLiteStore) -> None:
    text = "The ministry said the convoy was probably hit near the border."
    claim = Claim(start=0, end=len(text), text=text, source="the ministry",
                  chain=("agency", "the ministry"), cue="said", certainty=Certainty.HEDGED,
                  hedges=("probably",))
    fresh_store.put("file:a", make_report(text, content_hash="a", claims=(claim,)), "p1")
    rows = list(fresh_store._conn.execute(_SELECT_EVIDENCE))
    by_name = [EvidenceRow(**_decoded_claim(row)) for row in rows]
    assert fresh_store.evidence() == by_name
    only = by_name[0]
    assert (only.chain, only.certainty, only.hedges) == (
        ("agency", "the ministry"), Certainty.HEDGED, ("probably",))
    assert only.outlet == "The Example Post" and only.doc_key == "file:a"
