"""The embedded store: one SQLite file, one writer connection, one transaction per report."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from corroborate.errors import StoreError
from corroborate.model import (
    ActorMention,
    Certainty,
    Claim,
    Mention,
    NoiseLine,
    PlaceMention,
    Report,
)
from corroborate.store.base import PutOutcome, entity_name, quote_terms
from corroborate.store.browse import SQLiteBrowse, like_pattern
from corroborate.store.migrations import MIGRATIONS, SCHEMA_VERSION
from corroborate.store.tables import (
    ACTOR_MENTIONS,
    ACTORS,
    BANDS,
    CLAIMS,
    DOCUMENTS,
    ENTITIES,
    MENTIONS,
    NOISE,
    PLACE_MENTIONS,
    PLACES,
    PROPOSITIONS,
    SIGNATURES,
    TABLES,
    VECTOR_INDEX,
    ActorRow,
    ClaimRow,
    DocumentRow,
    EntityRow,
    EvidenceRow,
    LedgerStats,
    MentionRow,
    NoiseRow,
    PlaceRow,
    PropositionRow,
    SearchHit,
    SourceCount,
    Table,
    VectorCellRow,
    VectorIndexRow,
)


def _name(column: str) -> str:
    return f'"{column}"'  # quoted: "end" is an SQL keyword


def _writable(table: Table) -> tuple[str, ...]:
    """The columns a write gives values for: all but `id`, which SQLite assigns, and those
    that cross-report linking computes later."""
    return table.written


def _insert_sql(table: Table) -> str:
    names = _writable(table)
    marks = ", ".join("?" for _ in names)
    return f"INSERT INTO {table.name} ({', '.join(map(_name, names))}) VALUES ({marks})"


def _select_list(table: Table, alias: str, derived: Mapping[str, str] | None = None) -> str:
    """The row's fields in order: stored ones from `alias`, derived ones from the SQL given
    for them. A derived field without SQL (a document's noise) is left to the caller."""
    derived = derived or {}
    if not set(derived) <= set(table.derived):
        raise ValueError(f"{table.name}: {sorted(derived)} are not derived fields")
    return ", ".join(
        f"{derived[field]} AS {_name(field)}" if field in derived else f"{alias}.{_name(field)}"
        for field in table.fields
        if field in derived or field not in table.derived
    )


_INSERT = {table.name: _insert_sql(table) for table in TABLES}
# A place seen again takes the gazetteer's latest values (built once, not per mention).
_UPSERT_PLACE = (
    f"{_INSERT['places']} ON CONFLICT (geonames_id) DO UPDATE SET "
    + ", ".join(f"{_name(c)} = excluded.{_name(c)}"
                for c in _writable(PLACES) if c != "geonames_id")
)
_UPDATE_DOCUMENT = (
    f"UPDATE documents SET {', '.join(f'{_name(c)} = ?' for c in _writable(DOCUMENTS))} "
    "WHERE id = ?"
)
_SELECT_DOCUMENTS = f"SELECT {_select_list(DOCUMENTS, 'd')} FROM documents d"
_SELECT_NOISE = f"SELECT {_select_list(NOISE, 'n')} FROM noise n WHERE n.doc_id = ? ORDER BY n.line"
_SELECT_CLAIMS = f"SELECT {_select_list(CLAIMS, 'c')} FROM claims c"
_ENTITY_COUNTS = {
    "mentions": "count(*)",
    "documents": "count(DISTINCT m.doc_id)",
    "actor": "(SELECT a.name FROM mentions m2 JOIN actor_mentions x ON x.doc_id = m2.doc_id "
    "AND x.start < m2.\"end\" AND m2.start < x.\"end\" JOIN actors a ON a.id = x.actor_id "
    "WHERE m2.entity_id = e.id GROUP BY a.id ORDER BY count(*) DESC, a.name LIMIT 1)",
}
_SELECT_ENTITIES = (
    f"SELECT {_select_list(ENTITIES, 'e', _ENTITY_COUNTS)} "
    "FROM entities e JOIN mentions m ON m.entity_id = e.id "
    "GROUP BY e.id ORDER BY mentions DESC, e.name, e.type"
)
_ENTITY_OF_MENTION = {"type": "e.type", "name": "e.name"}
_SELECT_MENTIONS = (
    f"SELECT {_select_list(MENTIONS, 'm', _ENTITY_OF_MENTION)} "
    "FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.doc_id = ? ORDER BY m.start"
)
_CONTENT = (
    "CASE WHEN c.content_start IS NULL THEN c.text "
    "ELSE substr(d.text, c.content_start + 1, c.content_end - c.content_start) END"
)
_SELECT_EVIDENCE = (
    f"SELECT c.id AS claim_id, c.doc_id, c.text, {_CONTENT} AS content, "
    "c.source, c.chain, c.cue, c.certainty, c.hedges, c.start, d.outlet, d.published, "
    "d.copy_of, pc.proposition_id, pc.stance, d.key AS doc_key "
    "FROM claims c JOIN documents d ON d.id = c.doc_id "
    "LEFT JOIN proposition_claims pc ON pc.claim_id = c.id"
)
# A place or actor mention belongs to the claims whose span holds it.
_IN_CLAIM = "x.doc_id = c.doc_id AND x.start >= c.start AND x.\"end\" <= c.\"end\""
_PLACE_COUNTS = {
    "spellings": "(SELECT json_group_array(DISTINCT x.text) FROM place_mentions x "
    "WHERE x.geonames_id = p.geonames_id)",
    "documents": "(SELECT json_group_array(DISTINCT x.doc_id) FROM place_mentions x "
    "WHERE x.geonames_id = p.geonames_id)",
    "claims": f"(SELECT count(*) FROM claims c WHERE EXISTS (SELECT 1 FROM place_mentions x "
    f"WHERE x.geonames_id = p.geonames_id AND {_IN_CLAIM}))",
}
_SELECT_PLACES = (
    f"SELECT {_select_list(PLACES, 'p', _PLACE_COUNTS)} FROM places p "
    "WHERE EXISTS (SELECT 1 FROM place_mentions x WHERE x.geonames_id = p.geonames_id) "
    "ORDER BY (SELECT count(*) FROM place_mentions x WHERE x.geonames_id = p.geonames_id) DESC, "
    "p.name, p.geonames_id LIMIT ? OFFSET ?"
)
_ACTOR_COUNTS = {
    "aliases": "json_group_array(DISTINCT x.text)",
    "roles": "json_group_array(DISTINCT x.role) FILTER (WHERE x.role IS NOT NULL)",
    "mentions": "count(*)",
    "documents": "count(DISTINCT x.doc_id)",
}
_SELECT_ACTORS = (
    f"SELECT {_select_list(ACTORS, 'a', _ACTOR_COUNTS)} "
    "FROM actors a JOIN actor_mentions x ON x.actor_id = a.id "
    "GROUP BY a.id ORDER BY mentions DESC, a.name, a.type"
)
# The places or actors a name given by a user means: any stored spelling, case aside.
_PLACES_NAMED = (
    "SELECT geonames_id FROM places WHERE lower(name) = lower(:name) UNION "
    "SELECT geonames_id FROM place_mentions WHERE lower(text) = lower(:name)"
)
_ACTORS_NAMED = (
    "SELECT id FROM actors WHERE lower(name) = lower(:name) OR key = lower(:name) UNION "
    "SELECT actor_id FROM actor_mentions WHERE lower(text) = lower(:name)"
)
_EVIDENCE_ORDER = " ORDER BY coalesce(d.published, '9999'), c.doc_id, c.start, c.id"
_CHUNK = 500  # ids per IN (...) list
# `search_claims` in a ledger of COMMON_FLOOR claims or more searches the rarest words whose
# claims add up to FTS_POSTINGS (smaller ledgers, Emergent's and the tests', every word).
COMMON_FLOOR = 20_000
FTS_POSTINGS = 20_000
# Keys written by the store itself rather than read off the report.
_DOCUMENT_BOOKKEEPING = ("key", "pipeline", "ingested_at")


class SQLiteStore(SQLiteBrowse):
    """The ledger in a SQLite file. Use as a context manager, or call `close()`."""

    _BEGIN = "BEGIN IMMEDIATE"  # take the write lock up front: no deadlock with a reader

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._depth = 0  # open transactions (the outer one and its savepoints)
        try:
            self._conn = sqlite3.connect(self.path, isolation_level=None)
            self._conn.row_factory = sqlite3.Row
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path}: cannot open as a Corroborate database ({err})") from err

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    # -- schema ---------------------------------------------------------------------------

    def _migrate(self) -> None:
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {version} is newer than this Corroborate "
                f"({SCHEMA_VERSION}); upgrade Corroborate"
            )
        for number in range(version + 1, SCHEMA_VERSION + 1):
            # executescript commits first, so each migration gets its own explicit transaction.
            self._conn.executescript(
                f"BEGIN; {MIGRATIONS[number - 1]}; PRAGMA user_version = {number}; COMMIT;"
            )

    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    # -- writing --------------------------------------------------------------------------

    def is_current(self, key: str, content_hash: str, pipeline: str) -> bool:
        """Whether `key` is stored with this content, made by this pipeline."""
        row = self._conn.execute(
            "SELECT 1 FROM documents WHERE key = ? AND content_hash = ? AND pipeline = ?",
            (key, content_hash, pipeline),
        ).fetchone()
        return row is not None

    def put(self, key: str, report: Report, pipeline: str) -> PutOutcome:
        """Store `report` under `key` in one transaction: all of it, or nothing."""
        old = self._conn.execute(
            "SELECT id, content_hash, pipeline FROM documents WHERE key = ?", (key,)
        ).fetchone()
        if old and old["content_hash"] == report.content_hash and old["pipeline"] == pipeline:
            return PutOutcome.UNCHANGED
        values = _document_values(key, report, pipeline)
        # rolled back on any BaseException: Ctrl-C mid-report must not leave half a report
        with self._transaction():
            doc_id = self._write_document(old["id"] if old else None, values)
            self._write_children(doc_id, report)
        return PutOutcome.REPLACED if old else PutOutcome.STORED

    def _write_document(self, doc_id: int | None, values: dict[str, Any]) -> int:
        params = _params(DOCUMENTS, values)
        if doc_id is None:
            return int(self._conn.execute(_INSERT["documents"], params).lastrowid or 0)
        self._conn.execute(_UPDATE_DOCUMENT, (*params, doc_id))
        # the signature goes too: the next copy linking recomputes it from the new text
        for child in (NOISE, CLAIMS, MENTIONS, SIGNATURES, BANDS, PLACE_MENTIONS, ACTOR_MENTIONS):
            self._conn.execute(f"DELETE FROM {child.name} WHERE doc_id = ?", (doc_id,))
        return doc_id

    def _write_children(self, doc_id: int, report: Report) -> None:
        noise = [_noise_values(doc_id, line) for line in report.noise]
        self._conn.executemany(_INSERT["noise"], [_params(NOISE, row) for row in noise])
        claims = [_claim_values(doc_id, claim) for claim in report.claims]
        self._conn.executemany(_INSERT["claims"], [_params(CLAIMS, row) for row in claims])
        for mention in report.mentions:
            entity_id = self._entity_id(entity_name(mention.name or mention.text), mention.label)
            values = _mention_values(doc_id, entity_id, mention)
            self._conn.execute(_INSERT["mentions"], _params(MENTIONS, values))
        self._write_places(doc_id, report.places)
        self._write_actors(doc_id, report.actors)

    def _write_places(self, doc_id: int, mentions: tuple[PlaceMention, ...]) -> None:
        for mention in mentions:
            place = mention.place
            if place is not None:
                values = {name: getattr(place, name) for name in _writable(PLACES)}
                self._conn.execute(_UPSERT_PLACE, _params(PLACES, values))
            values = {
                "doc_id": doc_id,
                "geonames_id": place.geonames_id if place else None,
                "start": mention.start,
                "end": mention.end,
                "text": mention.text,
                "reason": mention.reason,
            }
            self._conn.execute(_INSERT["place_mentions"], _params(PLACE_MENTIONS, values))

    def _write_actors(self, doc_id: int, mentions: tuple[ActorMention, ...]) -> None:
        for mention in mentions:
            key = mention.key
            actor_id = self._actor_id(key, mention.name, mention.type)
            values = {
                "doc_id": doc_id,
                "actor_id": actor_id,
                "start": mention.start,
                "end": mention.end,
                "text": mention.text,
                "role": mention.role,
            }
            self._conn.execute(_INSERT["actor_mentions"], _params(ACTOR_MENTIONS, values))

    def _actor_id(self, key: str, name: str, label: str) -> int:
        # looked up before inserting: a PostgreSQL identity spends a number on every
        # conflicting insert, and the ids must be the same on both backends
        find = "SELECT id FROM actors WHERE key = ? AND type = ?"
        row = self._conn.execute(find, (key, label)).fetchone()
        if row is None:
            values = {"key": key, "name": name, "type": label}
            self._conn.execute(_INSERT["actors"], _params(ACTORS, values))
            row = self._conn.execute(find, (key, label)).fetchone()
        return int(row[0])

    def _entity_id(self, name: str, label: str) -> int:
        values = _params(ENTITIES, {"name": name, "type": label})
        self._conn.execute(f"{_INSERT['entities']} ON CONFLICT DO NOTHING", values)
        row = self._conn.execute(
            "SELECT id FROM entities WHERE name = ? AND type = ?", (name, label)
        ).fetchone()
        return int(row[0])

    # -- copies (corroborate.link.copies) -------------------------------------------------

    def unsigned_documents(self) -> list[tuple[int, str]]:
        """(id, clean text) of the documents without a MinHash signature: new, replaced, or
        stored before copies were recognised."""
        query = (
            "SELECT d.id, d.text FROM documents d "
            "WHERE NOT EXISTS (SELECT 1 FROM signatures s WHERE s.doc_id = d.id) ORDER BY d.id"
        )
        return [(int(row[0]), str(row[1])) for row in self._conn.execute(query)]

    def put_signatures(self, signed: list[tuple[int, bytes, list[tuple[int, int]]]]) -> None:
        """Store (doc id, MinHash bytes, [(band, hash)]) for each document, in one transaction."""
        with self._transaction():
            for doc_id, minhash, bands in signed:
                self._conn.execute(_INSERT["signatures"], (doc_id, minhash))
                self._conn.executemany(
                    _INSERT["bands"], [(doc_id, band, value) for band, value in bands]
                )

    def copy_candidates(self, doc_id: int) -> dict[int, bytes]:
        """Signatures of `doc_id` and of every document sharing an LSH band with it."""
        rows = self._conn.execute(
            "SELECT s.doc_id, s.minhash FROM signatures s WHERE s.doc_id = ? OR s.doc_id IN ("
            "SELECT other.doc_id FROM bands mine JOIN bands other "
            "ON other.band = mine.band AND other.hash = mine.hash WHERE mine.doc_id = ?)",
            (doc_id, doc_id),
        )
        return {int(row[0]): bytes(row[1]) for row in rows}

    def band_rows(self, doc_id: int) -> frozenset[tuple[int, int]]:
        """The LSH band rows of `doc_id` (band, hash): reports with the same ones have the
        same `copy_candidates`."""
        rows = self._conn.execute("SELECT band, hash FROM bands WHERE doc_id = ?", (doc_id,))
        return frozenset((int(row[0]), int(row[1])) for row in rows)

    def copy_group(self, doc_id: int) -> list[int]:
        """The documents of `doc_id`'s copy group as stored (the original and its copies)."""
        rows = self._conn.execute(
            "WITH root AS (SELECT coalesce(copy_of, id) AS id FROM documents WHERE id = ?) "
            "SELECT d.id FROM documents d, root WHERE d.id = root.id OR d.copy_of = root.id",
            (doc_id,),
        )
        return sorted(int(row[0]) for row in rows)

    def copy_order(self, doc_ids: list[int]) -> dict[int, tuple[str | None, str]]:
        """(published, content hash) of each document: what decides a group's original."""
        marks = ", ".join("?" for _ in doc_ids)
        rows = self._conn.execute(
            f"SELECT id, published, content_hash FROM documents WHERE id IN ({marks})", doc_ids
        )
        return {int(row[0]): (row[1], str(row[2])) for row in rows}

    def set_copies(self, copy_of: Mapping[int, int | None]) -> None:
        """Set each document's `copy_of` (None for an original), in one transaction."""
        # only the rows that change: an update re-indexes the document's full text (the
        # FTS5 trigger here, the generated tsvector in PostgreSQL), and linking a report
        # passes its whole copy group, most of which keeps its original (document ids
        # start at 1, so 0 stands for none)
        with self._transaction():
            self._conn.executemany(
                "UPDATE documents SET copy_of = ? WHERE id = ? "
                "AND coalesce(copy_of, 0) <> coalesce(?, 0)",
                [(original, doc_id, original) for doc_id, original in copy_of.items()],
            )

    # -- propositions (corroborate.link.propositions) --------------------------------------

    def evidence(
        self, claim_ids: list[int] | None = None, proposition_id: int | None = None
    ) -> list[EvidenceRow]:
        """Claims with their report's outlet, date and copy link and their proposition and
        stance: all of them, those of `claim_ids`, or those of one proposition; by date."""
        if proposition_id is not None:
            query = f"{_SELECT_EVIDENCE} WHERE pc.proposition_id = ?{_EVIDENCE_ORDER}"
            return [_evidence_row(row) for row in self._conn.execute(query, (proposition_id,))]
        if claim_ids is None:
            query = f"{_SELECT_EVIDENCE}{_EVIDENCE_ORDER}"
            return [_evidence_row(row) for row in self._conn.execute(query)]
        rows = []
        for start in range(0, len(claim_ids), _CHUNK):
            chunk = claim_ids[start : start + _CHUNK]
            marks = ", ".join("?" for _ in chunk)
            query = f"{_SELECT_EVIDENCE} WHERE c.id IN ({marks})"
            rows += [_evidence_row(row) for row in self._conn.execute(query, chunk)]
        order = {claim_id: i for i, claim_id in enumerate(claim_ids)}
        return sorted(rows, key=lambda row: order[row.claim_id])

    def claim_vectors(self) -> dict[int, bytes]:
        rows = self._conn.execute("SELECT claim_id, vector FROM claim_vectors")
        return {int(row[0]): bytes(row[1]) for row in rows}

    def claim_vector_matrix(self) -> tuple[list[int], bytes]:
        """Every stored claim vector at once: the claim ids, and their vectors end to end
        (the same order). `check` reads them all on every call, so no dict of blobs."""
        rows = self._conn.execute("SELECT claim_id, vector FROM claim_vectors").fetchall()
        return [int(row[0]) for row in rows], b"".join(row[1] for row in rows)

    def claim_contents(self, claim_ids: list[int]) -> list[str]:
        """The reported content of each claim of `claim_ids` (ids not stored are skipped)."""
        contents = []
        for start in range(0, len(claim_ids), _CHUNK):
            chunk = claim_ids[start : start + _CHUNK]
            marks = ", ".join("?" for _ in chunk)
            rows = self._conn.execute(
                f"SELECT {_CONTENT} FROM claims c JOIN documents d ON d.id = c.doc_id "
                f"WHERE c.id IN ({marks}) ORDER BY c.id", chunk)
            contents += [str(row[0]) for row in rows]
        return contents

    def put_claim_vectors(self, vectors: list[tuple[int, bytes]]) -> None:
        with self._transaction():
            self._conn.executemany(_INSERT["claim_vectors"], vectors)

    # -- check's index over the claim vectors (corroborate.link.index) ---------------------

    def vector_index(self) -> VectorIndexRow | None:
        row = self._conn.execute(
            f"SELECT {_select_list(VECTOR_INDEX, 'v')} FROM vector_index v").fetchone()
        if row is None:
            return None
        vectors, cells, centroids, sizes, total, frequencies = row
        return VectorIndexRow(int(vectors), int(cells), bytes(centroids), bytes(sizes),
                              bytes(total), str(frequencies))

    def cell_vectors(self, cells: list[int]) -> list[VectorCellRow]:
        """The packed claim ids and vectors of `cells` (those stored)."""
        rows = []
        for start in range(0, len(cells), _CHUNK):
            chunk = cells[start : start + _CHUNK]
            rows += self._conn.execute(
                f"SELECT cell, claim_ids, vectors, counts FROM vector_cells "
                f"WHERE cell IN ({', '.join('?' for _ in chunk)})", chunk).fetchall()
        return [VectorCellRow(int(row[0]), bytes(row[1]), bytes(row[2]), bytes(row[3]))
                for row in rows]

    def new_claim_vectors(self) -> tuple[list[int], bytes]:
        """The claim vectors stored since the index was built (no cell), as
        `claim_vector_matrix` gives them."""
        rows = self._conn.execute(
            "SELECT claim_id, vector FROM claim_vectors WHERE cell IS NULL").fetchall()
        return [int(row[0]) for row in rows], b"".join(row[1] for row in rows)

    def vector_counts(self) -> tuple[int, int]:
        """How many claim vectors are stored, and how many of them have a cell."""
        row = self._conn.execute("SELECT count(*), count(cell) FROM claim_vectors").fetchone()
        return int(row[0]), int(row[1])

    def put_vector_index(
        self,
        index: VectorIndexRow | None,
        cells: list[VectorCellRow],
        assigned: list[tuple[int, int | None]],
        replace: bool,
    ) -> None:
        """In one transaction: the index's row becomes `index` (None: no index), the `cells`
        are stored (with `replace`, instead of every stored cell), and each (claim id, cell)
        of `assigned` sets that claim vector's cell."""
        with self._transaction():
            self._conn.execute("DELETE FROM vector_index")
            if replace:
                self._conn.execute("DELETE FROM vector_cells")
            self._conn.executemany(
                "INSERT INTO vector_cells (cell, claim_ids, vectors, counts) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (cell) DO UPDATE SET "
                "claim_ids = excluded.claim_ids, vectors = excluded.vectors, "
                "counts = excluded.counts",
                [(row.cell, row.claim_ids, row.vectors, row.counts) for row in cells],
            )
            self._conn.executemany(
                "UPDATE claim_vectors SET cell = ? WHERE claim_id = ?",
                [(cell, claim_id) for claim_id, cell in assigned],
            )
            if index is not None:
                self._conn.execute(
                    _INSERT["vector_index"],
                    tuple(getattr(index, field) for field in VECTOR_INDEX.fields),
                )

    def replace_propositions(
        self,
        groups: list[tuple[int, str, int, list[tuple[int, str]]]],
        keys: list[tuple[str, int]],
        next_id: int,
    ) -> None:
        """Replace every proposition by `groups`: (id, label, central claim id, [(claim id,
        stance)]), the claim keys' propositions by `keys` and the next unused id, in one
        transaction."""
        with self._transaction():
            self._conn.execute("DELETE FROM proposition_claims")
            self._conn.execute("DELETE FROM propositions")
            self._conn.execute("DELETE FROM proposition_keys")
            self._conn.executemany(
                "INSERT INTO propositions (id, label, claim_id) VALUES (?, ?, ?)",
                [(number, label, central) for number, label, central, _ in groups],
            )
            self._conn.executemany(
                _INSERT["proposition_claims"],
                [
                    (claim_id, number, stance)
                    for number, _, _, members in groups
                    for claim_id, stance in members
                ],
            )
            self._conn.executemany(_INSERT["proposition_keys"], keys)
            self._conn.execute("UPDATE proposition_counter SET next_id = ?", (next_id,))

    # -- incremental linking (corroborate.link.propositions.link_new): reads bounded by a
    # batch of claims and their candidates, never the whole ledger ----------------------

    def ungrouped_evidence(self, after: int, limit: int) -> list[EvidenceRow]:
        """Up to `limit` claims with no proposition and an id above `after`, by id."""
        query = (f"{_SELECT_EVIDENCE} WHERE pc.claim_id IS NULL AND c.id > ? "
                 "ORDER BY c.id LIMIT ?")
        return [_evidence_row(row) for row in self._conn.execute(query, (after, limit))]

    def claim_vectors_of(self, claim_ids: list[int]) -> dict[int, bytes]:
        """The stored vectors of `claim_ids` (those that have one)."""
        rows = self._rows_in("SELECT claim_id, vector FROM claim_vectors WHERE claim_id IN",
                             claim_ids)
        return {int(row[0]): bytes(row[1]) for row in rows}

    def claim_vector_pages(
        self, size: int, grouped: bool = False
    ) -> Iterator[tuple[list[int], bytes]]:
        """Every stored claim vector (`grouped`: of the claims in a proposition), `size` at a
        time by claim id, as `claim_vector_matrix` gives them (keyset pages: memory stays
        at one page)."""
        join = " JOIN proposition_claims pc ON pc.claim_id = v.claim_id" if grouped else ""
        after = 0
        while True:
            rows = self._conn.execute(
                f"SELECT v.claim_id, v.vector FROM claim_vectors v{join} WHERE v.claim_id > ? "
                "ORDER BY v.claim_id LIMIT ?", (after, size)).fetchall()
            if not rows:
                return
            after = int(rows[-1][0])
            yield [int(row[0]) for row in rows], b"".join(bytes(row[1]) for row in rows)

    def propositions_of(self, claim_ids: list[int]) -> dict[int, int]:
        """Each grouped claim of `claim_ids` and its proposition."""
        rows = self._rows_in(
            "SELECT claim_id, proposition_id FROM proposition_claims WHERE claim_id IN",
            claim_ids)
        return {int(row[0]): int(row[1]) for row in rows}

    def proposition_members(self, proposition_ids: list[int]) -> list[int]:
        """The claim ids of the propositions `proposition_ids`, ascending."""
        rows = self._rows_in("SELECT claim_id FROM proposition_claims WHERE proposition_id IN",
                             proposition_ids)
        return sorted(int(row[0]) for row in rows)

    def propositions_of_keys(self, keys: list[str]) -> dict[str, int]:
        """Each claim key of `keys` that was grouped, and its proposition at the time."""
        rows = self._rows_in(
            "SELECT claim_key, proposition_id FROM proposition_keys WHERE claim_key IN", keys)
        return {str(row[0]): int(row[1]) for row in rows}

    def _rows_in(self, query: str, values: list[Any]) -> Iterator[Any]:
        """The rows of `query`, which ends in "IN", for `values` a chunk at a time."""
        for chunk in _chunks(values):
            yield from self._conn.execute(f"{query} ({_marks(chunk)})", chunk)

    def update_propositions(
        self,
        removed: list[int],
        groups: list[tuple[int, str, int, list[tuple[int, str]]]],
        keys: list[tuple[str, int]],
        next_id: int,
    ) -> None:
        """In one transaction: the propositions `removed` are deleted, `groups` (as
        `replace_propositions` takes them) stored, the claim keys of `keys` set to their
        propositions and the next unused id set; the other propositions stay as they are.
        Only what changes is written: a claim left in its proposition with its stance, and
        a proposition given back with its label and central claim, are not rewritten."""
        # a linking batch regroups every stored claim of the propositions it touches (in
        # wire copy every copy of a text: 150,000 claims a batch in a ledger of a million),
        # and most stay where they were, in propositions that gain a few claims; rewriting
        # them all was a fifth of the batch's time
        with self._transaction():
            stored = self._stored_propositions(removed)
            was = {claim_id: (number, stance) for number, (_, _, members) in stored.items()
                   for claim_id, stance in members.items()}
            now = {claim_id: (number, stance) for number, _, _, members in groups
                   for claim_id, stance in members}
            leaving = [claim_id for claim_id, held in was.items() if now.get(claim_id) != held]
            given = {number for number, *_ in groups}
            for chunk in _chunks(leaving):
                self._conn.execute(
                    f"DELETE FROM proposition_claims WHERE claim_id IN ({_marks(chunk)})", chunk)
            for chunk in _chunks([number for number in removed if number not in given]):
                self._conn.execute(f"DELETE FROM propositions WHERE id IN ({_marks(chunk)})",
                                   chunk)
            self._conn.executemany(
                "UPDATE propositions SET label = ?, claim_id = ? WHERE id = ?",
                [(label, central, number) for number, label, central, _ in groups
                 if number in stored and stored[number][:2] != (label, central)],
            )
            self._conn.executemany(
                "INSERT INTO propositions (id, label, claim_id) VALUES (?, ?, ?)",
                [(number, label, central) for number, label, central, _ in groups
                 if number not in stored],
            )
            self._conn.executemany(
                _INSERT["proposition_claims"],
                [(claim_id, number, stance) for claim_id, (number, stance) in now.items()
                 if was.get(claim_id) != (number, stance)],
            )
            for chunk in _chunks([key for key, _ in keys]):
                self._conn.execute(
                    f"DELETE FROM proposition_keys WHERE claim_key IN ({_marks(chunk)})", chunk)
            self._conn.executemany(_INSERT["proposition_keys"], keys)
            self._conn.execute("UPDATE proposition_counter SET next_id = ?", (next_id,))

    def _stored_propositions(
        self, proposition_ids: list[int]
    ) -> dict[int, tuple[str, int, dict[int, str]]]:
        """Each stored proposition of `proposition_ids`: its label, central claim and
        members (claim id: stance)."""
        members: dict[int, dict[int, str]] = {}
        for number, claim_id, stance in self._rows_in(
                "SELECT proposition_id, claim_id, stance FROM proposition_claims "
                "WHERE proposition_id IN", proposition_ids):
            members.setdefault(int(number), {})[int(claim_id)] = str(stance)
        rows = self._rows_in("SELECT id, label, claim_id FROM propositions WHERE id IN",
                             proposition_ids)
        return {int(number): (str(label), int(central), members.get(int(number), {}))
                for number, label, central in rows}

    def proposition_keys(self) -> dict[str, int]:
        """Each claim key's proposition at the last linking."""
        rows = self._conn.execute("SELECT claim_key, proposition_id FROM proposition_keys")
        return {str(row[0]): int(row[1]) for row in rows}

    def next_proposition_id(self) -> int:
        row = self._conn.execute("SELECT next_id FROM proposition_counter").fetchone()
        return int(row[0]) if row else 1

    def propositions(self) -> list[PropositionRow]:
        query = f"SELECT {_select_list(PROPOSITIONS, 'p')} FROM propositions p ORDER BY p.id"
        return [PropositionRow(**dict(row)) for row in self._conn.execute(query)]

    def proposition(self, proposition_id: int) -> PropositionRow | None:
        row = self._conn.execute(
            f"SELECT {_select_list(PROPOSITIONS, 'p')} FROM propositions p WHERE p.id = ?",
            (proposition_id,),
        ).fetchone()
        return PropositionRow(**dict(row)) if row else None

    def search_claims(self, words: list[str], limit: int) -> list[int]:
        """Ids of the claims holding any of `words`, best BM25 match first. In a large ledger
        only the rarest words are searched, while the claims holding them add up to at most
        `FTS_POSTINGS` (the rarest is always searched): FTS5 ranks every claim holding any
        word, and a common word held by a tenth of 1.5 million claims costs a second, while
        BM25 ranks the claims holding the rare words first anyway."""
        words = self._uncommon(words)
        if not words:
            return []
        query = " OR ".join('"' + word.replace('"', '""') + '"' for word in words)
        # bm25() in SQLite's own ORDER BY ... LIMIT keeps the best `limit` as it goes, where
        # `ORDER BY rank` has FTS5 sort every match first: the same claims in the same order
        # (ties: the lower id first, as FTS5's sort leaves them), 20-25% less time
        rows = self._conn.execute(
            "SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? "
            "ORDER BY bm25(claims_fts), rowid LIMIT ?",
            (query, limit),
        )
        return [int(row[0]) for row in rows]

    def search_claims_all(self, groups: list[list[str]], limit: int) -> list[int]:
        """Ids of the claims holding a word of every group (a word ending in "*" is a
        prefix), best BM25 match first (`corroborate.link.frames.search_terms`); in a ledger of
        `COMMON_FLOOR` claims or more the newest first: BM25 ranks every claim matching, and
        an event's and its actors' words match thousands (75-160 ms at 200,000 claims against
        8-17 ms newest first)."""
        if not groups or not all(groups):  # a group without a word: no claim holds one
            return []
        query = " AND ".join(
            "(" + " OR ".join(_fts_term(word) for word in group) + ")" for group in groups)
        order = "rowid DESC" if self._large() else "bm25(claims_fts), rowid"  # as search_claims
        rows = self._conn.execute(
            f"SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? ORDER BY {order} LIMIT ?",
            (query, limit),
        )
        return [int(row[0]) for row in rows]

    def _large(self) -> bool:
        """Whether the ledger holds `COMMON_FLOOR` claims or more (ids are about the number
        of claims, and the largest is read from the index)."""
        claims = self._conn.execute("SELECT max(id) FROM claims").fetchone()[0] or 0
        return claims >= COMMON_FLOOR

    def _uncommon(self, words: list[str]) -> list[str]:
        if not self._large() or not words:
            return words
        return self._rarest(
            words, {word: self._claims_holding(word) for word in dict.fromkeys(words)})

    def _rarest(self, words: list[str], counts: dict[str, int]) -> list[str]:
        """The words to search, rarest first while the claims holding them (`counts`) add
        up to at most `FTS_POSTINGS` (the rarest always), in their order in `words`."""
        kept, postings = set(), 0
        for word in sorted(counts, key=counts.__getitem__):  # the rarest first
            postings += counts[word]
            if kept and postings > FTS_POSTINGS:
                break
            kept.add(word)
        return [word for word in words if word in kept]

    def _claims_holding(self, word: str) -> int:
        """How many claims hold `word` (0 for a word FTS5 tokenises otherwise)."""
        row = self._conn.execute(
            "SELECT doc FROM claims_fts_vocab WHERE term = ?", (word.lower(),)).fetchone()
        return int(row[0]) if row else 0

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """Everything written inside happens together or not at all (a `kill -9` midway
        leaves none of it). Nests: an inner one is a savepoint of the outer."""
        with self._transaction():
            yield

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        depth = self._depth
        self._conn.execute(self._BEGIN if depth == 0 else f"SAVEPOINT s{depth}")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth = depth
            self._conn.execute("ROLLBACK" if depth == 0 else f"ROLLBACK TO SAVEPOINT s{depth}")
            raise
        self._depth = depth
        self._conn.execute("COMMIT" if depth == 0 else f"RELEASE SAVEPOINT s{depth}")

    # -- reading --------------------------------------------------------------------------

    def documents(self) -> Iterator[DocumentRow]:
        for row in self._conn.execute(f"{_SELECT_DOCUMENTS} ORDER BY d.id"):
            yield self._document_row(row)

    def document(self, doc_id: int) -> DocumentRow | None:
        row = self._conn.execute(f"{_SELECT_DOCUMENTS} WHERE d.id = ?", (doc_id,)).fetchone()
        return self._document_row(row) if row else None

    def _document_row(self, row: sqlite3.Row) -> DocumentRow:
        noise = self._conn.execute(_SELECT_NOISE, (row["id"],))
        return DocumentRow(**dict(row), noise=tuple(NoiseRow(**dict(n)) for n in noise))

    def claims(
        self,
        doc_id: int | None = None,
        source: str | None = None,
        certainty: str | None = None,
        place: str | None = None,
        actor: str | None = None,
    ) -> Iterator[ClaimRow]:
        """Claims in document order; `source` matches case-insensitively anywhere in the
        source or the chain; `place` and `actor` keep the claims that mention a place or an
        actor one of whose stored spellings is that name (case aside)."""
        where, params = ["1 = 1"], []
        if place:
            where.append(f"EXISTS (SELECT 1 FROM place_mentions x WHERE {_IN_CLAIM} AND "
                         f"x.geonames_id IN ({_PLACES_NAMED.replace(':name', '?')}))")
            params += [place, place]
        if actor:
            where.append(f"EXISTS (SELECT 1 FROM actor_mentions x WHERE {_IN_CLAIM} AND "
                         f"x.actor_id IN ({_ACTORS_NAMED.replace(':name', '?')}))")
            params += [actor, actor, actor]
        if doc_id is not None:
            where.append("doc_id = ?")
            params.append(doc_id)
        if source:
            # the PostgreSQL store reads every LIKE as ILIKE (postgres._dialect)
            where.append("(source LIKE ? ESCAPE '\\' OR chain LIKE ? ESCAPE '\\')")
            pattern = like_pattern(source)
            params += [pattern, pattern]
        if certainty:
            where.append("certainty = ?")
            params.append(certainty)
        query = f"{_SELECT_CLAIMS} WHERE {' AND '.join(where)} ORDER BY c.doc_id, c.start, c.id"
        for row in self._conn.execute(query, params):
            yield _claim_row(row)

    def entities(self) -> Iterator[EntityRow]:
        """Entities that still have mentions, with their mention and document counts."""
        for row in self._conn.execute(_SELECT_ENTITIES):
            yield EntityRow(**dict(row))

    def places(self, limit: int | None = None, offset: int = 0) -> list[PlaceRow]:
        """Places the reports name, most mentioned first, with their spellings as written,
        the documents naming them and the number of claims that do."""
        rows = self._conn.execute(_SELECT_PLACES, (2**62 if limit is None else limit, offset))
        return [_place_row(row) for row in rows]

    def place_claims(self, geonames_id: int) -> list[ClaimRow]:
        """The claims that mention the place, in document order."""
        query = (
            f"{_SELECT_CLAIMS} WHERE EXISTS (SELECT 1 FROM place_mentions x "
            f"WHERE x.geonames_id = ? AND {_IN_CLAIM}) ORDER BY c.doc_id, c.start, c.id"
        )
        return [_claim_row(row) for row in self._conn.execute(query, (geonames_id,))]

    def actors(self) -> Iterator[ActorRow]:
        """Canonical actors with their spellings, roles, mention and document counts."""
        for row in self._conn.execute(_SELECT_ACTORS):
            values = dict(row)
            # sorted: the order of an aggregate's DISTINCT values is the backend's own
            values.update(aliases=sorted(json.loads(values["aliases"])),
                          roles=sorted(json.loads(values["roles"] or "[]")))
            yield ActorRow(**values)

    def mentions(self, doc_id: int) -> list[MentionRow]:
        rows = self._conn.execute(_SELECT_MENTIONS, (doc_id,))
        return [MentionRow(**dict(row)) for row in rows]

    def search(self, query: str, limit: int = 20, fts: bool = False) -> list[SearchHit]:
        """Full-text search over titles and clean texts, best match first: reports holding
        every word of `query`, or, with `fts`, `query` in SQLite FTS5 syntax."""
        query = query if fts else quote_terms(query)
        try:
            rows = self._conn.execute(
                "SELECT d.id, d.title, d.language, "
                "snippet(documents_fts, 1, '[', ']', ' … ', 12) AS snippet "
                "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
                "WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
                (query, limit),
            ).fetchall()
        except sqlite3.OperationalError as err:
            raise StoreError(f"bad search query {query!r} ({err})") from err
        return [SearchHit(**dict(row)) for row in rows]

    def stats(self) -> LedgerStats:
        def one(query: str) -> Any:
            return self._conn.execute(query).fetchone()[0]

        def pairs(query: str) -> list[tuple[Any, Any]]:
            return [tuple(row) for row in self._conn.execute(query)]

        return LedgerStats(
            documents=one("SELECT count(*) FROM documents"),
            claims=one("SELECT count(*) FROM claims"),
            noise_lines=one("SELECT count(*) FROM noise"),
            by_certainty=dict(
                pairs("SELECT certainty, count(*) FROM claims GROUP BY 1 ORDER BY 1")
            ),
            by_language=dict(
                pairs(
                    "SELECT coalesce(language, 'unknown'), count(*) FROM documents "
                    "GROUP BY 1 ORDER BY 1"
                )
            ),
            top_sources=tuple(
                SourceCount(source, count)
                for source, count in pairs(
                    "SELECT source, count(*) FROM claims WHERE source IS NOT NULL "
                    "GROUP BY source ORDER BY 2 DESC, 1 LIMIT 10"
                )
            ),
        )


