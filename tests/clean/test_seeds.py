"""End to end on the five real seed pages, read from ../shared/seeds (never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.clean import clean_report
from corroborate.model import Cleaned, RawReport

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


def _clean(stem: str) -> Cleaned:
    path = next(SEEDS.glob(f"{stem}_*.txt"))
    return clean_report(RawReport(path=str(path), format="text", text=path.read_text("utf-8")))


def _noise(cleaned: Cleaned) -> dict[str, str]:
    return {noise.text: noise.reason for noise in cleaned.noise}


def _assert_kept(cleaned: Cleaned, fragments: list[str]) -> None:
    for fragment in fragments:
        assert fragment in cleaned.text, fragment
    noise = {n.text for n in cleaned.noise if n.reason != "repeated"}  # a copy of a kept line
    assert not [line for line in cleaned.text.split("\n") if line in noise]
    assert all(line.strip() for line in cleaned.text.split("\n"))


def test_seed_000_metadata_and_noise() -> None:
    cleaned = _clean("000")
    assert cleaned.title == "Syrian regime loyalists 'providing entertainment to Russian troops'"
    assert cleaned.title_source == "first line"
    assert cleaned.published == "2016-03-11"
    assert cleaned.published_source == "line 5: '11 Mar, 2016'"
    noise = _noise(cleaned)
    assert noise["2 min read"] == "read-time"
    assert noise["Tags"] == "tags"
    assert any(text.endswith("[Getty]") and r == "caption" for text, r in noise.items())
    repeated = [n for n in cleaned.noise if n.reason == "repeated"]
    assert [n.line for n in repeated] == [38]  # the copy at the end, not the first occurrence
    assert cleaned.text.count("estimated 4,000 Russian personnel") == 1
    assert "Russia intervened in the Syrian civil war" in cleaned.text.split("\n")[-1]
    _assert_kept(
        cleaned,
        [
            "A group of volunteers, mostly women",
            "The New Arab cannot verify",
            "on January 7, 2016",
            "Ataa Homs (The Giving of Homs)",
            "named as Ribal Rustom",
            "consult a gynecologist",
            "background in linguistics",
        ],
    )


def test_seed_001_keeps_every_paragraph() -> None:
    cleaned = _clean("001")
    assert cleaned.title == "Assad sends thousands of Syrian mercenaries to Russia"
    assert cleaned.published is None  # the page states no date: never guessed
    assert len(cleaned.text.split("\n")) == 8
    _assert_kept(
        cleaned,
        [
            "The pace of recruitment",
            "Dmitry Peskov told reporters",
            "The Wall Street Journal, citing US officials",
            "The Russian army",
        ],
    )


def test_seed_002_ticker_slogan_comment_form() -> None:
    cleaned = _clean("002")
    assert (
        cleaned.title == "Russian soldiers fight along regime forces in Latakia province: activists"
    )
    assert cleaned.published == "2016-04-28"
    assert cleaned.published_source == "line 6: '| 2016-04-28 13:49:48'"
    assert (cleaned.outlet, cleaned.outlet_source) == ("Zaman Al Wasl", "dateline")
    noise = _noise(cleaned)
    assert noise["Latest News:"] == "ticker"
    assert [n.line for n in cleaned.noise if n.reason == "ticker"] == [0, 1]
    assert noise["Established by Fathi Ibrahim Bayoud 2005 - Homs"] == "slogan"
    assert noise["Keywords: Syria Russia"] == "tags"
    for line in (
        "Comments (0)",
        "Post Your Comments",
        "fill all fields below",
        "This confirmation code will prevent auto submit",
    ):
        assert noise[line] == "comments"
    assert [n.line for n in cleaned.noise if n.reason == "title"] == [4, 7]
    assert cleaned.text.startswith("(Zaman Al Wasl)- Pro-regime Facebook group")
    _assert_kept(
        cleaned,
        [
            "-Russia partial withdrawal is mere game-",
            "-Canton west of Asi River-",
            "Abu Fatima confirmed",
            "Tarek Haj Bakri sees",
            "Russia plan B is another indicator",
            "(Reporting by Abdul Salam",
        ],
    )


def test_seed_003_captions_pull_quotes_share_row() -> None:
    cleaned = _clean("003")
    assert cleaned.title == "Russian soldiers in Homs: unwelcome guests?"
    assert cleaned.published == "2017-11-29"
    assert (cleaned.outlet, cleaned.outlet_source) == ("Syria Untold", "page")
    assert cleaned.byline == "Jood Mahbiani"
    reasons = [n.reason for n in cleaned.noise]
    assert reasons.count("caption") == 3
    assert reasons.count("pull-quote") == 3
    assert reasons[-1] == "share" and cleaned.noise[-1].text.startswith("Audio available Bookmark")
    assert any(
        n.reason == "newsletter" and n.text.startswith("Get oDR emails") for n in cleaned.noise
    )
    assert "commenting guidelines" not in cleaned.text
    _assert_kept(
        cleaned,
        [
            "Locals in Homs are divided",
            "Russia’s role in the displacements",
            "Growing acceptance and varying perspectives",
            "it was Russian involvement that turned the most painful page",
            "What shocked everyone, however",
            "Every aircraft passing over me",
            "Colonel Sergey",
            "On 18 March 2017",
            "said Umm Ali",
            "One of the latter is Rima",
            "Translated from Arabic by",
        ],
    )


def test_seed_004_date_first_byline_read_more_promos() -> None:
    cleaned = _clean("004")
    assert cleaned.title == "Russian troops allegedly fighting alongside Assad's forces in Syria"
    assert cleaned.published == "2018-02-17"
    assert cleaned.published_source == "line 0: 'Saturday 17 February 2018'"
    assert cleaned.byline == "David Kearns"
    assert cleaned.outlet is None  # the page never names its outlet
    noise = _noise(cleaned)
    assert [n.reason for n in cleaned.noise if "Credit: @ValkryV" in n.text] == ["caption"] * 2
    assert noise["Read More: Turkish jets join US-led bombing campaign against IS"] == "related"
    for line in ("Promoted Links", "Editors Choice", "Also in World News", "Online Editors"):
        assert line in noise
    assert "directly to your inbox" not in cleaned.text
    _assert_kept(
        cleaned,
        [
            "Russian troops have been reported fighting",
            "Video footage allegedly",
            "Dmitry Peskov saying",
            "Jabhat al-Nusra",
            "The Russians have been there a long time",
            "Slunfeh",
            "technical reasons",
        ],
    )


@pytest.mark.parametrize("stem", ["000", "001", "002", "003", "004"])
def test_seed_title_not_in_text(stem: str) -> None:
    cleaned = _clean(stem)
    assert cleaned.title not in cleaned.text.split("\n")
