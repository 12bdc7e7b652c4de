"""Claims read from the five real seed reports in ../shared/seeds (read at test time,
never copied). Each case finds a paragraph by a short substring, extracts its claims and
checks the claim that contains a second substring: once from the patterns alone, once with
the trained parser's tree (as the pipeline runs it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.claims import extract_claims
from corroborate.ingest import read_inputs
from corroborate.model import Certainty, Claim, Report
from corroborate.nlp.parsing import load_nlp
from corroborate.pipeline import process

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
A, H, D = Certainty.ASSERTED, Certainty.HEDGED, Certainty.DENIED

# (seed prefix, paragraph substrings, claim substring, source, chain, cue, certainty, hedges)
CASES = [
    (
        "000",
        ["has claimed that a group"],
        "providing",
        "A Syrian anti-regime website",
        ["A Syrian anti-regime website"],
        "claimed",
        H,
        ["claimed"],
    ),
    (
        "000",
        ["There are an estimated"],
        "estimated 4,000",
        "US security officials and independent experts",
        ["US security officials and independent experts"],
        "according to",
        H,
        ["an estimated"],
    ),
    (
        "000",
        ["cannot verify the authenticity"],
        "cannot verify",
        None,
        [],
        None,
        H,
        ["cannot verify"],
    ),
    (
        "000",
        ["Their main function"],
        "main function",
        "the documents published by Syria Mirror",
        ["the documents published by Syria Mirror"],
        "according to",
        H,
        ["reportedly"],
    ),
    (
        "000",
        ["impressed by the dance"],
        "impressed",
        "the document",
        ["the document"],
        "said",
        A,
        [],
    ),
    (
        "001",
        ["Sergei Shoigu said"],
        "16,000",
        "Russian Defense Minister Sergei Shoigu",
        ["Russian Defense Minister Sergei Shoigu"],
        "said",
        A,
        [],
    ),
    (
        "001",
        ["Sergei Shoigu said"],
        "Vladimir Putin",
        "Russian President Vladimir Putin",
        ["Russian President Vladimir Putin"],
        "said",
        A,
        [],
    ),
    (
        "001",
        ["Dmitry Peskov told"],
        "Dmitry Peskov",
        "the Russian Defense Minister",
        ["Kremlin spokesman Dmitry Peskov", "the Russian Defense Minister"],
        "told",
        A,
        [],
    ),
    (
        "001",
        ["citing US officials"],
        "recruiting Syrian",
        "US officials",
        ["The Wall Street Journal", "US officials"],
        "reported",
        A,
        [],
    ),
    (
        "002",
        ["Abu Fatima confirmed"],
        "will not stop",
        "Leader in First Coastal Group Abu Fatima",
        ["Leader in First Coastal Group Abu Fatima"],
        "confirmed",
        A,
        [],
    ),
    (
        "002",
        ["could not document"],
        "could not document",
        "media activists",
        ["media activists"],
        "mentioned",
        H,
        ["could not document"],
    ),
    ("002", ["Abu Fatima added"], "another factor", "Abu Fatima", ["Abu Fatima"], "added", A, []),
    (
        "003",
        ["It is estimated that"],
        "exceeded 20,000",
        None,
        [],
        None,
        H,
        ["It is estimated that"],
    ),
    (
        "003",
        ["according to Abu Hashem"],
        "exaggerated",
        "Abu Hashem",
        ["Abu Hashem"],
        "according to",
        A,
        [],
    ),
    ("003", ["added Abu Hashem"], "We kept", "Abu Hashem", ["Abu Hashem"], "added", A, []),
    (
        "003",
        ["added Abu Hashem", "there was a setup"],
        "there was a setup",
        "Abu Hashem",
        ["Abu Hashem"],
        "added",
        A,
        [],
    ),
    (
        "004",
        ["state television in Damascus"],
        "reported fighting",
        "state television in Damascus",
        ["state television in Damascus"],
        "claims",
        H,
        ["claims"],
    ),
    (
        "004",
        ["cited Western diplomats"],
        "expeditionary",
        "Western diplomats",
        ["the Israeli news sites", "Western diplomats"],
        "cited … as saying",
        A,
        [],
    ),
    (
        "004",
        ["Moscow has denied"],
        "Moscow has denied",
        "Moscow",
        ["Moscow"],
        "denied",
        D,
        ["denied"],
    ),
    (
        "004",
        ["Moscow has denied"],
        "Peskov saying",
        "Kremlin spokesman Dmitry Peskov",
        ["Kremlin spokesman Dmitry Peskov"],
        "saying",
        D,
        ["not on the agenda"],
    ),
    (
        "004",
        ["what appeared to be"],
        "appeared to be",
        "a Twitter account linked to Jabhat al-Nusra",
        ["a Twitter account linked to Jabhat al-Nusra"],
        "published",
        H,
        ["appeared to be"],
    ),
    (
        "004",
        ["An unnamed activist", "There are more Russian officials"],
        "more Russian officials",
        "An unnamed activist with the Syrian rebel group the Free Syrian Army",
        ["An unnamed activist with the Syrian rebel group the Free Syrian Army"],
        "told",
        A,
        [],
    ),
    ("004", ["If these claims"], "If these claims", None, [], None, H, ["if ... confirmed"]),
]


def _paragraph(prefix: str, needles: list[str]) -> str:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [next(line.strip() for line in lines if needle in line) for needle in needles]
    return "\n".join(found)


def _claim(claims: list[Claim], needle: str) -> Claim:
    matches = [c for c in claims if needle in c.text]
    assert matches, f"no claim contains {needle!r}: {[c.text[:40] for c in claims]}"
    return matches[0]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repo")
@pytest.mark.parametrize("parsed", [False, True], ids=["patterns", "parse"])
@pytest.mark.parametrize(
    ("prefix", "needles", "needle", "source", "chain", "cue", "certainty", "hedges"), CASES
)
def test_seeds_claim(
    parsed: bool,
    prefix: str,
    needles: list[str],
    needle: str,
    source: str | None,
    chain: list[str],
    cue: str | None,
    certainty: Certainty,
    hedges: list[str],
) -> None:
    text = _paragraph(prefix, needles)
    claims = extract_claims(text, doc=load_nlp()(text) if parsed else None)
    assert all(text[c.start : c.end] == c.text for c in claims)
    claim = _claim(claims, needle)
    assert (claim.source, list(claim.chain), claim.cue) == (source, chain, cue)
    assert claim.certainty is certainty
    assert {h.lower() for h in hedges} <= {h.lower() for h in claim.hedges}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repo")
def test_seed_non_verification_reaches_the_claims_on_those_documents() -> None:
    [path] = sorted(SEEDS.glob("000*"))
    [raw] = list(read_inputs([str(path)]))
    claims = process(raw).claims
    resting = _claim(list(claims), "main function")
    assert resting.source == "the documents published by Syria Mirror"
    assert {"reportedly", "cannot verify"} <= {h.lower() for h in resting.hedges}


@pytest.fixture(scope="module")
def seed_reports() -> dict[str, Report]:
    """The five seeds through the whole pipeline, by file-name prefix."""
    raws = [raw for raw in read_inputs([str(SEEDS)]) if not isinstance(raw, Exception)]
    return {Path(raw.path).name[:3]: process(raw) for raw in raws}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repo")
@pytest.mark.parametrize(
    ("prefix", "needle", "source", "as_written"),
    [
        ("003", "Luckily my name was registered", "Rami", "he"),
        ("003", "They prayed normally on the road", "Rami", "he"),
        ("003", "I wouldn’t deny that I feel very comfortable", "Rima", "she"),
        ("003", "her fears stemmed mainly from the rumors", "Umm Ali", "She"),
    ],
)
def test_seeds_pronoun_speakers_resolved(
    seed_reports: dict[str, Report], prefix: str, needle: str, source: str, as_written: str
) -> None:
    claim = _claim(list(seed_reports[prefix].claims), needle)
    assert (claim.source, claim.source_as_written) == (source, as_written)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repo")
def test_seeds_last_sentence_of_a_quotation_keeps_the_speaker(
    seed_reports: dict[str, Report],
) -> None:
    claim = _claim(list(seed_reports["004"].claims), "assure you there has been Russian")
    assert claim.source == "An unnamed activist with the Syrian rebel group the Free Syrian Army"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repo")
def test_seeds_every_span_inside_its_claim(seed_reports: dict[str, Report]) -> None:
    outside = [
        (prefix, claim.text[:40], span)
        for prefix, report in seed_reports.items()
        for claim in report.claims
        for span in (claim.content_span, claim.source_span, claim.cue_span)
        if span is not None and not claim.start <= span[0] <= span[1] <= claim.end
    ]
    assert not outside


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repo")
def test_seeds_entities_trimmed_and_typed_once(seed_reports: dict[str, Report]) -> None:
    for report in seed_reports.values():
        names: dict[str, set[str]] = {}
        for mention in report.mentions:
            assert report.text[mention.start : mention.end] == mention.text
            assert mention.text[:1].isalnum() and mention.text[-1:].isalnum(), mention.text
            names.setdefault((mention.name or mention.text).casefold(), set()).add(
                f"{mention.name}/{mention.label}"
            )
        assert all(len(forms) == 1 for forms in names.values()), names
    labels = {(m.name, m.label) for r in seed_reports.values() for m in r.mentions}
    assert {("Kremlin", "ORG"), ("Jabhat al-Nusra", "ORG")} <= labels
    waer = {m.name for r in seed_reports.values() for m in r.mentions if m.text == "al-Waer"}
    assert waer == {"Al-Waer"}  # the lower-case variant filed under the report's usual name
