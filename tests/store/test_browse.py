"""Paged, filtered reading of the ledger (store/browse.py) on hand-built reports."""

from __future__ import annotations

import pytest

from corroborate.errors import StoreError
from corroborate.model import Certainty, Claim, Mention
from corroborate.store import SQLiteStore
from corroborate.store.browse import ClaimFilter, ReportFilter
from tests.conftest import make_report


def _fill(store: SQLiteStore, count: int) -> None:
    for n in range(count):
        text = f"Officials in Idlib said {n} bridges were closed."
        claim = Claim(0, len(text), text, source="Officials", chain=("Officials",), cue="said",
                      certainty=Certainty.HEDGED if n % 2 else Certainty.ASSERTED)
        report = make_report(text, content_hash=f"h{n}", published=f"2021-05-{n + 1:02d}",
                             outlet="Odd Post" if n % 2 else "Even Post", claims=(claim,),
                             mentions=(Mention(13, 18, "Idlib", "LOC"),
                                       Mention(0, 9, "Officials", "ORG")))
        store.put(f"r{n}", report, "test")


def test_browse_report_pages_cover_all_once(fresh_store: SQLiteStore) -> None:
    _fill(fresh_store, 7)
    ids = []
    for offset in range(0, 7, 3):
        page = fresh_store.report_page(ReportFilter(), 3, offset)
        assert page.total == 7
        ids += [hit.id for hit in page.items]
    assert sorted(ids) == sorted(d.id for d in fresh_store.documents())
    dates = [h.published for h in fresh_store.report_page(ReportFilter(), 7, 0).items]
    assert dates == sorted(dates, reverse=True)


def test_browse_report_filters(fresh_store: SQLiteStore) -> None:
    _fill(fresh_store, 6)
    odd = fresh_store.report_page(ReportFilter(outlet="Odd Post"), 10, 0)
    assert odd.total == 3 and {h.outlet for h in odd.items} == {"Odd Post"}
    ranged = fresh_store.report_page(ReportFilter(date_from="2021-05-02",
                                                  date_to="2021-05-04"), 10, 0)
    assert sorted(h.published for h in ranged.items) == ["2021-05-02", "2021-05-03",
                                                         "2021-05-04"]
    assert fresh_store.report_page(ReportFilter(place="idlib"), 10, 0).total == 6
    assert fresh_store.report_page(ReportFilter(place="Officials"), 10, 0).total == 0
    searched = fresh_store.report_page(ReportFilter(query="3 bridges"), 10, 0)
    assert searched.total == 1 and "\x02" in (searched.items[0].snippet or "")


def test_browse_claim_filters(fresh_store: SQLiteStore) -> None:
    _fill(fresh_store, 6)
    hedged = fresh_store.claim_page(ClaimFilter(certainty="hedged"), 10, 0)
    assert hedged.total == 3 and {c.certainty for c in hedged.items} == {"hedged"}
    assert fresh_store.claim_page(ClaimFilter(actor="officials"), 10, 0).total == 6
    # a mention inside the claim, not its source; alone and after the report's own filters
    assert fresh_store.claim_page(ClaimFilter(actor="idlib"), 10, 0).total == 6
    assert fresh_store.claim_page(ClaimFilter(actor="idlib", outlet="Odd Post"), 10, 0).total == 3
    assert fresh_store.claim_page(ClaimFilter(actor="Aleppo"), 10, 0).total == 0
    assert fresh_store.claim_page(ClaimFilter(place="idlib", date_from="2021-05-03"),
                                  10, 0).total == 4
    assert fresh_store.claim_page(ClaimFilter(source="nobody"), 10, 0).total == 0
    both = fresh_store.claim_page(ClaimFilter(outlet="Even Post", certainty="hedged"), 10, 0)
    assert both.total == 0


def test_browse_like_filters_are_literal(fresh_store: SQLiteStore) -> None:
    _fill(fresh_store, 2)
    assert fresh_store.claim_page(ClaimFilter(source="%"), 10, 0).total == 0
    assert fresh_store.entity_page(10, 0, name="_").total == 0


def test_browse_empty_query_is_an_error(fresh_store: SQLiteStore) -> None:
    with pytest.raises(StoreError):
        fresh_store.report_page(ReportFilter(query="   "), 10, 0)


def test_browse_outlets_entities(fresh_store: SQLiteStore) -> None:
    _fill(fresh_store, 4)
    outlets = fresh_store.outlet_page(10, 0)
    assert {(o.name, o.reports, o.claims) for o in outlets.items} == {("Odd Post", 2, 2),
                                                                      ("Even Post", 2, 2)}
    odd = fresh_store.outlet("Odd Post")
    assert odd is not None and odd.by_certainty == {"hedged": 2}
    assert fresh_store.outlet("Nobody") is None
    entities = fresh_store.entity_page(10, 0, type="LOC")
    assert [(e.name, e.documents) for e in entities.items] == [("Idlib", 4)]
    entity = fresh_store.entity(entities.items[0].id)
    assert entity == entities.items[0]
    idlib = entities.items[0].id
    assert fresh_store.report_page(ReportFilter(entity_id=idlib), 10, 0).total == 4
    assert fresh_store.report_page(ReportFilter(entity_id=idlib + 100), 10, 0).total == 0


def test_browse_read_only_refuses_writes(fresh_store: SQLiteStore) -> None:
    _fill(fresh_store, 1)
    fresh_store.read_only()
    with pytest.raises(Exception, match="readonly|query_only|read-only"):
        _fill(fresh_store, 2)
