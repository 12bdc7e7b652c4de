from __future__ import annotations

import pytest

from corroborate.clean.dates import date_line, normalise_date


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("11 Mar, 2016", "2016-03-11"),
        ("| 2016-04-28 13:49:48", "2016-04-28"),
        ("Saturday 17 February 2018", "2018-02-17"),
        ("Published: 3 May 2021 14:02 GMT", "2021-05-03"),
        ("2021-05-03T14:02:00Z", "2021-05-03"),
        ("Updated on 12 January 2020", "2020-01-12"),
    ],
)
def test_dates_standalone_line(line: str, iso: str) -> None:
    assert date_line(line) == iso


@pytest.mark.parametrize(
    "line",
    [
        "Updated 4 hours ago",
        "March 3",
        "The party took place at the base on January 7, 2016, the document said.",
        "Established by Lara Ostin 2005 - Veloria",
    ],
)
def test_dates_not_a_publication_date(line: str) -> None:
    assert date_line(line) is None


def test_dates_normalise_rejects_nonsense() -> None:
    assert normalise_date("sometime in spring") is None
    assert normalise_date("2021-05-03T14:02:00+02:00") == "2021-05-03"
