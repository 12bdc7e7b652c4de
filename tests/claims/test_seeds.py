"""Claims read from the five real seed reports in ../shared/seeds (read at test time,
never copied). Each case finds a paragraph by a short substring, extracts its claims and
checks the claim that contains a second substring: once from the patterns alone, once with
the trained parser's tree (as the pipeline runs it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.claims import extract_claims
from corroborate.ingest import read_inputs
from corroborate.model import Certainty, Claim
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
