"""Cleaning stage: a raw page -> its body text (one kept line a line), the removed noise
with reasons, and the metadata the page states (title, date, byline, outlet).

The cascade, in order: HTML extraction (trafilatura) -> per-line furniture (data files in
`data/lexicons/furniture*.txt`) -> headline, date, byline and outlet lines near the top ->
repeated lines and pull quotes -> non-sentence lines above the first / below the last body
paragraph. Blank lines are dropped: the clean text is the kept lines joined by "\\n", so
every line of it is one paragraph, heading or quoted line of the body.
"""

from __future__ import annotations

from corroborate.clean.dateline import read_dateline
from corroborate.clean.dates import (
    MAX_DATE_LINE_WORDS,
    date_line,
    is_ambiguous_date,
    normalise_date,
)
from corroborate.clean.html import ExtractedPage, extract_html
from corroborate.clean.lines import words
from corroborate.clean.metadata import (
    article_by,
    as_written_in,
    byline_of,
    credit_outlet,
    dateline_outlet,
    is_name_line,
    is_outlet_line,
    known_outlet_name,
    looks_like_title,
    outlet_of_domain,
)
from corroborate.clean.page import (
    HEAD_LINES,
    Page,
    mark_furniture,
    mark_lines_equal_to,
    mark_repetition,
    mark_zones,
)
from corroborate.errors import InputError
from corroborate.model import Cleaned, NoiseLine, RawReport

__all__ = ["clean_report"]

Found = tuple[str | None, str | None]  # (value, where it was found)
# An unparsed stated date is quoted in published_source; a field may hold anything, so the
# quote is cut to a date's length.
MAX_QUOTED_DATE_CHARS = 40


def clean_report(raw: RawReport) -> Cleaned:
    """Clean one report; raises `InputError` when there is no text or no article body."""
    extracted = extract_html(raw.html, raw.location) if raw.html is not None else None
    text = extracted.text if extracted else raw.text
    if text is None:
        raise InputError(raw.location, "report has neither text nor HTML")
    page = Page.from_text(text)
    mark_furniture(page)
    title, title_source = _title(raw, extracted, page, text)
    published, published_source = _published(raw, extracted, page)
    byline = _byline(raw, extracted, page, text)
    outlet, outlet_source = _outlet(raw, extracted, page, text)
    mark_repetition(page)
    mark_zones(page)
    if extracted and not page.kept():  # trafilatura found only navigation or furniture
        raise InputError(raw.location, "HTML page has no article body")
    if outlet is None:
        outlet, outlet_source = _outlet_in_body(page, text)
    body = "\n".join(line for _, line in sorted(page.kept().items()))
    dateline = read_dateline(body)
    if published is None and dateline is not None and dateline.date is not None:
        published, published_source = dateline.date, f"dateline: {dateline.date_as_written!r}"
    return Cleaned(
        text=body,
        noise=tuple(
            NoiseLine(n, page.lines[n], reason) for n, reason in sorted(page.noise.items())
        ),
        title=title,
        title_source=title_source,
        published=published,
        published_source=published_source,
        byline=byline,
        outlet=outlet,
        outlet_source=outlet_source,
        url=extracted.url if extracted else None,
        dateline=dateline,
    )


def _title(raw: RawReport, extracted: ExtractedPage | None, page: Page, text: str) -> Found:
    """Stated title, else HTML metadata, else the first headline-shaped line of the page.
    Lines near the top that repeat the title are noise ("title")."""
    head = page.head()
    if raw.title and raw.title.strip():
        title, source = " ".join(raw.title.split()), "field"
    elif extracted and extracted.title:
        title, source = extracted.title, "html metadata"
    else:
        title, source = _first_headline(page, head, text)
    if title:
        mark_lines_equal_to(page, title, "title", head)
    return title, source


def _first_headline(page: Page, head: list[int], text: str) -> Found:
    candidates = [n for n in head if _headline_shaped(page.lines[n], text)]
    if not candidates:
        return None, None
    number = candidates[0]
    if _masthead_above_headline(page, head, number, candidates):
        number = head[head.index(number) + 1]
    where = "first line" if number == min(page.lines) else f"line {number}"
    return page.lines[number], where


def _headline_shaped(line: str, text: str) -> bool:
    return not date_line(line) and looks_like_title(line) and not is_outlet_line(line, text)


