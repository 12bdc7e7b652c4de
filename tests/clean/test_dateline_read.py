"""Wire datelines read into place, date and agency (invented examples)."""

from __future__ import annotations

from corroborate.clean import clean_report
from corroborate.clean.dateline import read_dateline
from corroborate.model import RawReport


def test_dateline_place_date_agency() -> None:
    text = "BEIRUT, March 3, 2021 (Reuters) - Rebels have seized the town, two officials said."
    dateline = read_dateline(text)
    assert dateline is not None
    assert (dateline.place, dateline.date, dateline.agency) == ("BEIRUT", "2021-03-03", "Reuters")
    assert text[dateline.end :].startswith("Rebels have seized")


def test_dateline_without_a_year_gives_no_date() -> None:
    dateline = read_dateline("Headline words here\nKOSTI, Sudan, March 3 (Corvus) - Shells hit.")
    assert dateline is not None
    assert (dateline.place, dateline.date, dateline.date_as_written) == (
        "KOSTI, Sudan",
        None,
        "March 3",
    )
    assert dateline.start == len("Headline words here\n")


def test_dateline_agency_alone() -> None:
    dateline = read_dateline("(Tolva Post)- Pro-government fighters entered the port.")
    assert dateline is not None and (dateline.place, dateline.agency) == (None, "Tolva Post")


def test_dateline_absent_from_a_sentence_with_brackets() -> None:
    assert read_dateline("Officials in Tolva (the port town) - said the road was shut.") is None
    assert read_dateline("The rebels seized the town.\nIt was quiet (mostly) - for a day.") is None


def test_dateline_date_fills_published_when_the_page_states_none() -> None:
    text = "Port closed after storm\nTOLVA, May 2, 2019 (Corvus) - The port closed on Thursday."
    cleaned = clean_report(RawReport(path="wire.txt", format="text", text=text))
    assert cleaned.dateline is not None and cleaned.dateline.agency == "Corvus"
    assert cleaned.published == "2019-05-02"
    assert cleaned.published_source == "dateline: 'May 2, 2019'"
