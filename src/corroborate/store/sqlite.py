"""The embedded store: one SQLite file, one writer connection, one transaction per report."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from corroborate.errors import StoreError
from corroborate.model import Certainty, Claim, Mention, NoiseLine, Report
from corroborate.store.base import PutOutcome, entity_name, quote_terms
from corroborate.store.migrations import MIGRATIONS, SCHEMA_VERSION
from corroborate.store.tables import (
    BANDS,
    CLAIMS,
    DOCUMENTS,
    ENTITIES,
    MENTIONS,
    NOISE,
    PROPOSITIONS,
    SIGNATURES,
    TABLES,
    ClaimRow,
    DocumentRow,
    EntityRow,
    EvidenceRow,
    LedgerStats,
    MentionRow,
    NoiseRow,
    PropositionRow,
    SearchHit,
    SourceCount,
    Table,
)


def _name(column: str) -> str:
    return f'"{column}"'  # quoted: "end" is an SQL keyword


def _writable(table: Table) -> tuple[str, ...]:
    """The columns a write gives values for: all but `id`, which SQLite assigns, and those
    that cross-report linking computes later."""
    return tuple(
        column for column in table.columns if column != "id" and column not in table.computed
    )


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
_UPDATE_DOCUMENT = (
    f"UPDATE documents SET {', '.join(f'{_name(c)} = ?' for c in _writable(DOCUMENTS))} "
    "WHERE id = ?"
)
_SELECT_DOCUMENTS = f"SELECT {_select_list(DOCUMENTS, 'd')} FROM documents d"
_SELECT_NOISE = f"SELECT {_select_list(NOISE, 'n')} FROM noise n WHERE n.doc_id = ? ORDER BY n.line"
_SELECT_CLAIMS = f"SELECT {_select_list(CLAIMS, 'c')} FROM claims c"
_ENTITY_COUNTS = {"mentions": "count(*)", "documents": "count(DISTINCT m.doc_id)"}
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
_SELECT_EVIDENCE = (
    "SELECT c.id AS claim_id, c.doc_id, c.text, "
    "CASE WHEN c.content_start IS NULL THEN c.text "
    "ELSE substr(d.text, c.content_start + 1, c.content_end - c.content_start) END AS content, "
    "c.source, c.chain, c.cue, c.certainty, c.hedges, c.start, d.outlet, d.published, "
    "d.copy_of, pc.proposition_id, pc.stance, d.key AS doc_key "
    "FROM claims c JOIN documents d ON d.id = c.doc_id "
    "LEFT JOIN proposition_claims pc ON pc.claim_id = c.id"
)
_EVIDENCE_ORDER = " ORDER BY coalesce(d.published, '9999'), c.doc_id, c.start, c.id"
_CHUNK = 500  # ids per IN (...) list
# Keys written by the store itself rather than read off the report.
_DOCUMENT_BOOKKEEPING = ("key", "pipeline", "ingested_at")


class SQLiteStore:
    """The ledger in a SQLite file. Use as a context manager, or call `close()`."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
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
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            doc_id = self._write_document(old["id"] if old else None, values)
            self._write_children(doc_id, report)
        except BaseException:
            # BaseException on purpose: Ctrl-C mid-report must not leave half a report.
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")
        return PutOutcome.REPLACED if old else PutOutcome.STORED

    def _write_document(self, doc_id: int | None, values: dict[str, Any]) -> int:
        params = _params(DOCUMENTS, values)
        if doc_id is None:
            return int(self._conn.execute(_INSERT["documents"], params).lastrowid or 0)
        self._conn.execute(_UPDATE_DOCUMENT, (*params, doc_id))
        # the signature goes too: the next copy linking recomputes it from the new text
        for child in (NOISE, CLAIMS, MENTIONS, SIGNATURES, BANDS):
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
        with self._transaction():
            self._conn.executemany(
                "UPDATE documents SET copy_of = ? WHERE id = ?",
                [(original, doc_id) for doc_id, original in copy_of.items()],
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

    def put_claim_vectors(self, vectors: list[tuple[int, bytes]]) -> None:
        with self._transaction():
            self._conn.executemany(_INSERT["claim_vectors"], vectors)

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
        """Ids of the claims holding any of `words`, best BM25 match first."""
        if not words:
            return []
        query = " OR ".join('"' + word.replace('"', '""') + '"' for word in words)
        rows = self._conn.execute(
            "SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        )
        return [int(row[0]) for row in rows]

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

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
    ) -> Iterator[ClaimRow]:
        """Claims in document order; `source` matches case-insensitively anywhere in the
        source or the chain."""
        where, params = ["1 = 1"], []
        if doc_id is not None:
            where.append("doc_id = ?")
            params.append(doc_id)
        if source:
            where.append("(source LIKE ? ESCAPE '\\' OR chain LIKE ? ESCAPE '\\')")
            pattern = f"%{_escape_like(source)}%"
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
            by_certainty=dict(pairs("SELECT certainty, count(*) FROM claims GROUP BY 1")),
            by_language=dict(
                pairs("SELECT coalesce(language, 'unknown'), count(*) FROM documents GROUP BY 1")
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
    if set(values) != set(_writable(table)):
        raise ValueError(f"{table.name}: values for {sorted(values)}, columns {_writable(table)}")
    return tuple(values[column] for column in _writable(table))


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
        "source_as_written": claim.source_as_written,
    }


def _json(items: tuple[str, ...]) -> str:
    return json.dumps(list(items), ensure_ascii=False)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _pair(span: tuple[int, int] | None) -> tuple[int | None, int | None]:
    return span if span is not None else (None, None)


def _evidence_row(row: sqlite3.Row) -> EvidenceRow:
    return EvidenceRow(**_decoded_claim(row))


def _claim_row(row: sqlite3.Row) -> ClaimRow:
    return ClaimRow(**_decoded_claim(row))


def _decoded_claim(row: sqlite3.Row) -> dict[str, Any]:
    """A claim's columns with its JSON lists as tuples and its certainty as a Certainty."""
    values = dict(row)
    values.update(
        chain=tuple(json.loads(values["chain"])),
        hedges=tuple(json.loads(values["hedges"])),
        certainty=Certainty(values["certainty"]),
    )
    return values
