"""The JSON API on the seeds: each endpoint, its paging, and bad parameters."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from corroborate.store import SQLiteStore


def _get(client: TestClient, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return response.json()


def test_api_reports_pages_through_every_report(seeds_client: TestClient, seeds_db: str) -> None:
    seen, url = [], "/api/reports?limit=2"
    while url:
        page = _get(seeds_client, url)
        seen += [item["id"] for item in page["items"]]
        url = page["next"]
    with SQLiteStore(seeds_db) as store:
        assert sorted(seen) == sorted(d.id for d in store.documents())
    assert page["total"] == len(seen)


def test_api_reports_search_and_outlet_filter(seeds_client: TestClient, seeds_db: str) -> None:
    with SQLiteStore(seeds_db) as store:
        outlet = next(d.outlet for d in store.documents() if d.outlet)
        expected = {d.id for d in store.documents() if d.outlet == outlet}
    found = _get(seeds_client, f"/api/reports?outlet={outlet}&limit=100")
    assert {item["id"] for item in found["items"]} == expected
    searched = _get(seeds_client, "/api/reports?q=Russian")
    assert searched["items"] and all("[" in item["snippet"] for item in searched["items"])


def test_api_report_has_text_claims_noise(seeds_client: TestClient, seeds_db: str) -> None:
    with SQLiteStore(seeds_db) as store:
        document = next(store.documents())
        claims = list(store.claims(doc_id=document.id))
    found = _get(seeds_client, f"/api/reports/{document.id}")
    assert found["text"] == document.text
    assert [c["id"] for c in found["claims"]] == [c.id for c in claims]
    assert len(found["noise"]) == len(document.noise)
    assert "raw" not in found and "key" not in found  # private fields stay private


def test_api_claims_filters_by_certainty_and_source(seeds_client: TestClient) -> None:
    hedged = _get(seeds_client, "/api/claims?certainty=hedged&limit=100")
    assert hedged["items"] and {c["certainty"] for c in hedged["items"]} == {"hedged"}
    source = hedged["items"][0]["source"] or hedged["items"][-1]["source"]
    by_source = _get(seeds_client, f"/api/claims?source={source}&limit=100")
    assert all(source.lower() in (c["source"] or "").lower() + json.dumps(c["chain"]).lower()
               for c in by_source["items"])


def test_api_claims_by_date_range(seeds_client: TestClient) -> None:
    every = _get(seeds_client, "/api/claims?limit=100")["total"]
    dates = sorted({c["published"] for c in _get(seeds_client, "/api/claims?limit=100")["items"]
                    if c["published"]})
    ranged = _get(seeds_client, f"/api/claims?from={dates[-1][:10]}&limit=100")
    assert 0 < ranged["total"] < every
    assert all(c["published"][:10] >= dates[-1][:10] for c in ranged["items"])


def test_api_claim_and_its_proposition(seeds_client: TestClient) -> None:
    item = next(c for c in _get(seeds_client, "/api/claims?limit=100")["items"]
                if c["proposition_id"])
    claim = _get(seeds_client, f"/api/claims/{item['claim_id']}")
    assert claim["text"] == item["text"] and claim["proposition_id"] == item["proposition_id"]
    proposition = _get(seeds_client, f"/api/propositions/{item['proposition_id']}")
    assert item["claim_id"] in [c["claim_id"] for c in proposition["claims"]]
    assert sum(d["supports"] + d["refutes"] + d["discusses"]
               for d in proposition["timeline"]) == len(proposition["claims"])


def test_api_propositions_page(seeds_client: TestClient) -> None:
    first = _get(seeds_client, "/api/propositions?limit=5")
    second = _get(seeds_client, "/api/propositions?limit=5&offset=5")
    assert len(first["items"]) == 5 and first["total"] > 5
    assert not {p["id"] for p in first["items"]} & {p["id"] for p in second["items"]}
    claims = [p["claims"] for p in first["items"] + second["items"]]
    assert claims == sorted(claims, reverse=True)
    assert all(1 <= p["reports"] <= p["claims"] for p in first["items"])


def test_api_entities_and_entity(seeds_client: TestClient) -> None:
    entities = _get(seeds_client, "/api/entities?limit=3")
    top = entities["items"][0]
    entity = _get(seeds_client, f"/api/entities/{top['id']}")
    assert entity["name"] == top["name"] and entity["reports"]["total"] == top["documents"]
    typed = _get(seeds_client, f"/api/entities?type={top['type']}&limit=100")
    assert {e["type"] for e in typed["items"]} == {top["type"]}


def test_api_outlets_and_outlet(seeds_client: TestClient) -> None:
    outlets = _get(seeds_client, "/api/outlets")["items"]
    outlet = _get(seeds_client, f"/api/outlet?name={outlets[0]['name']}")
    assert outlet["reports"]["total"] == outlets[0]["reports"]
    assert sum(outlet["by_certainty"].values()) == outlets[0]["claims"]


def test_api_places_of_the_seeds(seeds_client: TestClient) -> None:
    found = _get(seeds_client, "/api/places?limit=100")
    assert found["available"]
    names = {p["name"] for p in found["items"]}
    assert {"Latakia", "Damascus"} <= names, names
    for place in found["items"]:
        assert -90 <= place["latitude"] <= 90 and -180 <= place["longitude"] <= 180
        assert place["documents"] and place["spellings"]


def test_api_claims_by_geocoded_place(seeds_client: TestClient) -> None:
    found = _get(seeds_client, "/api/claims?place=latakia&limit=100")["items"]
    assert found and all("latakia" in c["text"].lower() for c in found), found
    assert _get(seeds_client, "/api/claims?place=Atlantis&limit=100")["items"] == []


def test_api_places_from_a_store_with_places(hostile_client: TestClient) -> None:
    found = _get(hostile_client, "/api/places?limit=1&offset=1")
    assert found["available"] and [p["name"] for p in found["items"]] == ["Damascus"]


def test_api_check_matches_the_cli(seeds_client: TestClient, seeds_db: str) -> None:
    from click.testing import CliRunner

    from corroborate.cli import main

    sentence = "Russian troops are fighting alongside Syrian government forces"
    found = _get(seeds_client, f"/api/check?sentence={sentence}")
    cli = CliRunner().invoke(main, ["check", sentence, "--json", "--db", seeds_db])
    assert found == json.loads(cli.output)


def test_api_check_too_short_is_400(seeds_client: TestClient) -> None:
    response = seeds_client.get("/api/check?sentence=Russia")
    assert response.status_code == 400 and "sentence" in response.json()["detail"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_api_export_download(seeds_client: TestClient, seeds_db: str, fmt: str) -> None:
    response = seeds_client.get(f"/api/export/claims?format={fmt}")
    assert response.status_code == 200
    assert f'filename="claims.{fmt}"' in response.headers["content-disposition"]
    with SQLiteStore(seeds_db) as store:
        claims = store.stats().claims
    if fmt == "jsonl":
        assert len(response.text.splitlines()) == claims
    else:
        assert len(list(csv.DictReader(io.StringIO(response.text)))) == claims


def test_api_openapi_lists_every_endpoint(seeds_client: TestClient) -> None:
    paths = _get(seeds_client, "/openapi.json")["paths"]
    for path in ("/api/reports", "/api/reports/{doc_id}", "/api/claims", "/api/entities",
                 "/api/places", "/api/propositions", "/api/check", "/api/export/{table}"):
        assert path in paths
    assert not any(not path.startswith("/api/") for path in paths)  # pages are not API


@pytest.mark.parametrize(("url", "status"), [
    ("/api/reports/999999", 404), ("/api/claims/999999", 404),
    ("/api/propositions/999999", 404), ("/api/entities/999999", 404),
    ("/api/outlet?name=No+Such+Outlet", 404), ("/api/export/secrets", 404),
    ("/api/reports?limit=101", 422), ("/api/claims?from=2020-1-1", 422),
    ("/api/claims?certainty=probable", 422), ("/api/reports/abc", 422),
])
def test_api_bad_request_status(seeds_client: TestClient, url: str, status: int) -> None:
    response = seeds_client.get(url)
    assert response.status_code == status
    assert response.json()["detail"]
