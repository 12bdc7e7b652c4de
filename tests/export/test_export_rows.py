from __future__ import annotations

import csv
import io
import json

from corroborate.export import export
from corroborate.export.rows import CLAIM_COLUMNS, DOCUMENT_COLUMNS
from corroborate.model import Certainty, Claim
from corroborate.store import SQLiteStore
from tests.conftest import make_report

FORMULA = '=HYPERLINK("http://evil.example","click")'


def _filled(store: SQLiteStore) -> None:
    claim = Claim(0, len(FORMULA), FORMULA, source="@handle", chain=("Radio X", "@handle"),
                  cue="claimed", certainty=Certainty.HEDGED, hedges=("claimed",))
    store.put("file:a", make_report(), "p1")
    store.put("file:b", make_report(FORMULA, content_hash="h2", claims=(claim,)), "p1")


def test_export_jsonl_documents_have_the_documented_columns(fresh_store: SQLiteStore) -> None:
    _filled(fresh_store)
    out = io.StringIO()
    assert export(fresh_store, "documents", "jsonl", out) == 2
    first = json.loads(out.getvalue().splitlines()[0])
    assert tuple(first) == DOCUMENT_COLUMNS
    assert first["noise"] == [{"line": 0, "text": "2 min read", "reason": "furniture"}]
    assert first["path"] == "report.txt"


def test_export_jsonl_claims_keep_lists(fresh_store: SQLiteStore) -> None:
    _filled(fresh_store)
    out = io.StringIO()
    export(fresh_store, "claims", "jsonl", out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert tuple(rows[1]) == CLAIM_COLUMNS
    assert rows[1]["chain"] == ["Radio X", "@handle"]
    assert rows[1]["hedges"] == ["claimed"]
    assert rows[1]["text"] == FORMULA  # JSON keeps text exactly


def test_export_csv_encodes_lists_and_defuses_formulas(fresh_store: SQLiteStore) -> None:
    _filled(fresh_store)
    out = io.StringIO()
    assert export(fresh_store, "claims", "csv", out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CLAIM_COLUMNS
    assert json.loads(rows[1]["chain"]) == ["Radio X", "@handle"]
    assert rows[1]["text"] == "'" + FORMULA
    assert rows[1]["source"] == "'@handle"
    assert rows[0]["text"] == "Officials said the bridge was closed."


def test_export_csv_documents_round_trip_multiline_text(fresh_store: SQLiteStore) -> None:
    fresh_store.put("file:a", make_report("Line one, \"quoted\".\nLine two."), "p1")
    out = io.StringIO()
    export(fresh_store, "documents", "csv", out)
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["text"] == 'Line one, "quoted".\nLine two.'
    assert json.loads(row["noise"])[0]["reason"] == "furniture"


def test_export_places_geojson_is_a_feature_collection(fresh_store: SQLiteStore) -> None:
    from tests.store.test_places_actors import _fill

    _fill(fresh_store)
    out = io.StringIO()
    assert export(fresh_store, "places", "geojson", out) == 2
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection"
    feature = collection["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [35.7901, 35.5317]}
    for name in ("geonames_id", "name", "country", "feature_type", "precision", "spellings",
                 "documents", "claims"):
        assert name in feature["properties"]


def test_export_actors_lists_aliases(fresh_store: SQLiteStore) -> None:
    from tests.store.test_places_actors import _fill

    _fill(fresh_store)
    out = io.StringIO()
    assert export(fresh_store, "actors", "jsonl", out) == 1
    actor = json.loads(out.getvalue())
    assert actor["name"] == "Dmitry Peskov" and sorted(actor["aliases"]) == [
        "Dmitry Peskov", "Peskov"]
