"""End to end on invented pages in other layouts (tests/data/clean)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.clean import clean_report
from corroborate.clean.html import unwrap_lines
from corroborate.errors import InputError
from corroborate.model import Cleaned, RawReport

PAGES = Path(__file__).resolve().parents[1] / "data" / "clean"


def _clean(name: str, **fields: str) -> Cleaned:
    path = PAGES / name
    content = path.read_text("utf-8")
    kind = "html" if name.endswith(".html") else "text"
    return clean_report(RawReport(path=str(path), format=kind, **{kind: content}, **fields))


def _reasons(cleaned: Cleaned) -> dict[str, str]:
    return {n.text: n.reason for n in cleaned.noise}


def test_wire_page() -> None:
    cleaned = _clean("wire_dispatch.txt")
    assert cleaned.title == "Drone strike hits fuel depot near Veloria, provincial officials say"
    assert cleaned.published == "2021-05-03"
    assert cleaned.byline == "Tomas Reyes"
    assert (cleaned.outlet, cleaned.outlet_source) == ("Northwire", "dateline")
    noise = _reasons(cleaned)
    for line in (
        "NORTHWIRE",
        "4 min read",
        "Advertisement",
        "Share this article",
        "Facebook Twitter Email Print",
        "Related: Ceasefire talks resume in Veloria",
        "Subscribe to our newsletter for daily conflict briefings.",
    ):
        assert line in noise
    lines = cleaned.text.split("\n")
    assert len(lines) == 7 and lines[-1].startswith("(Reporting by Tomas Reyes")
    assert "Northwire could not independently verify" in cleaned.text


def test_blog_page_cookie_tags_comments() -> None:
    cleaned = _clean("blog_tags.txt")
    assert cleaned.published == "2021-05-03"
    noise = _reasons(cleaned)
    assert noise["We use cookies to improve your experience. Accept all cookies"] == "cookie"
    assert noise["Tags: Karsk, displacement, ceasefire"] == "tags"
    assert noise["Reader One: thanks for writing this."] == "comments"
    for kept in (
        "“We open when the sirens stop,” one baker said.",
        "What comes next",
        "The figures could not be confirmed",
        "Aid convoys are expected",
    ):
        assert kept in cleaned.text.split("\n") or kept in cleaned.text


def test_blog_page_title_below_blog_name() -> None:
    assert _clean("blog_tags.txt").title == "Notes on a quiet week in Karsk"


def test_stated_title_wins_and_is_dropped_from_text() -> None:
    cleaned = _clean("blog_tags.txt", title="Notes on a quiet week in Karsk")
    assert (cleaned.title, cleaned.title_source) == ("Notes on a quiet week in Karsk", "field")
    assert "Notes on a quiet week in Karsk" not in cleaned.text


def test_news_page_share_repeat_most_read() -> None:
    cleaned = _clean("newsroom_share.txt")
    assert cleaned.title == "Militia says it repelled attack on hill villages"
    assert cleaned.published == "2021-06-09"
    assert (cleaned.outlet, cleaned.outlet_source) == ("The Meridian Courier", "page")
    noise = _reasons(cleaned)
    assert noise["Share on Facebook"] == "share"
    assert (
        noise["Mounted fighters clash near the ridge road. Photo: Courier staff / Handout"]
        == "caption"
    )
    assert noise["Flood warning issued for river towns"] == "footer"
    assert cleaned.text.count("repelled an attack by rival fighters") == 1
    assert "“They came at dawn and left before noon.”" in cleaned.text.split("\n")
    assert cleaned.text.split("\n")[-1].startswith("A health official said")


def test_html_portal_metadata_and_body() -> None:
    cleaned = _clean("portal_nav.html")
    assert (cleaned.title, cleaned.title_source) == (
        "Convoy attacked on coastal highway",
        "html metadata",
    )
    assert (cleaned.published, cleaned.published_source) == ("2022-11-14", "html metadata")
    assert cleaned.byline == "Salma Oduya"
    assert cleaned.outlet == "Harbor Ledger"
    assert cleaned.url == "https://harborledger.example/news/convoy-attacked"
    for furniture in ("Privacy", "Port Selin market reopens", "Photo: Harbor Ledger"):
        assert furniture not in cleaned.text
    assert len(cleaned.text.split("\n")) == 5


def test_stated_fields_win_and_bad_date_is_rejected() -> None:
    cleaned = _clean(
        "wire_dispatch.txt",
        published="sometime last spring",
        outlet="Field Outlet",
        url="https://www.syriauntold.com/x",
    )
    # Not guessed, not silently dropped: the source says the stated date was not understood.
    assert (cleaned.published, cleaned.published_source) == (
        None, "field (unparsed: 'sometime last spring')"
    )
    assert (cleaned.outlet, cleaned.outlet_source) == ("Field Outlet", "field")
    stated = _clean("wire_dispatch.txt", published="2021-05-04T01:00:00Z")
    assert (stated.published, stated.published_source) == ("2021-05-04", "field")


def test_outlet_from_known_url() -> None:
    cleaned = _clean("blog_tags.txt", url="https://www.syriauntold.com/2021/x")
    assert (cleaned.outlet, cleaned.outlet_source) == ("Syria Untold", "url")


def test_html_without_body_is_an_input_error() -> None:
    html = (PAGES.parents[0] / "bad" / "no_body.html").read_text("utf-8")
    with pytest.raises(InputError, match="page.html: HTML page has no article body"):
        clean_report(RawReport(path="page.html", format="html", html=html))


def test_html_hard_wrapped_paragraph_is_rejoined_and_kept() -> None:
    wrapped = "Photos released on Monday\nshow the bridge intact, officials\nsaid.\nNext paragraph."
    assert unwrap_lines(wrapped) == (
        "Photos released on Monday show the bridge intact, officials said.\nNext paragraph."
    )
    assert unwrap_lines("Headline\nBody line.") == "Headline\nBody line."
