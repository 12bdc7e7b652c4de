"""`search_claims_all`: claims holding a word of every group, prefixes included, on both
backends (the retrieval channel of `check`'s strict frame matches)."""

from __future__ import annotations

import pytest

from corroborate.model import Claim
from corroborate.store import SQLiteStore, sqlite
from tests.conftest import make_report


def _put(store: SQLiteStore, texts: list[str]) -> list[int]:
    body, claims = "", []
    for text in texts:
        claims.append(Claim(len(body), len(body) + len(text), text))
        body += text + " "
    store.put("file:a", make_report(body.strip(), claims=tuple(claims), content_hash="a"), "p1")
    return [c.id for c in store.claims()]


def test_search_claims_all_needs_a_word_of_every_group(fresh_store: SQLiteStore) -> None:
    ids = _put(fresh_store, [
        "Estarian gunners shelled the port of Vask overnight.",
        "Estarian officials visited the port of Vask.",
        "Gunners shelled a ridge near Lomm.",
        "The shelling of Vask by Estarian batteries went on.",
    ])
    groups = [["shell*", "bombard*"], ["estarian*"], ["vask"]]
    assert sorted(fresh_store.search_claims_all(groups, 10)) == [ids[0], ids[3]]
    assert fresh_store.search_claims_all(groups, 1)[0] in (ids[0], ids[3])


def test_search_claims_all_without_groups_finds_nothing(fresh_store: SQLiteStore) -> None:
    _put(fresh_store, ["Estarian gunners shelled the port of Vask overnight."])
    assert fresh_store.search_claims_all([], 10) == []
    assert fresh_store.search_claims_all([["qwzx*"], ["vask"]], 10) == []


def test_search_claims_all_newest_first_in_a_large_ledger(
    fresh_store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _put(fresh_store, [
        "Estarian gunners shelled the port of Vask overnight.",
        "Estarian gunners shelled the port of Vask again and again, the port of Vask.",
        "Estarian gunners shelled Vask.",
    ])
    monkeypatch.setattr(sqlite, "COMMON_FLOOR", 1)  # BM25 ranks every match: newest first
    assert fresh_store.search_claims_all([["shell*"], ["vask"]], 2) == [ids[2], ids[1]]