def _params(table: Table, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """`values` in the order of the table's declared columns; exactly those, so a column
    added to the declaration but not written (or the reverse) fails loudly."""
    names = table.written
    if len(values) != len(names) or not all(column in values for column in names):
        raise ValueError(f"{table.name}: values for {sorted(values)}, columns {names}")
    return tuple(values[column] for column in names)


def _document_values(key: str, report: Report, pipeline: str) -> dict[str, Any]:
    values = {
        name: getattr(report, name)
        for name in _writable(DOCUMENTS)
        if name not in _DOCUMENT_BOOKKEEPING
    }
    values.update(key=key, pipeline=pipeline, ingested_at=datetime.now(UTC).isoformat())
    return values


def _noise_values(doc_id: int, line: NoiseLine) -> dict[str, Any]:
    return {"doc_id": doc_id, "line": line.line, "text": line.text, "reason": line.reason}


def _mention_values(doc_id: int, entity_id: int, mention: Mention) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "entity_id": entity_id,
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
    }


def _claim_values(doc_id: int, claim: Claim) -> dict[str, Any]:
    source_start, source_end = _pair(claim.source_span)
    cue_start, cue_end = _pair(claim.cue_span)
    content_start, content_end = _pair(claim.content_span)
    return {
        "doc_id": doc_id,
        "start": claim.start,
        "end": claim.end,
        "text": claim.text,
        "source": claim.source,
        "chain": _json(claim.chain),
        "cue": claim.cue,
        "certainty": str(claim.certainty),
        "hedges": _json(claim.hedges),
        "source_start": source_start,
        "source_end": source_end,
        "cue_start": cue_start,
        "cue_end": cue_end,
        "content_start": content_start,
        "content_end": content_end,
        "attributed_by": claim.attributed_by,
        "certainty_score": claim.certainty_score,
        "certainty_by": claim.certainty_by,
        "source_as_written": claim.source_as_written,
    }


