"""The HTML pages on the seeds: each renders what the store holds, paging keeps filters,
certainty is written out, and everything reads without JavaScript."""

from __future__ import annotations

import lxml.html
from fastapi.testclient import TestClient

from corroborate.store import SQLiteStore


def _page(client: TestClient, url: str) -> lxml.html.HtmlElement:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return lxml.html.fromstring(response.text)


def test_pages_report_marks_every_claim_with_its_certainty(
    seeds_client: TestClient, seeds_db: str
) -> None:
    with SQLiteStore(seeds_db) as store:
        document = next(d for d in store.documents()
                        if any(c.certainty == "hedged" for c in store.claims(doc_id=d.id)))
        claims = list(store.claims(doc_id=document.id))
    page = _page(seeds_client, f"/reports/{document.id}")
    for claim in claims:
        mark = page.get_element_by_id(f"claim-{claim.id}")
        assert mark.get("data-certainty") == claim.certainty
        assert claim.certainty in mark.find_class("tag")[0].text_content()  # text, not colour
    text = "".join(t for t in page.get_element_by_id("text").itertext()
                   if not t.startswith("["))  # the text without the claim tags
    assert " ".join(text.split()) == " ".join(document.text.split())


def test_pages_report_noise_on_demand(seeds_client: TestClient, seeds_db: str) -> None:
    with SQLiteStore(seeds_db) as store:
        document = next(d for d in store.documents() if d.noise)
    closed = _page(seeds_client, f"/reports/{document.id}").get_element_by_id("noise")
    opened = _page(seeds_client, f"/reports/{document.id}?noise=true").get_element_by_id("noise")
    assert closed.get("open") is None and opened.get("open") is not None
    assert document.noise[0].text in closed.text_content()  # in the page, folded


def test_pages_search_filters_and_pages(seeds_client: TestClient, seeds_db: str) -> None:
    page = _page(seeds_client, "/search?q=&certainty=asserted&outlet=&from=&to=")
    claims = page.get_element_by_id("claims")
    labels = [e.text_content() for e in claims.find_class("cert")]
    assert labels and set(labels) == {"asserted"}
    links = [a.get("href") for a in claims.iter("a") if a.get("rel") == "next"]
    assert links and "certainty=asserted" in links[0] and "cpage=2" in links[0]
    with SQLiteStore(seeds_db) as store:
        asserted = sum(1 for c in store.claims(certainty="asserted"))
    assert f"{asserted} in all" in claims.text_content()


def test_pages_search_words_finds_reports(seeds_client: TestClient) -> None:
    page = _page(seeds_client, "/search?q=Russian")
    reports = page.get_element_by_id("reports")
    assert reports.find_class("report-item") and reports.find_class("snippet")


def test_pages_proposition_board_and_timeline(seeds_client: TestClient) -> None:
    from corroborate.link.timeline import summary

    listing = _page(seeds_client, "/propositions")
    href = next(a.get("href") for a in listing.iter("a")
                if (a.get("href") or "").startswith("/propositions/"))
    page = _page(seeds_client, href)
    with SQLiteStore(seeds_client.app.state.config.db) as store:  # type: ignore[attr-defined]
        found = summary(store, int(href.rsplit("/", 1)[1]))
    assert found is not None
    board = page.find_class("board")[0].text_content()
    assert f"For: {len(found.tally.supports)} independent" in board
    assert f"Against: {len(found.tally.refutes)} independent" in board
    days = page.get_element_by_id("timeline").find_class("days")[0]
    assert len(days.findall("li")) == len({(e.published or "undated")[:10]
                                           for e in found.evidence})


def test_pages_check_shows_verdict_and_links_evidence(seeds_client: TestClient) -> None:
    page = _page(seeds_client, "/check?sentence=Russian+troops+are+fighting+alongside+"
                               "Syrian+government+forces")
    verdict = page.find_class("verdict")[0].text_content()
    assert "Verdict:" in verdict and "Independent sources" in verdict
    links = [a.get("href") for a in page.iter("a") if "#claim-" in (a.get("href") or "")]
    assert links and all(link.startswith("/reports/") for link in links)


def test_pages_check_short_sentence_says_why(seeds_client: TestClient) -> None:
    response = seeds_client.get("/check?sentence=Russia")
    assert response.status_code == 400 and "at least" in response.text


def test_pages_outlet_entities_claim(seeds_client: TestClient) -> None:
    outlets = _page(seeds_client, "/outlets")
    href = next(a.get("href") for a in outlets.iter("a")
                if (a.get("href") or "").startswith("/outlet?"))
    assert _page(seeds_client, href).find_class("report-item")
    entities = _page(seeds_client, "/entities")
    entity = next(a.get("href") for a in entities.iter("a")
                  if (a.get("href") or "").startswith("/entities/"))
    assert _page(seeds_client, entity).find_class("report-item")
    claim = _page(seeds_client, "/claims/1")
    assert claim.find_class("cert")


def test_pages_map_of_the_seeds(seeds_client: TestClient) -> None:
    markers = _page(seeds_client, "/map?limit=100").find_class("marker")
    assert {"Latakia", "Damascus"} <= {m.get("data-name") for m in markers}


def test_pages_map_plots_places(hostile_client: TestClient) -> None:
    page = _page(hostile_client, "/map")
    markers = page.find_class("marker")
    assert len(markers) == 2
    assert {m.get("data-name") for m in markers} >= {"Damascus"}


def test_pages_not_found_is_a_page(seeds_client: TestClient) -> None:
    response = seeds_client.get("/reports/999999")
    assert response.status_code == 404 and "not found" in response.text
    assert response.headers["content-type"].startswith("text/html")
