"""clean: the raw page -> body text, removed noise, title, date, byline, outlet."""

from __future__ import annotations

from collections.abc import Sequence

from corroborate.clean import clean_report
from corroborate.errors import InputError
from corroborate.model import Cleaned
from corroborate.registry import Stage, Work
from corroborate.settings import MAX_LINE_CHARS


def _run(batch: Sequence[Work]) -> None:
    for work in batch:
        work.cleaned = _within_line_limit(clean_report(work.raw), work.raw.location)


def _within_line_limit(cleaned: Cleaned, location: str) -> Cleaned:
    """The body of an HTML page or a record is held to the line limit that plain-text files
    meet when read: one paragraph longer than that is a dump, not a report."""
    limit = int(MAX_LINE_CHARS.value())
    longest = max((len(line) for line in cleaned.text.split("\n")), default=0)
    if longest > limit:
        raise InputError(
            location, f"a paragraph of {longest:,} characters is longer than the "
            f"{limit:,}-character line limit"
        )
    return cleaned


STAGE = Stage(
    name="clean",
    version=2,  # 2: wire datelines read (clean.dateline)
    requires=("raw",),
    assigns=("cleaned",),
    run=_run,
    help="page noise out (trafilatura for HTML, the noise cascade); title, date, byline, outlet",
    reads=("lexicons/furniture_*.txt", "lexicons/clean_*.txt"),
    libraries=("trafilatura", "dateparser", "charset-normalizer"),
)