def _json(items: tuple[str, ...]) -> str:
    return json.dumps(list(items), ensure_ascii=False)


def _pair(span: tuple[int, int] | None) -> tuple[int | None, int | None]:
    return span if span is not None else (None, None)


def _place_row(row: sqlite3.Row) -> PlaceRow:
    values = dict(row)
    values.update(spellings=sorted(json.loads(values["spellings"])),
                  documents=sorted(json.loads(values["documents"])))
    return PlaceRow(**values)


_Row = TypeVar("_Row", ClaimRow, EvidenceRow)


def _claim_decoder(kind: type[_Row]) -> Callable[[sqlite3.Row], _Row]:
    """Rows of a select list in `kind`'s field order (`_SELECT_CLAIMS`, `_SELECT_EVIDENCE`)
    as `kind`, their JSON lists as tuples and their certainty as a Certainty."""
    names = [field.name for field in fields(kind)]
    chain, certainty, hedges = (names.index(name) for name in ("chain", "certainty", "hedges"))

    def decoded(row: sqlite3.Row) -> _Row:
        # by position: a linking batch in a large ledger reads 150,000 evidence rows, and
        # building them by keyword took twice as long
        values = list(row)
        values[chain] = _json_tuple(values[chain])
        values[certainty] = Certainty(values[certainty])
        values[hedges] = _json_tuple(values[hedges])
        return kind(*values)

    return decoded


def _json_tuple(text: str) -> tuple[Any, ...]:
    """A stored JSON list as a tuple; most chains and hedges are empty, and `check` decodes
    a few hundred claims per call, so the empty list skips the decoder."""
    return () if text == "[]" else tuple(json.loads(text))


_claim_row = _claim_decoder(ClaimRow)
_evidence_row = _claim_decoder(EvidenceRow)


def _chunks(values: list[Any]) -> Iterator[list[Any]]:
    """`values` in lists of at most `_CHUNK` (the most one IN (...) list takes)."""
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _marks(chunk: list[Any]) -> str:
    return ", ".join("?" for _ in chunk)


def _fts_term(word: str) -> str:
    """An FTS5 term: the word quoted, a trailing "*" kept outside as a prefix search."""
    bare = word.rstrip("*")
    return '"' + bare.replace('"', '""') + '"' + ("*" if word.endswith("*") else "")
