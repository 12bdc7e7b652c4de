"""HTML pages: extract the article body and metadata with trafilatura (and htmldate)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura
from trafilatura.metadata import extract_metadata

from corroborate.clean.dates import html_date
from corroborate.clean.large_html import extract_large_html, is_large_html
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
    if is_large_html(html):
        return _extract_large(html, location)
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


def _extract_large(html: str, location: str) -> ExtractedPage:
    """A page too large for trafilatura (see `large_html`): our text, <head> metadata."""
    page = extract_large_html(html)
    if not page.text.strip():
        raise InputError(location, "HTML page has no article body")
    meta = extract_metadata(page.head_html, extensive=False) if page.head_html else None
    return ExtractedPage(
        text=page.text,
        title=_clean(getattr(meta, "title", None)) or page.first_heading,
        author=_clean(getattr(meta, "author", None)),
        sitename=_clean(getattr(meta, "sitename", None)),
        url=_clean(getattr(meta, "url", None)),
        date=html_date(page.head_html) if page.head_html else None,
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
