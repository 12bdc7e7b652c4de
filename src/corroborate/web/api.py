"""The JSON API under /api: the ledger's reports, claims, entities, places, propositions and
`check`, every list paged (`limit`, `offset`, `total`, `next`), and the exports as
downloads. Field names are those of the exports (`corroborate.store.tables.to_json`)."""

from __future__ import annotations

import io
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from corroborate.export import FORMATS, TABLES, export
from corroborate.store.browse import MATCH_END, MATCH_START, ClaimFilter, Page, ReportHit
from corroborate.store.tables import CLAIMS, DOCUMENTS, to_json
from corroborate.web import views
from corroborate.web.params import MAX_TEXT, Limit, Offset, claim_filter

router = APIRouter(prefix="/api", tags=["api"])
Filters = Annotated[ClaimFilter, Depends(claim_filter)]
_MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv"}


def _page(request: Request, found: Page[Any], items: list[Any]) -> dict[str, Any]:
    following = None
    if found.has_next:
        url = request.url.include_query_params(offset=found.offset + found.limit)
        following = f"{url.path}?{url.query}"
    return {"total": found.total, "limit": found.limit, "offset": found.offset,
            "next": following, "items": items}


@router.get("/reports", summary="Reports matching the filters (newest first, or best match)")
def reports(request: Request, f: Filters, limit: Limit = 20, offset: Offset = 0) -> dict:
    with views.ledger(request) as store:
        found = store.report_page(f, limit, offset)
    return _page(request, found, [_hit_json(hit) for hit in found.items])


def _hit_json(hit: ReportHit) -> dict[str, Any]:
    """A report hit; the snippet's matched words between [ and ], as `corroborate search`."""
    values = to_json(hit)
    if hit.snippet is not None:
        values["snippet"] = hit.snippet.replace(MATCH_START, "[").replace(MATCH_END, "]")
    return values


@router.get("/reports/{doc_id}", summary="One report: fields, removed noise, claims, entities")
def report(request: Request, doc_id: int) -> dict:
    with views.ledger(request) as store:
        view = views.report_view(store, doc_id)
    values = to_json(view.document, DOCUMENTS)
    values["noise"] = [to_json(n) for n in view.document.noise]
    values["claims"] = [
        {**to_json(c, CLAIMS), "proposition_id": view.propositions.get(c.id)}
        for c in view.claims
    ]
    values["mentions"] = [to_json(m) for m in view.mentions]
    return values


@router.get("/claims", summary="Claims matching the filters, with their report's outlet, date")
def claims(request: Request, f: Filters, limit: Limit = 20, offset: Offset = 0) -> dict:
    with views.ledger(request) as store:
        found = store.claim_page(f, limit, offset)
    return _page(request, found, [to_json(item) for item in found.items])


@router.get("/claims/{claim_id}", summary="One claim with its report and proposition")
def claim(request: Request, claim_id: int) -> dict:
    with views.ledger(request) as store:
        row, evidence, _ = views.claim_view(store, claim_id)
    return {**to_json(row, CLAIMS), "outlet": evidence.outlet, "published": evidence.published,
            "proposition_id": evidence.proposition_id, "stance": evidence.stance}


@router.get("/entities", summary="Entities, most mentioned first")
def entities(
    request: Request,
    name: Annotated[str | None, Query(max_length=MAX_TEXT)] = None,
    type: Annotated[str | None, Query(max_length=20, pattern=r"^[A-Z_]*$")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict:
    with views.ledger(request) as store:
        found = store.entity_page(limit, offset, name=name or None, type=type or None)
    return _page(request, found, [to_json(row) for row in found.items])


@router.get("/entities/{entity_id}", summary="One entity and the reports that mention it")
def entity(request: Request, entity_id: int, limit: Limit = 20, offset: Offset = 0) -> dict:
    with views.ledger(request) as store:
        row = store.entity(entity_id)
        if row is None:
            raise views.not_found(f"entity {entity_id}")
        found = store.report_page(ClaimFilter(entity_id=entity_id), limit, offset)
    return {**to_json(row), "reports": _page(request, found, [_hit_json(h) for h in found.items])}


@router.get("/places", summary="Geocoded places with their claim counts")
def places(request: Request, limit: Limit = 20, offset: Offset = 0) -> dict:
    with views.ledger(request) as store:
        available, rows = views.places_page(store, limit, offset)
    return {"available": available, "limit": limit, "offset": offset,
            "items": rows}


@router.get("/propositions", summary="Propositions with the most claims first")
def propositions(request: Request, limit: Limit = 20, offset: Offset = 0) -> dict:
    with views.ledger(request) as store:
        found = store.proposition_page(limit, offset)
    return _page(request, found, [to_json(row) for row in found.items])


@router.get("/propositions/{proposition_id}",
            summary="A proposition: first/last seen, independent sources, claims by date")
def proposition(request: Request, proposition_id: int) -> dict:
    from corroborate.link.timeline import to_json as proposition_json

    with views.ledger(request) as store:
        found = views.proposition_view(store, proposition_id)
    values = proposition_json(found)
    values["timeline"] = [to_json(day) for day in views.timeline(found)]
    return values


@router.get("/check", summary="Evidence for and against a sentence, and a verdict "
            "(as `corroborate check --json`)")
def check(
    request: Request,
    sentence: Annotated[str, Query(min_length=1, max_length=MAX_TEXT)],
) -> dict:
    from corroborate.link.check import check as check_sentence
    from corroborate.link.check import to_json as check_json

    with views.ledger(request) as store:
        return check_json(check_sentence(store, sentence))


@router.get("/outlets", summary="Outlets by number of reports")
def outlets(request: Request, limit: Limit = 20, offset: Offset = 0) -> dict:
    with views.ledger(request) as store:
        found = store.outlet_page(limit, offset)
    return _page(request, found, [to_json(row) for row in found.items])


@router.get("/outlet", summary="One outlet: its reports and claims by certainty")
def outlet(
    request: Request,
    name: Annotated[str, Query(min_length=1, max_length=MAX_TEXT)],
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict:
    with views.ledger(request) as store:
        row = store.outlet(name)
        if row is None:
            raise views.not_found("outlet of that name")
        found = store.report_page(ClaimFilter(outlet=name), limit, offset)
    return {**to_json(row), "reports": _page(request, found, [_hit_json(h) for h in found.items])}


@router.get("/stats", summary="Counts of documents, claims, certainty, languages, sources")
def stats(request: Request) -> dict:
    with views.ledger(request) as store:
        return store.stats().to_json()


@router.get("/export/{table}", summary="A whole table as a download (as `corroborate export`)",
            response_class=Response)
def export_table(
    request: Request,
    table: str,
    format: Annotated[str, Query(pattern=f"^({'|'.join(FORMATS)})$")] = "jsonl",
) -> Response:
    if table not in TABLES:  # a name from a fixed list, never a path
        raise views.not_found(f"table of that name (tables: {', '.join(TABLES)})")
    out = io.StringIO()
    with views.ledger(request) as store:
        export(store, table, format, out)
    headers = {"Content-Disposition": f'attachment; filename="{table}.{format}"'}
    return Response(out.getvalue(), media_type=_MEDIA.get(format, "text/plain"),
                    headers=headers)
