from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from corroborate.errors import StoreError
from corroborate.model import Certainty, Claim, Mention
from corroborate.store import PutOutcome, SQLiteStore
from corroborate.store.base import entity_name
from corroborate.store.migrations import MIGRATIONS, SCHEMA_VERSION
from corroborate.store.tables import NoiseRow
from tests.conftest import make_report


def test_sqlite_put_stores_document_noise_and_claims(fresh_store: SQLiteStore) -> None:
    assert fresh_store.put("file:a", make_report(), "p1") is PutOutcome.STORED
    [document] = list(fresh_store.documents())
    assert document.title == "Headline"
    assert document.noise == (NoiseRow(line=0, text="2 min read", reason="furniture"),)
    [claim] = list(fresh_store.claims())
    assert claim.doc_id == document.id
    assert claim.chain == ("Officials",)
    assert claim.hedges == ()
    assert claim.certainty is Certainty.ASSERTED


def test_sqlite_put_same_hash_and_pipeline_is_unchanged(fresh_store: SQLiteStore) -> None:
    fresh_store.put("file:a", make_report(), "p1")
    assert fresh_store.is_current("file:a", "hash-1", "p1")
    assert fresh_store.put("file:a", make_report(), "p1") is PutOutcome.UNCHANGED
    assert fresh_store.stats().documents == 1


def test_sqlite_put_changed_report_replaces_old_version_keeping_id(
    fresh_store: SQLiteStore,
) -> None:
    fresh_store.put("file:a", make_report(), "p1")
    [before] = list(fresh_store.documents())
    changed = make_report("Witnesses said two trucks burned.", content_hash="hash-2", noise=())
    assert fresh_store.put("file:a", changed, "p1") is PutOutcome.REPLACED
    [after] = list(fresh_store.documents())
    assert after.id == before.id
    assert after.text == "Witnesses said two trucks burned."
    assert after.noise == ()
    assert [c.text for c in fresh_store.claims()] == ["Witnesses said two trucks burned."]
    assert fresh_store.search("trucks")[0].id == after.id
    assert fresh_store.search("bridge") == []


def test_sqlite_put_new_pipeline_reprocesses(fresh_store: SQLiteStore) -> None:
    fresh_store.put("file:a", make_report(), "p1")
    assert not fresh_store.is_current("file:a", "hash-1", "p2")
    assert fresh_store.put("file:a", make_report(), "p2") is PutOutcome.REPLACED


def test_sqlite_put_failure_mid_report_leaves_store_untouched(fresh_store: SQLiteStore) -> None:
    fresh_store.put("file:a", make_report(), "p1")
    bad_claim = Claim(start=0, end=1, text="x", certainty="maybe")  # type: ignore[arg-type]
    broken = make_report("A new text.", content_hash="hash-2", claims=(bad_claim,))
    with pytest.raises((sqlite3.IntegrityError, StoreError)):  # StoreError: PostgreSQL
        fresh_store.put("file:a", broken, "p1")
    [document] = list(fresh_store.documents())
    assert document.text == "Officials said the bridge was closed."
    assert len(list(fresh_store.claims())) == 1
    assert len(document.noise) == 1


