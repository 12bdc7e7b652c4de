"""The Jinja2 environment of the pages. Autoescaping is on for every template: report text
and everything extracted from it is untrusted, so it is escaped wherever it is printed, and
a link built from it keeps only http(s) addresses."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlsplit

import jinja2
from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from corroborate.store.browse import MATCH_END, MATCH_START, Page

TEMPLATES = Path(__file__).parent / "templates"
STANCE_SYMBOLS = {"supports": "▲", "refutes": "▼", "discusses": "●"}


def safe_href(url: str | None) -> str | None:
    """`url` when it is an http(s) address; None for anything else (javascript:, data:…)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def snippet(text: str | None) -> Markup:
    """A search snippet escaped, with its matched words in <mark>."""
    escaped = str(escape(text or ""))
    return Markup(escaped.replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>"))


def page_url(request: Request, page: int, key: str = "page") -> str:
    """This page's address with `key` set to `page` (the other parameters kept)."""
    url = request.url.include_query_params(**{key: page})
    return f"{url.path}?{url.query}"


def pages_of(found: Page[object]) -> tuple[int, int]:
    """(this page's number, the last page's number), 1-based."""
    current = found.offset // max(found.limit, 1) + 1
    last = max(1, -(-found.total // max(found.limit, 1)))
    return current, last


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_href"] = safe_href
    env.filters["snippet"] = snippet
    env.filters["q"] = lambda value: quote(str(value), safe="")
    env.globals.update(page_url=page_url, pages_of=pages_of, symbols=STANCE_SYMBOLS)
    return env


templates = Jinja2Templates(env=_environment())
