"""Publication dates: normalise a stated date, find a standalone date line, read HTML dates.

Never guess: a date is taken only from metadata or from a line that is nothing but a date
(optionally with a label such as "Published:" or a leading place name); a date inside a
body sentence ("on January 7, 2016") is an event date, not the publication date.
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime

import dateparser
import htmldate

# A publication date must name its year: "4 hours ago" or "March 3" are relative or
# incomplete, and filling them in would be a guess.
_YEAR = re.compile(r"(?<!\d)(1[89]|20)\d\d(?!\d)")
# Labels and separators that may surround a date on its own line.
_LABEL = re.compile(
    r"^[\s|•·\-–—:]*(published|posted|updated|last updated|first published|date|on)?"
    r"\s*(on)?\s*[:|]?\s*",
    re.I,
)
# A leading place name before a comma ("Popayán, 12 de agosto de 2022"): up to 3 words.
_PLACE = re.compile(r"^[^\W\d_][\w .'’-]{0,40},\s*(?=\S*\d|\w+\s+\d)")
# Standalone date lines are short: a long line is a sentence that happens to hold a date.
MAX_DATE_LINE_WORDS = 9
# A day-month or month-day date written in numbers only: "03/04/2021", "13.04.2021",
# "4-13-2021". Year-first dates ("2021-04-03", "2021/04/03") are ISO order and are left to
# dateparser, which reads them year-month-day.
_NUMERIC_DATE = re.compile(
    r"(?<![\d./-])(?P<first>\d{1,2})(?P<sep>[./-])(?P<second>\d{1,2})(?P=sep)"
    r"(?P<year>(?:1[89]|20)\d\d)(?![\d./-])"
)
# Absolute dates only: dateparser's relative parser reads "the day before yesterday, 2021"
# as a date counted back from today, which is a guess.
_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PARSERS": ["custom-formats", "absolute-time"],
}
# Languages whose month and day names dateparser tries. Left open, it tests some 200
# locales per string and compiles their regexes, which made date lines most of the cost of
# cleaning (about 100 ms a report). These are the languages of the conflict reporting we
# ingest; a date written in another one stays null, which is safe (never guessed).
DATE_LANGUAGES = ["en", "fr", "es", "ar", "de", "ru", "uk", "tr", "it", "pt", "fa", "he"]


def _parse(text: str) -> datetime | None:
    with warnings.catch_warnings():  # dateparser warns about pytz/zoneinfo internals
        warnings.simplefilter("ignore")
        return dateparser.parse(  # type: ignore[arg-type]
            text, languages=DATE_LANGUAGES, settings=_SETTINGS
        )


def normalise_date(value: str | None) -> str | None:
    """ISO `YYYY-MM-DD` for a stated date, or None when it is absent, not a full date, or
    an all-numeric date whose day and month cannot be told apart ("03/04/2021")."""
    if not value or not _YEAR.search(value):
        return None
    numeric = _NUMERIC_DATE.search(value)
    if numeric:
        return _numeric_date(*_numbers(numeric))
    parsed = _parse(value.strip())
    if parsed is None or str(parsed.year) not in value:  # a year it did not read: a guess
        return None
    return parsed.date().isoformat()


def is_ambiguous_date(value: str) -> bool:
    """True for an all-numeric date whose first two numbers could each be the month."""
    numeric = _NUMERIC_DATE.search(value)
    if not numeric:
        return False
    first, second, _ = _numbers(numeric)
    return first != second and first <= 12 and second <= 12


def _numbers(match: re.Match[str]) -> tuple[int, int, int]:
    return int(match["first"]), int(match["second"]), int(match["year"])


def _numeric_date(first: int, second: int, year: int) -> str | None:
    """The date of "first/second/year" when only one reading is a real date.

    "03/04/2021" is 3 April in Damascus and London and March 4 in Washington: both
    readings are valid, so we do not pick one (dateparser would silently read it
    month-first). "13/04/2021" or "04/13/2021" can only be read one way.
    """
    readings = {_valid(year, first, second), _valid(year, second, first)} - {None}
    return readings.pop() if len(readings) == 1 else None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def date_line(line: str) -> str | None:
    """ISO date when the whole line is a date (with an optional label or place), else None."""
    if len(line.split()) > MAX_DATE_LINE_WORDS or not _YEAR.search(line):
        return None
    candidate = _LABEL.sub("", line.strip()).strip(" |•·-–—")
    candidates = [candidate, _PLACE.sub("", candidate)]
    for text in dict.fromkeys(candidates):
        iso = normalise_date(text)
        if iso:
            return iso
    return None


def html_date(html: str) -> str | None:
    """The page's own publication date from its markup (htmldate), without guessing.

    `extensive_search=False` keeps htmldate to metadata and explicit date elements: its
    extensive mode would fall back on URL fragments, copyright years or any date in the text.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = htmldate.find_date(
            html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d"
        )
    return found or None
