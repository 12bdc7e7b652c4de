"""The HTML pages: server-rendered, readable without JavaScript, each at a stable URL whose
query string holds all its state (filters, page), so a link can be shared."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from corroborate.errors import CorroborateError
from corroborate.store.browse import ClaimFilter, ReportFilter
from corroborate.web import views
from corroborate.web.mapview import MARKERS, map_view
from corroborate.web.params import MAX_TEXT, PER_PAGE, PageNumber, claim_filter, claims_only
from corroborate.web.templating import templates

router = APIRouter(include_in_schema=False)
OUTLET_CHOICES = 500  # outlets offered in the search form's list (any outlet works by URL)
Filters = Annotated[ClaimFilter, Depends(claim_filter)]


def _render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context, status_code=status)


def _offset(page: int) -> int:
    return (page - 1) * PER_PAGE


@router.get("/", response_class=HTMLResponse)
@router.get("/search", response_class=HTMLResponse)
def search(request: Request, f: Filters, page: PageNumber = 1, cpage: PageNumber = 1):
    """Reports (unless a claim-only filter is set) and claims matching the filters."""
    with views.ledger(request) as store:
        reports = None
        if not claims_only(f):  # a ClaimFilter is a ReportFilter: reports read its report fields
            reports = store.report_page(f, PER_PAGE, _offset(page))
        searched = any((f.query, f.outlet, f.date_from, f.date_to, f.certainty, f.source,
                        f.actor, f.place))
        claims = store.claim_page(f, PER_PAGE, _offset(cpage)) if searched else None
        outlets = store.outlet_names(OUTLET_CHOICES)
        if f.outlet and f.outlet not in outlets:
            outlets.append(f.outlet)
        documents, by_certainty = store.ledger_counts()
    return _render(request, "search.html", f=f, reports=reports, claims=claims,
                   outlets=outlets, documents=documents, by_certainty=by_certainty)


@router.get("/reports/{doc_id}", response_class=HTMLResponse)
def report(request: Request, doc_id: int, noise: bool = False):
    with views.ledger(request) as store:
        view = views.report_view(store, doc_id)
    return _render(request, "report.html", view=view, doc=view.document, show_noise=noise)


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim(request: Request, claim_id: int):
    with views.ledger(request) as store:
        row, evidence, document = views.claim_view(store, claim_id)
    return _render(request, "claim.html", claim=row, evidence=evidence, doc=document)


@router.get("/propositions", response_class=HTMLResponse)
def propositions(request: Request, page: PageNumber = 1):
    with views.ledger(request) as store:
        found = store.proposition_page(PER_PAGE, _offset(page))
    return _render(request, "propositions.html", found=found)


@router.get("/propositions/{proposition_id}", response_class=HTMLResponse)
def proposition(request: Request, proposition_id: int, page: PageNumber = 1):
    with views.ledger(request) as store:
        found = views.proposition_view(store, proposition_id)
    days = views.timeline(found)
    return _render(request, "proposition.html", found=found, days=days,
                   evidence=views.evidence_page(found, PER_PAGE, _offset(page)))


@router.get("/check", response_class=HTMLResponse)
def check(
    request: Request,
    sentence: Annotated[str | None, Query(max_length=MAX_TEXT)] = None,
):
    from corroborate.link.check import check as check_sentence

    result, error = None, None
    if sentence and sentence.strip():
        with views.ledger(request) as store:
            try:
                result = check_sentence(store, sentence.strip())
            except CorroborateError as err:
                error = str(err)
    return _render(request, "check.html", 400 if error else 200, sentence=sentence or "",
                   result=result, error=error)


@router.get("/outlets", response_class=HTMLResponse)
def outlets(request: Request, page: PageNumber = 1):
    with views.ledger(request) as store:
        found = store.outlet_page(PER_PAGE, _offset(page))
    return _render(request, "outlets.html", found=found)


@router.get("/outlet", response_class=HTMLResponse)
def outlet(
    request: Request,
    name: Annotated[str, Query(min_length=1, max_length=MAX_TEXT)],
    page: PageNumber = 1,
):
    with views.ledger(request) as store:
        row = store.outlet(name)
        if row is None:
            raise views.not_found("outlet of that name")
        reports = store.report_page(ReportFilter(outlet=name), PER_PAGE, _offset(page))
    return _render(request, "outlet.html", outlet=row, reports=reports)


@router.get("/entities", response_class=HTMLResponse)
def entities(
    request: Request,
    name: Annotated[str | None, Query(max_length=MAX_TEXT)] = None,
    type: Annotated[str | None, Query(max_length=20, pattern=r"^[A-Z_]*$")] = None,
    page: PageNumber = 1,
):
    with views.ledger(request) as store:
        found = store.entity_page(PER_PAGE, _offset(page), name=name or None, type=type or None)
        types = store.entity_types()
    return _render(request, "entities.html", found=found, types=types, name=name or "",
                   type=type or "")


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: int, page: PageNumber = 1):
    with views.ledger(request) as store:
        row = store.entity(entity_id)
        if row is None:
            raise views.not_found(f"entity {entity_id}")
        reports = store.report_page(ReportFilter(entity_id=entity_id), PER_PAGE, _offset(page))
    return _render(request, "entity.html", entity=row, reports=reports)


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, page: PageNumber = 1):
    with views.ledger(request) as store:
        available, listed = views.places_page(store, PER_PAGE, _offset(page))
        plotted = views.places_page(store, MARKERS, 0)[1] if available else []
    view = map_view(plotted, request.app.state.config.map_tiles)
    return _render(request, "map.html", available=available, listed=listed, view=view,
                   page=page, per_page=PER_PAGE)
