"""The gazetteer and geo commands through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from corroborate.cli import main
from corroborate.store import SQLiteStore
from tests.geo.conftest import geonames_row
from tests.store.test_places_actors import _fill


def test_cli_gazetteer_add_then_lookup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from corroborate.geo import gazetteer

    user = tmp_path / "mine.sqlite"
    monkeypatch.setenv("CORROBORATE_GAZETTEER", str(user))
    gazetteer.default_gazetteer.cache_clear()
    dump = tmp_path / "XA.txt"
    dump.write_text(
        geonames_row(
            99001, "Qurt Zalabiyeh", "Qurt Zalabiya", 35.1, 36.1, "P.PPL", "SY", "02", 900
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["gazetteer", "add", str(dump)])
    assert result.exit_code == 0, result.output
    assert "added 1 places" in result.output
    result = CliRunner().invoke(main, ["gazetteer", "lookup", "Qurt Zalabiya", "--json"])
    gazetteer.default_gazetteer.cache_clear()
    assert json.loads(result.output.splitlines()[0])["geonames_id"] == 99001


def test_cli_gazetteer_add_bad_dump_is_a_clear_error(tmp_path: Path) -> None:
    dump = tmp_path / "bad.txt"
    dump.write_text("not\ta dump\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["gazetteer", "add", str(dump), "--gazetteer", str(tmp_path / "g.sqlite")]
    )
    assert result.exit_code == 1
    assert "bad.txt, line 1" in result.output


def test_cli_gazetteer_add_to_a_file_that_is_no_database_is_a_clear_error(
    tmp_path: Path,
) -> None:
    dump = tmp_path / "XA.txt"
    dump.write_text(
        geonames_row(99001, "Qurt Zalabiyeh", "Qurt Zalabiya", 35.1, 36.1, "P.PPL", "SY", "02", 9),
        encoding="utf-8",
    )
    target = tmp_path / "notes.txt"
    target.write_text("not a gazetteer, only some notes that are long enough\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["gazetteer", "add", str(dump), "--gazetteer", str(target)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # no traceback
    assert f"{target}: cannot add to this gazetteer" in result.output


def test_cli_export_places_geojson_and_claims_by_place(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    with SQLiteStore(db) as store:
        _fill(store)
    result = CliRunner().invoke(main, ["export", "places", "--format", "geojson", "--db", str(db)])
    assert json.loads(result.output)["features"][0]["properties"]["name"] == "Latakia"
    result = CliRunner().invoke(main, ["claims", "--place", "Khmeimim", "--json", "--db", str(db)])
    assert len(result.output.splitlines()) == 1
    result = CliRunner().invoke(main, ["export", "claims", "--format", "geojson", "--db", str(db)])
    assert result.exit_code == 2 and "places only" in result.output


def test_cli_eval_geo_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Scoring, on a hand-built report instead of the NLP pipeline."""
    from corroborate.evaluate import geo as geo_eval
    from corroborate.model import PlaceMention
    from tests.conftest import make_report
    from tests.store.test_places_actors import BASE, LATAKIA

    text = "Jets left Khmeimim for Lattakia; Moscow said so; Tartus was calm."
    report = make_report(
        text,
        places=(
            PlaceMention(10, 18, "Khmeimim", BASE),
            PlaceMention(23, 31, "Lattakia", LATAKIA),
        ),
    )
    monkeypatch.setattr(geo_eval, "_process_file", lambda path: report)
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    gold = [
        {"report": "r.txt", "mention": "Khmeimim", "geonames_id": -1},
        {"report": "r.txt", "mention": "Lattakia", "geonames_id": 173578},  # region: near only
        {"report": "r.txt", "mention": "Moscow", "geonames_id": None},  # off the map: right
        {"report": "r.txt", "mention": "Tartus", "geonames_id": 163345},  # missed
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "geo", "--gold", str(path), "--json"])
    assert json.loads(result.output) == {"accuracy": 0.5, "accuracy_25km": 0.75, "n": 4}


def test_cli_eval_geo_bad_gold_names_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"report": "r.txt"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "geo", "--gold", str(path)])
    assert result.exit_code == 1 and "gold.jsonl, line 1" in result.output
