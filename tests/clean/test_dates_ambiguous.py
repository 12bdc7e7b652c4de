"""Dates are never guessed: an all-numeric date that reads two ways stays null, and a stated
date that cannot be read is reported in published_source, not silently dropped."""

from __future__ import annotations

import pytest

from corroborate.clean import clean_report
from corroborate.clean.dates import date_line, normalise_date
from corroborate.model import RawReport

BODY = (
    "The council reopened the northern bridge after repairs, a spokesman said on Monday.\n"
    "Traffic resumed in the afternoon and the ferry service was suspended, officials said.\n"
)


@pytest.mark.parametrize("value", ["03/04/2021", "3.4.2021", "04-03-2021", "1/2/2019"])
def test_dates_ambiguous_numeric_date_is_not_read(value: str) -> None:
    assert normalise_date(value) is None
    assert date_line(f"Published: {value}") is None


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("13/04/2021", "2021-04-13"),
        ("04/13/2021", "2021-04-13"),
        ("13.04.2021", "2021-04-13"),
        ("04/04/2021", "2021-04-04"),  # the same either way
        ("2021-04-03", "2021-04-03"),
        ("2021/04/03", "2021-04-03"),
    ],
)
def test_dates_unambiguous_numeric_date_is_read(value: str, iso: str) -> None:
    assert normalise_date(value) == iso


def test_dates_impossible_numeric_date_is_not_read() -> None:
    assert normalise_date("31/02/2021") is None


def _clean(text: str = "Bridge reopens after repairs\n" + BODY, **fields: str):
    return clean_report(RawReport(path="page.txt", format="text", text=text, **fields))


def test_dates_stated_field_that_does_not_parse_is_reported() -> None:
    cleaned = _clean(published="03/04/2021")
    assert cleaned.published is None
    assert cleaned.published_source == "field (day and month ambiguous: '03/04/2021')"
    cleaned = _clean(published="the day before yesterday, 2021")
    assert cleaned.published is None
    assert cleaned.published_source == "field (unparsed: 'the day before yesterday, 2021')"
    assert _clean(published="13/04/2021").published == "2021-04-13"


def test_dates_ambiguous_date_line_is_named_not_read() -> None:
    cleaned = _clean("Bridge reopens after repairs\n03/04/2021\n" + BODY)
    assert cleaned.published is None
    assert cleaned.published_source == "line 1: '03/04/2021' (day and month ambiguous)"
    assert "03/04/2021" not in cleaned.text
    cleaned = _clean("Bridge reopens after repairs\n03/04/2021\n13/04/2021\n" + BODY)
    assert (cleaned.published, cleaned.published_source) == ("2021-04-13", "line 2: '13/04/2021'")
