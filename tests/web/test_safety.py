"""Untrusted text stays text on every page; errors are status codes without traces; no URL
reaches a file outside the ledger."""

from __future__ import annotations

import lxml.html
import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import ATTRIBUTE, IMAGE, SCRIPT

PAGES = [
    "/", "/search?q=bridge", "/search?certainty=hedged", "/search?source=Activists",
    "/reports/1", "/reports/1?noise=true", "/claims/1", "/claims/2", "/propositions",
    "/propositions/1", "/outlets", "/entities", "/entities/1", "/entities/2", "/map",
    "/outlet?name=" + "The " + ATTRIBUTE + " Post " + SCRIPT,
]


def _active_content(html: str) -> list[str]:
    """Every script, event-handler attribute and script URL in the page's DOM, except the
    app's own script."""
    found = []
    for element in lxml.html.fromstring(html).iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "script" and element.get("src") != "/static/app.js":
            found.append(lxml.html.tostring(element, encoding="unicode"))
        for name, value in element.attrib.items():
            if name.startswith("on"):
                found.append(f"{element.tag} {name}={value}")
            if name in ("href", "src", "action") and value.strip().lower().startswith(
                ("javascript:", "data:")
            ):
                found.append(f"{element.tag} {name}={value}")
    return found


@pytest.mark.parametrize("url", PAGES)
def test_safety_page_escapes_hostile_report(hostile_client: TestClient, url: str) -> None:
    response = hostile_client.get(url)
    assert response.status_code == 200, response.text
    assert _active_content(response.text) == []
    assert SCRIPT not in response.text and IMAGE not in response.text
    assert ATTRIBUTE not in response.text


def test_safety_hostile_text_is_shown_as_text(hostile_client: TestClient) -> None:
    page = lxml.html.fromstring(hostile_client.get("/reports/1").text)
    assert SCRIPT in page.get_element_by_id("text").text_content()
    assert "javascript:alert(3)" in page.text_content()  # shown, not linked


@pytest.mark.parametrize("url", ["/reports/1", "/api/reports/1", "/search?q=x"])
def test_safety_headers_forbid_inline_script(hostile_client: TestClient, url: str) -> None:
    policy = hostile_client.get(url).headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


@pytest.mark.parametrize("url", [
    "/static/../../../../etc/passwd",
    "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%2f..%2f..%2fetc%2fpasswd",
    "/api/export/..%2f..%2fetc%2fpasswd",
    "/api/export/%2fetc%2fpasswd?format=csv",
    "/reports/..%2f..%2fetc%2fpasswd",
])
def test_safety_no_path_reads_outside_the_ledger(hostile_client: TestClient, url: str) -> None:
    response = hostile_client.get(url)
    assert response.status_code in (404, 422)
    assert "root:" not in response.text


@pytest.mark.parametrize("url", [
    "/api/reports?limit=0", "/api/claims?certainty=sure", "/api/reports?from=2021-02-30",
    "/search?to=yesterday", "/reports/notanumber", "/api/propositions?offset=-1",
    "/api/check", "/api/export/claims?format=xml", "/outlet", "/map?page=0",
])
def test_safety_bad_parameter_is_4xx_without_trace(hostile_client: TestClient, url: str) -> None:
    response = hostile_client.get(url)
    assert 400 <= response.status_code < 500
    assert "Traceback" not in response.text and 'File "' not in response.text


def test_safety_server_is_read_only(hostile_db: str) -> None:
    from corroborate.store import SQLiteStore
    from corroborate.web import WebConfig, create_app

    app = create_app(WebConfig(db=hostile_db))
    with TestClient(app) as client:
        assert client.get("/reports/1").status_code == 200
    store = SQLiteStore(hostile_db)
    store.read_only()
    with pytest.raises(Exception, match="readonly|read-only|query_only"):
        store.set_copies({1: None})
    store.close()
