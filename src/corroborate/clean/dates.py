"""Publication dates: normalise a stated date, find a standalone date line, read HTML dates.

Never guess: a date is taken only from metadata or from a line that is nothing but a date
(optionally with a label such as "Published:" or a leading place name); a date inside a
body sentence ("on January 7, 2016") is an event date, not the publication date.
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime

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
_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}
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
    """ISO `YYYY-MM-DD` for a stated date, or None when it is absent or not a full date."""
    if not value or not _YEAR.search(value):
        return None
    parsed = _parse(value.strip())
    return parsed.date().isoformat() if parsed else None


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
