"""What a page shows, read from the store: the same functions feed the HTML pages and the
JSON API, so both always say the same thing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import HTTPException, Request

from corroborate.link.timeline import PropositionSummary, summary
from corroborate.store.browse import Page
from corroborate.store.sqlite import SQLiteStore
from corroborate.store.tables import ClaimRow, DocumentRow, EvidenceRow, MentionRow
from corroborate.web.highlight import Segment, segments
from corroborate.web.mapview import field


@contextmanager
def ledger(request: Request) -> Iterator[SQLiteStore]:
    """The ledger for one request: opened, read-only unless the app was started with
    writes allowed, and closed after. (SQLite connections belong to one thread; each request
    runs in one worker thread, so each opens its own.)"""
    config = request.app.state.config
    store = config.opener(config.db)
    try:
        if not config.write:
            store.read_only()
        yield store
    finally:
        store.close()


def not_found(what: str) -> HTTPException:
    return HTTPException(404, f"no {what} in this ledger")


@dataclass(frozen=True)
class ReportView:
    document: DocumentRow
    claims: list[ClaimRow]
    mentions: list[MentionRow]
    segments: list[Segment]
    unmarked: set[int]  # claims overlapping an earlier one: listed, not marked in the text
    propositions: dict[int, int]  # claim id -> proposition id
    entities: list[tuple[str, str, int, int]]  # name, type, entity id, mentions


def report_view(store: SQLiteStore, doc_id: int) -> ReportView:
    document = store.document(doc_id)
    if document is None:
        raise not_found(f"report {doc_id}")
    claims = list(store.claims(doc_id=doc_id))
    mentions = store.mentions(doc_id)
    cut, unmarked = segments(document.text, claims)
    evidence = store.evidence([c.id for c in claims]) if claims else []
    propositions = {e.claim_id: e.proposition_id for e in evidence if e.proposition_id}
    counts = Counter((m.name, m.type, m.entity_id) for m in mentions)
    entities = [(name, kind, entity_id, n) for (name, kind, entity_id), n in counts.most_common()]
    return ReportView(document, claims, mentions, cut, unmarked, propositions, entities)


def claim_view(store: SQLiteStore, claim_id: int) -> tuple[ClaimRow, EvidenceRow, DocumentRow]:
    claim = store.claim(claim_id)
    if claim is None:
        raise not_found(f"claim {claim_id}")
    evidence = store.evidence([claim_id])[0]
    document = store.document(claim.doc_id)
    assert document is not None  # a claim's report is deleted with it
    return claim, evidence, document


def proposition_view(store: SQLiteStore, proposition_id: int) -> PropositionSummary:
    found = summary(store, proposition_id)
    if found is None:
        raise not_found(f"proposition {proposition_id}")
    return found


def evidence_page(found: PropositionSummary, limit: int, offset: int) -> Page[EvidenceRow]:
    return Page(found.evidence[offset : offset + limit], len(found.evidence), limit, offset)


@dataclass(frozen=True)
class TimelineDay:
    date: str
    supports: int
    refutes: int
    discusses: int
    reports: list[int]
    x: float | None = None  # position on the timeline drawing (0..TIMELINE_WIDTH); undated: None


TIMELINE_WIDTH = 800
_MARGIN = 60


def timeline(found: PropositionSummary) -> list[TimelineDay]:
    """Per publication date: how many claims support, refute or discuss, and which
    reports (undated reports last, as "undated")."""
    days: dict[str, Counter[str]] = {}
    reports: dict[str, list[int]] = {}
    for item in found.evidence:
        day = (item.published or "undated")[:10]
        days.setdefault(day, Counter())[item.stance or "discusses"] += 1
        if item.doc_id not in reports.setdefault(day, []):
            reports[day].append(item.doc_id)
    order = sorted(days, key=lambda d: (d == "undated", d))
    where = _positions(order)
    return [TimelineDay(d, days[d]["supports"], days[d]["refutes"], days[d]["discusses"],
                        reports[d], where.get(d)) for d in order]


def _positions(days: list[str]) -> dict[str, float]:
    """Each dated day's x on the drawing, proportional to time."""
    dated: dict[str, int] = {}
    for day in days:
        try:
            dated[day] = date.fromisoformat(day).toordinal()
        except ValueError:
            continue
    if not dated:
        return {}
    first, last = min(dated.values()), max(dated.values())
    width = TIMELINE_WIDTH - 2 * _MARGIN
    if first == last:
        return {day: TIMELINE_WIDTH / 2 for day in dated}
    return {day: _MARGIN + (n - first) / (last - first) * width for day, n in dated.items()}


PLACE_FIELDS = ("geonames_id", "name", "country", "feature_type", "precision", "latitude",
                "longitude", "spellings", "documents", "claims")


def places_page(store: Any, limit: int, offset: int) -> tuple[bool, list[dict[str, Any]]]:
    """(whether the store has geocoded places at all, this page of them as plain values).
    Geocoded places come with issue 15's `Store.places`; a store without it has none."""
    if not hasattr(store, "places"):
        return False, []
    return True, [_place(row) for row in store.places(limit=limit, offset=offset)]


def _place(row: Any) -> dict[str, Any]:
    values = {name: field(row, name) for name in PLACE_FIELDS}
    values["spellings"] = list(values["spellings"] or ())
    values["documents"] = list(values["documents"] or ())
    values["claims"] = int(values["claims"] or 0)
    return values
