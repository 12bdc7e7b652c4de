"""HTML pages: extract the article body and metadata with trafilatura (and htmldate)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura

from corroborate.clean.dates import html_date
from corroborate.errors import InputError


@dataclass(frozen=True)
class ExtractedPage:
    text: str  # one paragraph a line, as trafilatura separates them
    title: str | None
    author: str | None
    sitename: str | None
    url: str | None
    date: str | None  # ISO, from htmldate without extensive (guessing) search


def extract_html(html: str, location: str) -> ExtractedPage:
    """Article text and metadata; an `InputError` when the page has no article body."""
    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise InputError(location, "HTML page has no article body")
    return ExtractedPage(
        text=unwrap_lines(text),
        title=_clean(getattr(document, "title", None)),
        author=_clean(getattr(document, "author", None)),
        sitename=_clean(getattr(document, "sitename", None)),
        url=_clean(getattr(document, "url", None)),
        date=html_date(html),
    )


# A line that stops mid-sentence (no closing punctuation) and a next line that starts in
# lower case are one paragraph that the page hard-wrapped (<br> or <pre> layouts, which
# trafilatura keeps). Rejoined, the paragraph is judged as prose by the noise rules; left
# apart, each fragment looks like a short non-sentence and could be taken for furniture.
_WRAPPED = re.compile(r"(?<=[^\s.!?:;\"”’)\]])[ \t]*\n[ \t]*(?=[a-z])")


def unwrap_lines(text: str) -> str:
    """Join hard-wrapped lines of one paragraph with a space."""
    return _WRAPPED.sub(" ", text)


def _clean(value: object) -> str | None:
    return " ".join(str(value).split()) or None if value else None