def test_sqlite_put_interrupt_mid_report_rolls_back(
    fresh_store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(fresh_store, "_write_children", interrupted)
    with pytest.raises(KeyboardInterrupt):
        fresh_store.put("file:a", make_report(), "p1")
    assert fresh_store.stats().documents == 0


def test_sqlite_claims_filters(fresh_store: SQLiteStore) -> None:
    hedged = Claim(0, 5, "Smoke", source="50%_activists", chain=("Radio X", "50%_activists"),
                   cue="claimed", certainty=Certainty.HEDGED, hedges=("claimed",))
    fresh_store.put("file:a", make_report(), "p1")
    fresh_store.put("file:b", make_report("Smoke rose.", content_hash="h", claims=(hedged,)), "p1")
    assert [c.source for c in fresh_store.claims(certainty="hedged")] == ["50%_activists"]
    assert [c.source for c in fresh_store.claims(source="radio x")] == ["50%_activists"]
    assert list(fresh_store.claims(source="%")) == list(fresh_store.claims(source="50%"))
    assert len(list(fresh_store.claims(source="_"))) == 1
    assert [c.doc_id for c in fresh_store.claims(doc_id=1)] == [1]


def test_sqlite_schema_is_migrated_to_current_version(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "x.db") as store:
        assert store.schema_version == SCHEMA_VERSION
    with SQLiteStore(tmp_path / "x.db") as store:  # reopening migrates nothing twice
        assert store.schema_version == SCHEMA_VERSION


def test_sqlite_refuses_newer_schema_and_non_database(tmp_path: Path) -> None:
    newer = tmp_path / "newer.db"
    with sqlite3.connect(newer) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this Corroborate"):
        SQLiteStore(newer)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        SQLiteStore(junk)


def test_sqlite_search_bad_query_is_a_clear_error(fresh_store: SQLiteStore) -> None:
    fresh_store.put("file:a", make_report(), "p1")
    with pytest.raises(StoreError, match="bad search query"):
        fresh_store.search("(unterminated" if _postgres(fresh_store) else '"unterminated', fts=True)
    with pytest.raises(StoreError, match="empty search query"):
        fresh_store.search("   ")


def test_sqlite_search_takes_words_as_written(fresh_store: SQLiteStore) -> None:
    text = "Officials said al-Nusra fighters don't hold the bridge."
    fresh_store.put("file:a", make_report(text), "p1")
    for query in ("al-Nusra", "don't", '"bridge', "bridge OR"):
        assert len(fresh_store.search(query)) == (0 if "OR" in query else 1), query
    # the engine's own syntax on request: FTS5's, PostgreSQL's tsquery
    prefix = "bridg:*" if _postgres(fresh_store) else "bridg*"
    assert len(fresh_store.search(prefix, fts=True)) == 1


def test_sqlite_entities_group_mentions_across_documents(fresh_store: SQLiteStore) -> None:
    text = "The Kremlin said Dmitry Peskov spoke. Kremlin officials agreed."
    mentions = (
        Mention(0, 11, "The Kremlin", "ORG"),
        Mention(17, 30, "Dmitry Peskov", "PER"),
        Mention(38, 45, "Kremlin", "ORG"),
    )
    fresh_store.put("file:a", make_report(text, mentions=mentions), "p1")
    fresh_store.put("file:b", make_report(text, content_hash="h2", mentions=mentions[:1]), "p1")
    entities = {(e.name, e.type): e for e in fresh_store.entities()}
    assert entities[("Kremlin", "ORG")].mentions == 3
    assert entities[("Kremlin", "ORG")].documents == 2
    assert entities[("Dmitry Peskov", "PER")].documents == 1
    texts = [m.text for m in fresh_store.mentions(1)]
    assert texts == ["The Kremlin", "Dmitry Peskov", "Kremlin"]
    # Replacing document 1 without mentions drops its mentions; the entity lives on in doc 2.
    fresh_store.put("file:a", make_report(text, content_hash="h3"), "p1")
    assert [(e.name, e.mentions) for e in fresh_store.entities()] == [("Kremlin", 1)]


def test_entity_name_normalises_articles_possessives_and_spaces() -> None:
    assert entity_name("the  Kremlin's") == "Kremlin"
    assert entity_name("Assad’s") == "Assad"
    assert entity_name("The Hague") == "Hague"
    assert entity_name("Theodore Roe") == "Theodore Roe"


def test_sqlite_claim_spans_round_trip(fresh_store: SQLiteStore) -> None:
    text = "Officials said the bridge was closed."
    claim = Claim(0, len(text), text, source="Officials", chain=("Officials",), cue="said",
                  source_span=(0, 9), cue_span=(10, 14), content_span=(15, 36),
                  attributed_by="model")
    fresh_store.put("file:a", make_report(text, claims=(claim,)), "p1")
    [row] = list(fresh_store.claims())
    assert text[row.source_start : row.source_end] == "Officials"
    assert text[row.cue_start : row.cue_end] == "said"
    assert text[row.content_start : row.content_end] == "the bridge was closed"
    assert row.attributed_by == "model"


def test_sqlite_upgrade_from_version_2_keeps_stored_claims(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:  # a ledger written before claim spans existed
        conn.executescript(f"{MIGRATIONS[0]}; {MIGRATIONS[1]}; PRAGMA user_version = 2;")
        conn.execute(
            "INSERT INTO documents (key, path, format, claims_status, text, raw, content_hash,"
            " pipeline, ingested_at) VALUES ('file:a', 'a.txt', 'text', 'extracted',"
            " 'Officials said it.', 'Officials said it.', 'h', 'p0', '2026-01-01')"
        )
        conn.execute(
            'INSERT INTO claims (doc_id, start, "end", text, source, chain, cue, certainty,'
            " hedges) VALUES (1, 0, 18, 'Officials said it.', 'Officials', '[\"Officials\"]',"
            " 'said', 'asserted', '[]')"
        )
    with SQLiteStore(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        [row] = list(store.claims())
    assert (row.source, row.cue_start, row.attributed_by) == ("Officials", None, None)


def _postgres(store: object) -> bool:
    from corroborate.store.postgres import PostgresStore

    return isinstance(store, PostgresStore)


def test_search_ranks_the_matches_stored_last_past_the_cap(
    fresh_store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corroborate.store import postgres

    monkeypatch.setattr(postgres, "SEARCH_RANKED", 2)
    texts = ["The convoy reached Ardel, and the convoy left again: a convoy of ten trucks.",
             "A convoy was seen near the dam.", "Officials said a convoy had passed.",
             "The convoy stopped at the ferry."]
    for n, text in enumerate(texts):
        fresh_store.put(f"file:{n}", make_report(text, content_hash=f"h{n}"), "p1")
    ids = [hit.id for hit in fresh_store.search("convoy")]
    if _postgres(fresh_store):  # ts_rank over the two stored last only
        assert sorted(ids) == [3, 4]
    else:  # FTS5's BM25 over every match: the report saying it three times first
        assert sorted(ids) == [1, 2, 3, 4] and ids[0] == 1
    assert all("[convoy]" in hit.snippet.lower() for hit in fresh_store.search("convoy"))
