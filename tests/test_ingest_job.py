"""The ingest job: one identity, one report; a run gives the same ledger every time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corroborate import ingest_job
from corroborate.errors import InputError
from corroborate.ingest_job import ingest
from corroborate.store import SQLiteStore

FIRST = "Engineers reopened the river bridge on Tuesday, the transport ministry said."
SECOND = "The river bridge stays closed until the spring, the transport ministry said."


def _records(path: Path, *texts: str) -> None:
    lines = [json.dumps({"url": "https://example.org/bridge", "title": "Bridge", "text": text})
             for text in texts]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_ingest_job_same_url_different_content_keeps_the_first(tmp_path: Path) -> None:
    export = tmp_path / "export.jsonl"
    _records(export, FIRST, SECOND)
    errors: list[InputError] = []
    with SQLiteStore(tmp_path / "ledger.db") as store:
        first = ingest([str(export)], store, errors.append)
        again = ingest([str(export)], store, errors.append)
        [document] = list(store.documents())
    assert (first.stored, first.failed) == (1, 1)
    assert (again.stored, again.replaced, again.unchanged, again.failed) == (0, 0, 1, 1)
    assert "bridge on Tuesday" in document.text  # the first record, both times
    assert len(errors) == 2 and all(e.location.endswith("row 2") for e in errors)
    assert "same URL https://example.org/bridge as" in errors[0].reason
    assert "row 1" in errors[0].reason


def test_ingest_job_same_record_twice_is_stored_once(tmp_path: Path) -> None:
    export = tmp_path / "export.jsonl"
    _records(export, FIRST, FIRST)
    errors: list[InputError] = []
    with SQLiteStore(tmp_path / "ledger.db") as store:
        summary = ingest([str(export)], store, errors.append)
    assert (summary.stored, summary.unchanged, summary.failed) == (1, 1, 0) and not errors


def test_ingest_job_a_linking_failure_is_an_error_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(store: object) -> None:
        raise ValueError("index damaged")

    monkeypatch.setattr(ingest_job, "link_ledger", broken)
    export = tmp_path / "export.jsonl"
    _records(export, FIRST)
    errors: list[InputError] = []
    with SQLiteStore(tmp_path / "ledger.db") as store:
        summary = ingest([str(export)], store, errors.append)
        assert len(list(store.documents())) == 1  # the report stays stored
    assert (summary.stored, summary.failed) == (1, 1)
    [error] = errors
    assert error.location == "(linking across reports)" and "index damaged" in error.reason
