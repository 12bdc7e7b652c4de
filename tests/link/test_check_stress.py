"""`check` on a ledger of invented claims (tests/data/relevance): for each sentence, claims
that restate it in other words and claims on the same subject that say something else, one
claim a report, from outlets that each assert it. The weights and the threshold come from
Emergent, not from this set."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from corroborate.link.check import check
from corroborate.store import SQLiteStore
from tests.conftest import TEST_DATA, one_claim_ledger

STRESS = json.loads((TEST_DATA / "relevance" / "claims.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteStore]:
    texts = [t for case in STRESS for t in case["restates"] + case["other"]]
    store = one_claim_ledger(Path(tmp_path_factory.mktemp("stress")) / "stress.db", texts)
    yield store
    store.close()


def _found(store: SQLiteStore, case: dict) -> set[str]:
    return {e.item.text for e in check(store, case["sentence"]).evidence}


@pytest.mark.parametrize("case", STRESS, ids=[c["sentence"] for c in STRESS])
def test_check_stress_finds_restatements_and_nothing_from_other_stories(
    ledger: SQLiteStore, case: dict
) -> None:
    found = _found(ledger, case)
    assert len(found & set(case["restates"])) >= 2
    others = {t for c in STRESS if c is not case for t in c["restates"] + c["other"]}
    assert not found & others


@pytest.mark.xfail(strict=True, reason=(
    "known gap: claims on the sentence's subject that say something else score as high as "
    "restatements in every encoder. Those naming the sentence's party and another event "
    "class ('troops reinforced their positions around Marbeck' for 'troops withdrew from "
    "Marbeck') are left out since link.events, 11 of the 12 since its civil works class "
    "('the mayor of Dolvik opened a new bridge'); 'flights to the airport of Keshan were "
    "cancelled' names an event (transport) but no party, so it shares none with 'rebel "
    "fighters captured the airport of Keshan': reading a party-less claim that writes the "
    "sentence's names as on its subject gated 2 true pairs of Emergent's tuning half (a "
    "priest who 'met God' against one who 'dies') and is not shipped"))
def test_check_stress_leaves_out_other_events_on_the_same_subject(ledger: SQLiteStore) -> None:
    for case in STRESS:
        assert not _found(ledger, case) & set(case["other"]), case["sentence"]
