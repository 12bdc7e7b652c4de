from __future__ import annotations

from corroborate.clean.metadata import (
    as_written_in,
    byline_of,
    dateline_outlet,
    is_outlet_line,
    outlet_of_domain,
)


def test_metadata_byline_forms() -> None:
    assert byline_of("By Jane Doe") == "Jane Doe"
    assert byline_of("By Jane Doe | Northwire") == "Jane Doe"
    assert byline_of("By the time they arrived, the bridge was gone.") is None


def test_metadata_dateline_outlet() -> None:
    assert (
        dateline_outlet("(Valley Monitor)- Fighters entered the town on Friday.")
        == "Valley Monitor"
    )
    assert dateline_outlet("VELORIA, May 3 (Northwire) - A drone struck a depot.") == "Northwire"
    assert dateline_outlet("Officials (speaking anonymously) - said nothing.") is None


def test_metadata_outlet_from_url() -> None:
    assert outlet_of_domain("https://www.zamanalwsl.net/en/news/1") == ("Zaman Al Wasl", True)
    assert outlet_of_domain("https://news.example.org/a") == ("news.example.org", False)
    assert outlet_of_domain(None) is None


def test_metadata_outlet_line_vs_person() -> None:
    assert is_outlet_line("The Meridian Courier", "")
    assert not is_outlet_line("Jane Doe", "Nothing about her here.")


def test_metadata_byline_with_place_and_other_language() -> None:
    assert byline_of("By Omar Haddad, Tal Rafi") == "Omar Haddad"
    assert byline_of("Par Lucie Marnier") == "Lucie Marnier"


def test_metadata_masthead_spelling_from_body() -> None:
    text = "VALLEY MONITOR\nThe Valley Monitor could not confirm the figure."
    assert as_written_in("VALLEY MONITOR", text) == "Valley Monitor"
    assert as_written_in("VALLEY MONITOR", "No mention.") == "VALLEY MONITOR"
