from __future__ import annotations

from pathlib import Path

from corroborate.errors import InputError
from corroborate.model import RawReport
from corroborate.pipeline import content_hash, process, process_many, report_key

FRENCH = (
    "Incendie au dépôt de carburant\n\n"
    "Les pompiers ont maîtrisé l'incendie dans la nuit, selon la protection civile. "
    "Les habitants du quartier ont été évacués par précaution.\n"
)
ENGLISH = (
    "Depot fire contained overnight\n\n"
    "Firefighters contained the blaze before dawn, the civil defence said. "
    "Residents of the district were evacuated as a precaution.\n"
)


def test_pipeline_other_language_is_stored_but_not_extracted() -> None:
    report = process(RawReport(path="fr.txt", format="text", text=FRENCH))
    assert report.language == "fr"
    assert report.claims == () and report.mentions == ()
    assert "claim extraction for language 'fr' is not available yet" in report.claims_status
    assert "Les pompiers" in report.text


def test_pipeline_english_report_gets_claims_with_exact_spans() -> None:
    report = process(RawReport(path="en.txt", format="text", text=ENGLISH))
    assert report.language == "en" and report.claims_status == "extracted"
    assert report.title == "Depot fire contained overnight"
    for claim in report.claims:
        assert report.text[claim.start : claim.end] == claim.text
    [said] = [c for c in report.claims if c.cue == "said"]
    assert said.source == "the civil defence"


def test_pipeline_batch_reports_errors_per_report_and_keeps_order() -> None:
    raws = [
        RawReport(path="a.txt", format="text", text=ENGLISH),
        RawReport(path="b.html", format="html", html="<html><body><nav>Home</nav></body></html>"),
        RawReport(path="c.txt", format="text", text=FRENCH),
    ]
    outcomes = list(process_many(raws, batch_size=2))
    assert [raw.path for raw, _ in outcomes] == ["a.txt", "b.html", "c.txt"]
    assert isinstance(outcomes[1][1], InputError)
    assert outcomes[1][1].location == "b.html"
    assert not isinstance(outcomes[2][1], InputError) and outcomes[2][1].language == "fr"


def test_pipeline_identity_of_reports(tmp_path: Path) -> None:
    text = RawReport(path="x.txt", format="text", text="Body.")
    moved = RawReport(path="elsewhere/x.txt", format="text", text="Body.")
    assert content_hash(text) == content_hash(moved)  # the path is identity, not content
    assert content_hash(text) != content_hash(RawReport(path="x.txt", format="text", text="B."))
    assert report_key(RawReport(path="x", format="csv", text="B", row=2, url="http://u")) == (
        "url:http://u"
    )
    assert report_key(RawReport(path="x.csv", format="csv", text="B", row=2)).endswith("x.csv#2")
    assert report_key(RawReport(path="-", format="text", text="B")).startswith("stdin:")