def _masthead_above_headline(
    page: Page, head: list[int], number: int, candidates: list[int]
) -> bool:
    """Blog layout: the site's name, then the post's headline straight above its date
    ("Field Notes / Notes on a quiet week / Posted on 3 May"). A headline-shaped line
    followed by another one (not a byline) that sits right on a date line is the masthead."""
    at = head.index(number)
    if at + 2 >= len(head) or head[at + 1] not in candidates:
        return False
    second = page.lines[head[at + 1]]
    if second.strip().lower().startswith("by ") or byline_of(second):
        return False
    return date_line(page.lines[head[at + 2]]) is not None


def _published(raw: RawReport, extracted: ExtractedPage | None, page: Page) -> Found:
    """A stated date wins (normalised; when unparseable, published stays None and the
    source says so: never replaced by a guess); else HTML date metadata; else the first
    standalone date line near the top. An all-numeric date whose day and month could be
    swapped ("03/04/2021") is not read, and its line is named as the source."""
    found: Found = (None, None)
    for number in page.head():
        line = page.lines[number]
        iso = date_line(line)
        if iso:
            page.mark(number, "date")
            found = (iso, f"line {number}: {line!r}")
            break
        if found == (None, None) and _ambiguous_date_line(line):
            page.mark(number, "date")
            found = (None, f"line {number}: {line!r} (day and month ambiguous)")
    if raw.published is not None and raw.published.strip():
        stated = " ".join(raw.published.split())
        iso = normalise_date(stated)
        if iso:
            return iso, "field"
        why = "day and month ambiguous" if is_ambiguous_date(stated) else "unparsed"
        return None, f"field ({why}: {stated[:MAX_QUOTED_DATE_CHARS]!r})"
    if extracted:
        return (extracted.date, "html metadata") if extracted.date else (None, None)
    return found


def _ambiguous_date_line(line: str) -> bool:
    """A short line holding an all-numeric date that could be read two ways."""
    return len(line.split()) <= MAX_DATE_LINE_WORDS and is_ambiguous_date(line)


def _byline(raw: RawReport, extracted: ExtractedPage | None, page: Page, text: str) -> str | None:
    """Stated byline, else HTML author, else a "By ..." line or a bare name line under the
    headline, else "This article by ..." / "(Reporting by ...)". Byline lines are noise."""
    found = None
    # A bare name counts only BELOW the headline line: above it, a short capitalised line is
    # more likely a section label or a masthead than the author.
    title_lines = [n for n, reason in page.noise.items() if reason == "title"]
    below = min(title_lines) if title_lines else None
    for number in page.head():
        line = page.lines[number]
        name = byline_of(line)
        if name is None and below is not None and number > below and _bare_name(line, text):
            name = line
        if name:
            page.mark(number, "byline")
            found = found or name
    if raw.byline and raw.byline.strip():
        return " ".join(raw.byline.split())
    if extracted and extracted.author:
        return extracted.author
    if found:
        return found
    last = sorted(page.kept())[-HEAD_LINES:]
    return next(filter(None, (article_by(page.lines[n]) for n in page.head() + last)), None)


def _bare_name(line: str, text: str) -> bool:
    """ "David Kearns" alone on a line: a name of 2+ words that is not an outlet."""
    return is_name_line(line) and len(words(line)) >= 2 and not is_outlet_line(line, text)


def _outlet(raw: RawReport, extracted: ExtractedPage | None, page: Page, text: str) -> Found:
    """Stated outlet, else a known outlet's URL, else HTML site name, else an outlet line
    near the top, else the URL's bare domain. Outlet lines are noise ("outlet")."""
    on_page = None
    for number in page.head():
        line = page.lines[number]
        if is_outlet_line(line, text):
            page.mark(number, "outlet")
            on_page = on_page or known_outlet_name(line) or as_written_in(line, text)
    url = raw.url or (extracted.url if extracted else None)
    domain = outlet_of_domain(url)
    candidates: list[Found] = [
        (" ".join(raw.outlet.split()) if raw.outlet and raw.outlet.strip() else None, "field"),
        (domain[0] if domain and domain[1] else None, "url"),
        (extracted.sitename if extracted else None, "html metadata"),
        (on_page, "page"),
        (domain[0] if domain else None, "url"),
    ]
    return next(((value, source) for value, source in candidates if value), (None, None))


def _outlet_in_body(page: Page, text: str) -> Found:
    """A dateline "(Outlet)-" opening the first paragraph, else a "first appeared on" credit."""
    paragraphs = page.body_paragraphs()
    if paragraphs:
        name = dateline_outlet(page.lines[paragraphs[0]])
        if name:
            return name, "dateline"
    name = credit_outlet(text)
    return (name, "credit") if name else (None, None)
