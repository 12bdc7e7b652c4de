"""The invented bad inputs in tests/data/bad give the outcomes their README promises."""

from __future__ import annotations

from pathlib import Path

from corroborate.errors import InputError
from corroborate.ingest import read_inputs
from corroborate.model import RawReport
from tests.conftest import TEST_DATA

BAD = TEST_DATA / "bad"


def _outcomes(name: str) -> list[RawReport | InputError]:
    return list(read_inputs([str(BAD / name)]))


def _reason(name: str) -> str:
    [error] = _outcomes(name)
    assert isinstance(error, InputError), f"{name} was read without error"
    assert error.location == str(BAD / name)
    return error.reason


def test_bad_files_each_name_their_reason() -> None:
    assert _reason("empty.txt") == "empty file"
    assert _reason("binary.bin").startswith("binary content")
    assert _reason("invalid_utf8.txt") == "invalid UTF-8 (invalid start byte at byte 234)"
    assert _reason("malformed.csv").startswith("CSV has no text or html column (columns: ")
    assert _reason("bad.json").startswith("malformed JSON")


def test_bad_files_rows_are_reported_one_by_one() -> None:
    good, broken, empty = _outcomes("malformed.jsonl")
    assert isinstance(good, RawReport) and good.title == "Bridge reopened after repairs"
    assert isinstance(broken, InputError) and broken.location.endswith("malformed.jsonl, row 2")
    assert isinstance(empty, InputError) and empty.reason == "record has no text or html field"
    # The unterminated quote costs its own row only: the row below it is still read.
    unterminated, next_row = _outcomes("malformed_quote.csv")
    assert isinstance(unterminated, InputError)
    assert unterminated.location.endswith("malformed_quote.csv, row 1")
    assert unterminated.reason.startswith("malformed CSV")
    assert isinstance(next_row, RawReport) and next_row.title == "Schools reopen"
    assert next_row.row == 2


def test_bad_files_legacy_encoding_is_readable() -> None:
    [report] = _outcomes("latin1.txt")
    assert isinstance(report, RawReport) and report.text is not None
    assert "Ménaka" in report.text and "Hélène Bérard" in report.text
    assert "\ufffd" not in report.text


def test_bad_files_huge_line_is_refused(tmp_path: Path) -> None:
    huge = tmp_path / "huge_line.txt"
    huge.write_text("A headline\n" + "x" * 100_001 + "\n")
    [error] = list(read_inputs([str(huge)]))
    assert isinstance(error, InputError) and "100,001 characters" in error.reason
