"""The web app factory: one FastAPI app serving the HTML pages and the JSON API (its schema
at /openapi.json). The app only composes the routes, the error handlers and the security
headers; the pages and the API read the ledger through the same functions (`views`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from corroborate import __version__
from corroborate.errors import CorroborateError, StoreError
from corroborate.store.sqlite import SQLiteStore
from corroborate.web import api, pages
from corroborate.web.templating import templates

STATIC = Path(__file__).parent / "static"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WebConfig:
    db: str
    write: bool = False  # the app never writes unless started with --write
    map_tiles: str | None = None  # a tile URL template with {z}/{x}/{y}, loaded by the browser
    opener: Callable[[str], SQLiteStore] = SQLiteStore  # opens the ledger for one request


def create_app(config: WebConfig) -> FastAPI:
    """The app over the ledger at `config.db`, which must exist."""
    if not Path(config.db).is_file():
        raise StoreError(f"no ledger at {config.db}; create it with `corroborate ingest`")
    app = FastAPI(
        title="Corroborate",
        version=__version__,
        description="The evidence ledger: reports, claims, entities, places, propositions.",
        docs_url=None,  # Swagger UI loads its scripts from a CDN; the schema is enough offline
        redoc_url=None,
    )
    app.state.config = config
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    app.add_exception_handler(CorroborateError, _bad_input)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _crash)
    app.middleware("http")(_security_headers)
    return app


async def _security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
    response: Response = await call_next(request)
    tiles = request.app.state.config.map_tiles
    images = "'self' data:"
    if tiles:
        parts = urlsplit(tiles)
        images += f" {parts.scheme}://{parts.netloc}"
    response.headers["Content-Security-Policy"] = (
        f"default-src 'none'; script-src 'self'; style-src 'self'; img-src {images}; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status
    )


async def _http_error(request: Request, exc: HTTPException) -> Response:
    message = exc.detail if isinstance(exc.detail, str) else "request refused"
    return _error(request, exc.status_code, message)


async def _invalid(request: Request, exc: RequestValidationError) -> Response:
    """Name each bad parameter and why, without echoing its value back."""
    problems = [
        f"{'.'.join(str(p) for p in error.get('loc', ())[1:]) or 'request'}: {error.get('msg')}"
        for error in exc.errors()
    ]
    return _error(request, 422, "; ".join(problems))


async def _bad_input(request: Request, exc: CorroborateError) -> Response:
    return _error(request, 400, str(exc))


async def _crash(request: Request, exc: Exception) -> Response:
    log.exception("error serving %s", request.url.path)  # the trace goes to the log only
    return HTMLResponse("internal error", status_code=500) if not _wants_json(request) else (
        JSONResponse({"detail": "internal error"}, status_code=500))
