"""check on invented reports where the same words say who does what the other way round.

Fictional outlets: two report Malian troops fighting beside Nigerian units (one of them
attributed to an army spokesman), one reports Nigerian volunteers recruited to fight beside
the Malians in another war, one reverses the roles outright, and a ministry denies it. Written
for this test, not tuned on: the threshold and the full encoder's weight come from Emergent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.link import link_ledger
from corroborate.link.check import check
from corroborate.model import Certainty
from corroborate.store import SQLiteStore
from tests.conftest import claims_of_sentences, make_report

A, D = Certainty.ASSERTED, Certainty.DENIED
SENTENCE = "Malian troops are fighting alongside Nigerian army units"
# key: (outlet, published, [(sentence, content, source, cue, certainty)])
REPORTS = {
    "sahel": ("Sahel Monitor", "2023-02-01", [
        ("Malian troops have been fighting alongside Nigerian army units near the border "
         "town of Kalto, a regional army spokesman said.",
         "Malian troops have been fighting alongside Nigerian army units near the border town "
         "of Kalto", "a regional army spokesman", "said", A),
    ]),
    "river": ("River Post", "2023-02-03", [
        ("Villagers said Malian soldiers fought beside Nigerian troops for two days before "
         "the militants withdrew.",
         "Malian soldiers fought beside Nigerian troops for two days before the militants "
         "withdrew", "Villagers", "said", A),
    ]),
    "recruit": ("Desert Courier", "2023-02-04", [
        ("A newspaper reported that Mali is recruiting Nigerian volunteers with combat "
         "experience to fight far from home.",
         "Mali is recruiting Nigerian volunteers with combat experience to fight far from home",
         "A newspaper", "reported", A),
        ("Nigerian volunteers will fight alongside the Malian forces against the rebels in "
         "the north, the newspaper added.",
         "Nigerian volunteers will fight alongside the Malian forces against the rebels in the "
         "north", "the newspaper", "added", A),
    ]),
    "denial": ("Capital Daily", "2023-02-06", [
        ("The defence ministry in Bamako denied that Malian troops were fighting alongside "
         "Nigerian units.",
         "Malian troops were fighting alongside Nigerian units", "The defence ministry in Bamako",
         "denied", D),
    ]),
}


def _report(key: str) -> object:
    outlet, published, sentences = REPORTS[key]
    text, claims = claims_of_sentences(sentences)
    return make_report(text, claims=claims, content_hash=f"hash-{key}",
                       published=published, outlet=outlet, raw=f"{outlet}\n{text} ")


@pytest.fixture()
def ledger(tmp_path: Path) -> SQLiteStore:
    store = SQLiteStore(tmp_path / "roles.db")
    for key in REPORTS:
        store.put(f"file:{key}", _report(key), "p1")  # type: ignore[arg-type]
    link_ledger(store)
    yield store
    store.close()


def test_check_roles_swapped_claims_are_not_evidence(ledger: SQLiteStore) -> None:
    result = check(ledger, SENTENCE)
    texts = [e.item.text for e in result.evidence]
    assert not any("volunteers" in text for text in texts), texts
    sources = sorted(o.name for o in result.tally.supports)
    assert sources == ["Villagers", "a regional army spokesman"]
    assert [o.name for o in result.tally.refutes] == ["The defence ministry in Bamako"]
    assert result.verdict == "conflicting"
