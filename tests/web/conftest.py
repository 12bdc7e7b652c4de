"""Ledgers for the web tests: the seeds ingested once per session (the NLP costs ~30 s),
and a hostile ledger built by hand whose every text field carries HTML and script."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from corroborate.cli import main
from corroborate.model import Certainty, Claim, Mention, NoiseLine
from corroborate.store import SQLiteStore
from corroborate.web import WebConfig, create_app
from tests.conftest import SEEDS, make_report

SCRIPT = "<script>alert('xss')</script>"
ATTRIBUTE = '" onmouseover="alert(1)" x="'
IMAGE = "<img src=x onerror=alert(2)>"
JS_URL = "javascript:alert(3)"


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not there")
    db = str(tmp_path_factory.mktemp("web_seeds") / "seeds.db")
    result = CliRunner().invoke(main, ["ingest", str(SEEDS), "--db", db])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="session")
def seeds_client(seeds_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(WebConfig(db=seeds_db)), raise_server_exceptions=False) as c:
        yield c


def hostile_report() -> Any:
    """An invented report whose title, outlet, byline, URL, text, claims, noise and
    entities all carry markup or script."""
    text = (
        f"Officials {ATTRIBUTE} said the bridge {SCRIPT} was closed. "
        f"Activists allegedly claimed {IMAGE} that <a href=\"{JS_URL}\">troops</a> moved."
    )
    first_end = text.index(" Activists")
    second = text.index("Activists")
    claims = (
        Claim(0, first_end, text[:first_end], source=f"Officials {ATTRIBUTE}",
              chain=(f"Officials {ATTRIBUTE}",), cue="said", certainty=Certainty.ASSERTED,
              source_span=(0, len(f"Officials {ATTRIBUTE}")),
              cue_span=(text.index("said"), text.index("said") + 4)),
        Claim(second, len(text), text[second:], source=f"Activists {SCRIPT}",
              chain=(IMAGE, f"Activists {SCRIPT}"), cue="claimed", certainty=Certainty.HEDGED,
              hedges=("allegedly", SCRIPT), source_span=(second, second + 9)),
    )
    return make_report(
        text=text,
        title=f"Bridge {SCRIPT} closed {IMAGE}",
        outlet=f"The {ATTRIBUTE} Post {SCRIPT}",
        byline=IMAGE,
        url=JS_URL,
        published_source=SCRIPT,
        claims=claims,
        noise=(NoiseLine(0, f"Read more {SCRIPT}", f"furniture {IMAGE}"),),
        mentions=(Mention(0, 9, f"Officials{SCRIPT}", "ORG"),
                  Mention(second, second + 9, f"{IMAGE}Idlib", "LOC")),
    )


class PlacesStore(SQLiteStore):
    """A ledger with geocoded places, as issue 15's store will offer them."""

    PLACES = [
        {"geonames_id": 163345, "name": f"Idlib {SCRIPT}", "country": "SY",
         "feature_type": "PPLA", "precision": "city", "latitude": 35.93, "longitude": 36.63,
         "spellings": ["Idleb", IMAGE], "documents": [1], "claims": 2},
        {"geonames_id": 170654, "name": "Damascus", "country": "SY", "feature_type": "PPLC",
         "precision": "city", "latitude": 33.51, "longitude": 36.29, "spellings": ["Dimashq"],
         "documents": [1], "claims": 1},
    ]

    def places(self, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        return self.PLACES[offset : offset + limit]


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("web_hostile") / "hostile.db")
    with SQLiteStore(db) as store:
        store.put("hostile-1", hostile_report(), "test")
        claim_ids = [c.id for c in store.claims()]
        store.replace_propositions(
            [(1, f"label {SCRIPT}", claim_ids[0],
              [(claim_ids[0], "supports"), (claim_ids[1], "discusses")])], [], 2)
    return db


@pytest.fixture(scope="session")
def hostile_client(hostile_db: str) -> Iterator[TestClient]:
    config = WebConfig(db=hostile_db, opener=PlacesStore)
    with TestClient(create_app(config), raise_server_exceptions=False) as c:
        yield c
