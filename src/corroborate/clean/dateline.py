"""A wire dateline opening the body: "BEIRUT, March 3, 2021 (Reuters) - Rebels have …".

The dateline is metadata, not the first claim's words: its place, date and agency are read
into the report's fields, and `Dateline.end` says where the body's first sentence starts, so
that the claims stage does not read "BEIRUT, March 3, 2021 (Reuters) - Rebels" as a speaker.
A regular expression, because the form is a fixed wire convention (place, optional date,
agency in brackets, a dash); the date goes through `normalise_date` (dateparser).
"""

from __future__ import annotations

import re

from corroborate.clean.dates import normalise_date
from corroborate.model import Dateline

MAX_LINES = 3  # the dateline opens one of the first lines of the clean text
_PLACE = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}"
_DATE = (
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?"  # March 3, 2021 / Sept. 3
    r"|\d{1,2} [A-Z][a-z]{2,8}\.?(?: \d{4})?)"  # 3 March 2021
)
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE}(?:, {_PLACE})?)?"
    rf"(?:,? (?P<date>{_DATE}))?"
    r"\s*\((?P<agency>[A-Z][^()\d\n]{1,39})\)\s*[-–—:]+\s*(?=\S)"
)


def read_dateline(text: str) -> Dateline | None:
    """The dateline opening one of the first lines of the clean text, if any."""
    offset = 0
    for line in text.split("\n")[:MAX_LINES]:
        match = _DATELINE.match(line)
        if match and (match.group("place") or match.start("agency") <= 1):
            return _dateline(match, offset)
        offset += len(line) + 1
    return None


def _dateline(match: re.Match[str], offset: int) -> Dateline:
    date = match.group("date")
    return Dateline(
        start=offset,
        end=offset + match.end(),
        place=match.group("place"),
        date=normalise_date(date) if date else None,
        date_as_written=date,
        agency=match.group("agency").strip(),
    )
