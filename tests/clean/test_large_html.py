"""A page too large for trafilatura (thousands of elements) is read in one linear pass:
its text block by block without scripts or navigation, its metadata from the <head>."""

from __future__ import annotations

import time

from corroborate.clean import clean_report
from corroborate.clean.large_html import MAX_TRAFILATURA_TAGS, is_large_html
from corroborate.model import RawReport

HEAD = """<head><title>Live: bridge reopens | Harbor Ledger</title>
<meta property="og:site_name" content="Harbor Ledger"><meta name="author" content="Salma Oduya">
<meta property="article:published_time" content="2022-11-14T10:00:00Z">
<link rel="canonical" href="https://harborledger.example/live"></head>"""


def _page(paragraphs: int) -> str:
    body = "".join(
        f"<p>Update {n}: the ferry crossed the river with {n} passengers, the port said.</p>\n"
        for n in range(paragraphs)
    )
    return (
        f"<html>{HEAD}<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<script>var tracking = 'Update script text';</script>"
        "<article><h1>Live: bridge reopens</h1>"
        "<ul><li><p>The bridge <b>reopened</b> at noon, the council said.</p></li></ul>"
        f"{body}</article><footer>Copyright 2022 Harbor Ledger</footer></body></html>"
    )


def test_large_html_is_read_linearly_with_head_metadata() -> None:
    html = _page(30_000)
    assert is_large_html(html) and not is_large_html(_page(100))
    started = time.perf_counter()
    cleaned = clean_report(RawReport(path="live.html", format="html", html=html))
    assert time.perf_counter() - started < 60  # trafilatura alone took minutes at this size
    lines = cleaned.text.split("\n")
    assert lines[0] == "The bridge reopened at noon, the council said."  # nested, once
    assert lines[1] == "Update 0: the ferry crossed the river with 0 passengers, the port said."
    assert len(lines) == 30_001
    assert "script" not in cleaned.text and "Home" not in cleaned.text
    assert "Copyright" not in cleaned.text
    assert (cleaned.published, cleaned.published_source) == ("2022-11-14", "html metadata")
    assert (cleaned.outlet, cleaned.byline) == ("Harbor Ledger", "Salma Oduya")
    assert cleaned.title == "Live: bridge reopens"
    assert cleaned.url == "https://harborledger.example/live"


def test_large_html_threshold_is_far_above_an_article() -> None:
    assert MAX_TRAFILATURA_TAGS >= 10_000  # a news article has a few hundred elements
