"""Shared fixtures: the shared data folder, a fresh store and hand-built reports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from corroborate.model import Certainty, Claim, NoiseLine, Report
from corroborate.store import SQLiteStore, open_store

# Invented open-data files (PolNeAR brat standoff, CoNLL-U and IOB2) for the readers,
# training and evaluation tests in several folders.
pytest_plugins = ["tests.fixtures.polnear", "tests.fixtures.ud"]

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
TEST_DATA = REPO / "tests" / "data"


@pytest.fixture
def fresh_store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore(tmp_path / "ledger.db") as store:
        yield store


@pytest.fixture(params=["sqlite", "postgres"])
def store_on_both(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SQLiteStore]:
    """An empty store on a SQLite file, then on a fresh database of a throwaway PostgreSQL
    server (`pg_cluster`): a test taking it runs on both backends."""
    if request.param == "sqlite":
        store = open_store(str(tmp_path / "ledger.db"))
    else:
        store = open_store(request.getfixturevalue("pg_cluster").new_database())
    with store:  # type: ignore[attr-defined]
        yield store  # type: ignore[misc]


def claims_of_sentences(
    sentences: list[tuple[str, str, str | None, str | None, Certainty]],
) -> tuple[str, tuple[Claim, ...]]:
    """A hand-built report's text and claims from (sentence, content, source, cue,
    certainty) rows, the sentences one after another; a denial's cue is its hedge."""
    text, claims = "", []
    for sentence, content, source, cue, certainty in sentences:
        start = len(text)
        offset = start + sentence.index(content)
        denied = certainty == Certainty.DENIED and cue
        claims.append(Claim(start, start + len(sentence), sentence, source=source,
                            chain=(source,) if source else (), cue=cue, certainty=certainty,
                            hedges=(cue,) if denied else (),
                            content_span=(offset, offset + len(content))))
        text += sentence + " "
    return text.strip(), tuple(claims)


def make_report(text: str = "Officials said the bridge was closed.", **fields: object) -> Report:
    """A processed report built by hand, without running the NLP stages."""
    claim = Claim(
        start=0,
        end=len(text),
        text=text,
        source="Officials",
        chain=("Officials",),
        cue="said",
        certainty=Certainty.ASSERTED,
    )
    values: dict[str, object] = dict(
        path="report.txt",
        format="text",
        content_hash="hash-1",
        raw="Headline\n" + text,
        text=text,
        noise=(NoiseLine(line=0, text="2 min read", reason="furniture"),),
        title="Headline",
        title_source="first line",
        published="2021-05-03",
        published_source="line 2: '3 May 2021'",
        byline=None,
        outlet="The Example Post",
        outlet_source="page",
        url=None,
        language="en",
        claims_status="extracted",
        claims=(claim,),
    )
    values.update(fields)
    return Report(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[object]:
    """A throwaway PostgreSQL server (see tests/pg.py)."""
    from tests.pg import start_cluster

    yield from start_cluster()


def one_claim_ledger(path: Path, texts: list[str]) -> SQLiteStore:
    """A linked ledger of `texts`, each one asserted claim of its own report and outlet."""
    from corroborate.link import link_ledger

    store = SQLiteStore(path)
    for number, text in enumerate(texts):
        claim = Claim(0, len(text), text, certainty=Certainty.ASSERTED)
        report = make_report(text, claims=(claim,), content_hash=f"hash-{number}",
                             outlet=f"Outlet {number}", title=f"Report {number}")
        store.put(f"file:claim{number}", report, "p1")  # type: ignore[arg-type]
    link_ledger(store)
    return store
