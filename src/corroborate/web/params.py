"""Query parameters shared by the pages and the JSON API, validated once.

HTML forms send empty fields as empty strings, so every filter accepts "" as "not given".
A value that is not valid (a bad date, an unknown certainty, a page out of range) is a 422
with the parameter named, never a stack trace.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import HTTPException, Query

from corroborate.store.browse import ClaimFilter

PER_PAGE = 20  # rows on a page
MAX_LIMIT = 100  # the most rows one API call returns
MAX_OFFSET = 10_000_000
MAX_TEXT = 500  # characters in a text filter
_DATE = r"^(\d{4}-\d{2}-\d{2})?$"
_CERTAINTY = r"^(asserted|hedged|denied)?$"

Text = Annotated[str | None, Query(max_length=MAX_TEXT)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="rows to return")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]
PageNumber = Annotated[int, Query(ge=1, le=MAX_OFFSET // PER_PAGE, description="1-based page")]


def _blank(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _date(value: str | None, name: str) -> str | None:
    value = _blank(value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(422, f"{name}: not a date (YYYY-MM-DD): {value!r}") from None


def claim_filter(
    q: Annotated[str | None, Query(max_length=MAX_TEXT, description="words, all required")]
    = None,
    outlet: Text = None,
    date_from: Annotated[str | None, Query(alias="from", pattern=_DATE,
                                           description="first date, YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=_DATE,
                                         description="last date, YYYY-MM-DD")] = None,
    certainty: Annotated[str | None, Query(pattern=_CERTAINTY)] = None,
    source: Text = None,
    actor: Text = None,
    place: Text = None,
) -> ClaimFilter:
    """The search filters; report lists use the report ones (text, outlet, dates, actor,
    place), claim lists all of them."""
    return ClaimFilter(
        query=_blank(q),
        outlet=_blank(outlet),
        date_from=_date(date_from, "from"),
        date_to=_date(date_to, "to"),
        certainty=_blank(certainty),
        source=_blank(source),
        actor=_blank(actor),
        place=_blank(place),
    )


def claims_only(f: ClaimFilter) -> bool:
    """Whether `f` filters on what only claims have (so a report list would mislead)."""
    return bool(f.certainty or f.source)
