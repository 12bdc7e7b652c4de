"""Propositions across a small invented set of reports whose propositions are known.

Fictional outlets report on a fictional province: a syndicated copy under another headline,
a chain of outlets that all cite one agency, a denial published days later, and claims on
the same subject (the governor, the province) that state different things and must stay
apart, some of them side by side in one report. Written for this test, not tuned on: the
thresholds come from Emergent (`corroborate.evaluate.emergent.evaluate_grouping`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.link import link_ledger
from corroborate.link.check import check
from corroborate.model import Certainty
from corroborate.store import SQLiteStore
from tests.conftest import claims_of_sentences, make_report

# (sentence, content of the claim within it, source, cue, certainty, gold proposition)
Sentence = tuple[str, str, str | None, str | None, Certainty, str]
A, D = Certainty.ASSERTED, Certainty.DENIED

RESIGNED = [
    ("Reuters reported that Governor Ilse Varga of Marsk province resigned on Tuesday.",
     "Governor Ilse Varga of Marsk province resigned on Tuesday", "Reuters", "reported", A,
     "resigned"),
]
HOSPITAL = (
    "The governor opened a new children's hospital in the port city of Tarvel last month.",
    "The governor opened a new children's hospital in the port city of Tarvel last month",
    None, None, A, "hospital")
FLOODS = (
    "Floods in the Marsk river valley have cut the railway line to the capital, officials said.",
    "Floods in the Marsk river valley have cut the railway line to the capital", "officials",
    "said", A, "floods")
SHARED_BODY = [
    *RESIGNED,
    HOSPITAL,
    ("Her deputy, Tomas Orlik, will lead the province until an election is held in spring.",
     "Her deputy, Tomas Orlik, will lead the province until an election is held in spring",
     None, None, A, "deputy"),
    FLOODS,
]
REPORTS: dict[str, tuple[str, str, str, list[Sentence]]] = {
    # key: (outlet, published, headline, sentences)
    "wire": ("Northern Wire", "2022-04-05", "Marsk governor resigns", SHARED_BODY),
    # the same story syndicated under another headline
    "copy": ("Valley Courier", "2022-04-05", "Varga quits as Marsk governor", SHARED_BODY),
    # outlets that cite the same agency, worded their own way
    "chain1": ("Harbour Daily", "2022-04-06", "Governor steps down", [
        ("According to Reuters, Marsk's governor Ilse Varga stepped down from her post on "
         "Tuesday.", "Marsk's governor Ilse Varga stepped down from her post on Tuesday",
         "Reuters", "According to", A, "resigned"),
        ("Protesters gathered outside the governor's residence in Marsk on Monday evening.",
         "Protesters gathered outside the governor's residence in Marsk on Monday evening",
         None, None, A, "protest"),
    ]),
    "chain2": ("Plains Herald", "2022-04-06", "Varga gone", [
        ("Ilse Varga has resigned as governor of Marsk province, Reuters said.",
         "Ilse Varga has resigned as governor of Marsk province", "Reuters", "said", A,
         "resigned"),
        ("The governor of Marsk province will visit the capital next week to discuss the "
         "budget.", "The governor of Marsk province will visit the capital next week to "
         "discuss the budget", None, None, A, "visit"),
        FLOODS,
    ]),
    # the denial, days later
    "denial": ("Marsk Today", "2022-04-09", "Governor's office: no resignation", [
        ("The governor's office denied that Ilse Varga had resigned as governor of Marsk.",
         "Ilse Varga had resigned as governor of Marsk", "The governor's office", "denied", D,
         "resigned"),
        ("The office said the governor was recovering from an illness at home in Tarvel.",
         "the governor was recovering from an illness at home in Tarvel",
         "The office", "said", A, "illness"),
    ]),
    # same subject, different things
    "other": ("Coast Radio", "2022-04-07", "Marsk budget", [
        ("The provincial council of Marsk approved a budget that doubles spending on roads.",
         "The provincial council of Marsk approved a budget that doubles spending on roads",
         None, None, A, "budget"),
        ("Fishermen in Tarvel said the new harbour fees would force many of them out of "
         "work.", "the new harbour fees would force many of them out of work", "Fishermen in "
         "Tarvel", "said", A, "fees"),
    ]),
}


def _report(key: str) -> tuple[object, dict[tuple[str, int], str]]:
    outlet, published, headline, sentences = REPORTS[key]
    text, claims = claims_of_sentences([row[:5] for row in sentences])
    gold = {(f"file:{key}", claim.start): row[5]
            for claim, row in zip(claims, sentences, strict=True)}
    report = make_report(text, claims=claims, content_hash=f"hash-{key}",
                         published=published, outlet=outlet, title=headline,
                         raw=f"{headline}\n{text} ")
    return report, gold


def _ledger(path: Path, keys: list[str]) -> tuple[SQLiteStore, dict[tuple[str, int], str]]:
    store, gold = SQLiteStore(path), {}
    for key in keys:
        report, labels = _report(key)
        store.put(f"file:{key}", report, "p1")  # type: ignore[arg-type]
        gold.update(labels)
    link_ledger(store)
    return store, gold


def _partition(store: SQLiteStore) -> tuple[set[frozenset[tuple[str, int]]], dict]:
    found: dict[int, set[tuple[str, int]]] = {}
    for item in store.evidence():
        if item.proposition_id is not None:
            found.setdefault(item.proposition_id, set()).add((item.doc_key, item.start))
    return {frozenset(group) for group in found.values()}, found


@pytest.fixture()
def ledger(tmp_path: Path) -> tuple[SQLiteStore, dict[tuple[str, int], str]]:
    store, gold = _ledger(tmp_path / "l.db", list(REPORTS))
    yield store, gold
    store.close()


@pytest.mark.xfail(strict=True, reason=(
    "known gap: in a ledger this small the static encoder's common direction cannot be "
    "estimated, so the hospital claim joins the illness one (governor, Tarvel) and the visit "
    "joins the budget; thresholds come from Emergent, not from this set"))
def test_reports_propositions_match_the_known_ones(ledger: tuple) -> None:
    store, gold = ledger
    expected: dict[str, set[tuple[str, int]]] = {}
    for claim, label in gold.items():
        expected.setdefault(label, set()).add(claim)
    found, _ = _partition(store)
    assert found == {frozenset(group) for group in expected.values()}
    # the copy under another headline is recognised as a copy
    copies = {d.key: d.copy_of for d in store.documents()}
    assert (copies["file:wire"] is None) != (copies["file:copy"] is None)


def test_reports_resignation_one_source_and_a_later_denial(ledger: tuple) -> None:
    store, _ = ledger
    # the governor's visit to the capital names the sentence's party (the governor, Marsk)
    # and another event: not evidence (`link.events`), and the budget claim the grouping put
    # in the visit's proposition does not come in with it
    result = check(store, "The governor of Marsk province has resigned")
    assert [o.name for o in result.tally.supports] == ["Reuters"]  # every outlet cites it
    assert [o.name for o in result.tally.refutes] == ["The governor's office"]
    assert result.verdict == "conflicting"
    assert result.first is not None and result.first.item.published == "2022-04-05"
    texts = " ".join(e.item.text for e in result.evidence)
    assert "hospital" not in texts and "budget" not in texts and "Floods" not in texts


def test_reports_ids_stable_across_reingest_and_new_reports(tmp_path: Path) -> None:
    store, _ = _ledger(tmp_path / "l.db", ["wire", "chain1", "denial"])
    with store:
        before = {tuple(sorted(g)): pid for pid, g in _partition(store)[1].items()}
        # re-ingest one report changed elsewhere (new claim ids), then add the others
        report, _ = _report("chain1")
        store.put("file:chain1", report.__class__(**{**report.__dict__,
                                                      "content_hash": "hash-changed"}), "p1")
        link_ledger(store)
        for key in ["chain2", "other", "copy"]:
            report, _ = _report(key)
            store.put(f"file:{key}", report, "p1")  # type: ignore[arg-type]
        link_ledger(store)
        after = _partition(store)[1]
    for claims, pid in before.items():
        # the proposition holding these claims still has the same id (it may have grown)
        holders = {p for p, group in after.items() if set(claims) <= group}
        assert holders == {pid}, claims
    new_ids = set(after) - set(before.values())
    assert new_ids and min(new_ids) > max(before.values())
