"""`check` keeps the strict frame matches of a sentence that says nothing beyond its frame
(`check.FRAMED_FLOOR`, `frames.fully_framed`) whatever their similarity; on reports written
for this test, with the similarity forced low so that only the rule can find them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from corroborate.link import check as check_module
from corroborate.link.check import CHECK_SIMILARITY, Relevance, check
from corroborate.store import SQLiteStore
from tests.conftest import one_claim_ledger

RESTATES = [
    "Jordanian officers were leading government battles in the north",
    "Jordanian commanders are directing regime combat units near Irbid",
]
OTHERS = [
    "The Lebanese government opened a new school in Tyre",
    "Jordanian troops are guarding the border crossing",
    "Rebels shelled a market in the north, killing four",
    "Lebanese government forces are fighting alongside Jordanian troops",  # roles swapped
]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteStore]:
    texts = RESTATES + OTHERS
    store = one_claim_ledger(Path(tmp_path_factory.mktemp("framed")) / "framed.db", texts)
    yield store
    store.close()


@pytest.fixture()
def dissimilar(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every claim scores far below the threshold, as the activists' claim on the seeds
    does (0.32): only the floor can keep one."""
    def low(self: Relevance, texts: list[str], mixed: np.ndarray, **_: object) -> np.ndarray:
        return np.full(len(texts), CHECK_SIMILARITY / 4)

    monkeypatch.setattr(Relevance, "relevance", low)


def _found(store: SQLiteStore, sentence: str) -> set[str]:
    return {e.item.text for e in check(store, sentence).evidence}


@pytest.mark.usefixtures("dissimilar")
def test_framed_sentence_keeps_its_strict_matches_only(ledger: SQLiteStore) -> None:
    found = _found(ledger, "Jordanian troops are fighting alongside Lebanese government forces")
    assert set(RESTATES) <= found
    # (a restatement's proposition may bring its members along: "guarding the border")
    assert not found & {OTHERS[0], OTHERS[2], OTHERS[3]}


@pytest.mark.usefixtures("dissimilar")
def test_sentence_saying_more_than_its_frame_keeps_none(ledger: SQLiteStore) -> None:
    # "near Irbid" is not in the frame: a strict match need not say where
    assert _found(ledger, "Jordanian troops are fighting alongside Lebanese government forces "
                          "near Irbid") == set()


@pytest.mark.usefixtures("dissimilar")
def test_floor_off_keeps_none(ledger: SQLiteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(check_module, "FRAMED_FLOOR", False)
    assert _found(ledger, "Jordanian troops are fighting alongside Lebanese government "
                          "forces") == set()
