"""The embedded store: one SQLite file, one writer connection, one transaction per report."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from corroborate.errors import StoreError
from corroborate.model import Report
from corroborate.store.base import PutOutcome, entity_name
from corroborate.store.migrations import MIGRATIONS, SCHEMA_VERSION

_DOCUMENT_COLUMNS = (
    "key", "path", "row", "format", "url", "outlet", "outlet_source", "title", "title_source",
    "byline", "published", "published_source", "language", "claims_status", "text", "raw",
    "content_hash", "pipeline", "ingested_at",
)


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
        if doc_id is None:
            names = ", ".join(values)
            marks = ", ".join("?" for _ in values)
            cursor = self._conn.execute(
                f"INSERT INTO documents ({names}) VALUES ({marks})", tuple(values.values())
            )
            return int(cursor.lastrowid or 0)
        assignments = ", ".join(f"{name} = ?" for name in values)
        self._conn.execute(
            f"UPDATE documents SET {assignments} WHERE id = ?", (*values.values(), doc_id)
        )
        self._conn.execute("DELETE FROM noise WHERE doc_id = ?", (doc_id,))
        self._conn.execute("DELETE FROM claims WHERE doc_id = ?", (doc_id,))
        self._conn.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
        return doc_id

    def _write_children(self, doc_id: int, report: Report) -> None:
        self._conn.executemany(
            "INSERT INTO noise (doc_id, line, text, reason) VALUES (?, ?, ?, ?)",
            [(doc_id, n.line, n.text, n.reason) for n in report.noise],
        )
        self._conn.executemany(
            'INSERT INTO claims (doc_id, start, "end", text, source, chain, cue, certainty, '
            "hedges, source_start, source_end, cue_start, cue_end, content_start, content_end, "
            "attributed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (doc_id, c.start, c.end, c.text, c.source, _json(c.chain), c.cue,
                 str(c.certainty), _json(c.hedges), *_pair(c.source_span), *_pair(c.cue_span),
                 *_pair(c.content_span), c.attributed_by)
                for c in report.claims
            ],
        )

        for mention in report.mentions:
            entity_id = self._entity_id(entity_name(mention.text), mention.label)
            self._conn.execute(
                'INSERT INTO mentions (doc_id, entity_id, start, "end", text) '
                "VALUES (?, ?, ?, ?, ?)",
                (doc_id, entity_id, mention.start, mention.end, mention.text),
            )

    def _entity_id(self, name: str, label: str) -> int:
        self._conn.execute(
            "INSERT INTO entities (name, type) VALUES (?, ?) ON CONFLICT DO NOTHING", (name, label)
        )
        row = self._conn.execute(
            "SELECT id FROM entities WHERE name = ? AND type = ?", (name, label)
        ).fetchone()
        return int(row[0])

    # -- reading --------------------------------------------------------------------------

    def documents(self) -> Iterator[dict[str, Any]]:
        for row in self._conn.execute("SELECT * FROM documents ORDER BY id"):
            yield self._document_row(row)

    def document(self, doc_id: int) -> dict[str, Any] | None:
        row = self._conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return self._document_row(row) if row else None

    def _document_row(self, row: sqlite3.Row) -> dict[str, Any]:
        document = dict(row)
        document["noise"] = [
            dict(noise)
            for noise in self._conn.execute(
                "SELECT line, text, reason FROM noise WHERE doc_id = ? ORDER BY line", (row["id"],)
            )
        ]
        return document

    def claims(
        self,
        doc_id: int | None = None,
        source: str | None = None,
        certainty: str | None = None,
    ) -> Iterator[dict[str, Any]]:
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
        query = f"SELECT * FROM claims WHERE {' AND '.join(where)} ORDER BY doc_id, start, id"
        for row in self._conn.execute(query, params):
            yield _claim_row(row)

    def entities(self) -> Iterator[dict[str, Any]]:
        """Entities that still have mentions, with their mention and document counts."""
        query = (
            "SELECT e.id, e.name, e.type, count(*) AS mentions, "
            "count(DISTINCT m.doc_id) AS documents "
            "FROM entities e JOIN mentions m ON m.entity_id = e.id "
            "GROUP BY e.id ORDER BY mentions DESC, e.name, e.type"
        )
        for row in self._conn.execute(query):
            yield dict(row)

    def mentions(self, doc_id: int) -> list[dict[str, Any]]:
        rows = self._conn.execute(
            'SELECT m.start, m."end", m.text, e.type, e.name, e.id AS entity_id FROM mentions m '
            "JOIN entities e ON e.id = m.entity_id WHERE m.doc_id = ? ORDER BY m.start",
            (doc_id,),
        )
        return [dict(row) for row in rows]

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over titles and clean texts, best match first."""
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
        return [dict(row) for row in rows]

    def stats(self) -> dict[str, Any]:
        one = self._conn.execute
        return {
            "documents": one("SELECT count(*) FROM documents").fetchone()[0],
            "claims": one("SELECT count(*) FROM claims").fetchone()[0],
            "noise_lines": one("SELECT count(*) FROM noise").fetchone()[0],
            "by_certainty": dict(
                one("SELECT certainty, count(*) FROM claims GROUP BY 1").fetchall()
            ),
            "by_language": dict(
                one("SELECT coalesce(language, 'unknown'), count(*) FROM documents GROUP BY 1")
                .fetchall()
            ),
            "top_sources": [
                {"source": source, "claims": count}
                for source, count in one(
                    "SELECT source, count(*) FROM claims WHERE source IS NOT NULL "
                    "GROUP BY source ORDER BY 2 DESC, 1 LIMIT 10"
                )
            ],
        }


def _document_values(key: str, report: Report, pipeline: str) -> dict[str, Any]:
    values = {name: getattr(report, name, None) for name in _DOCUMENT_COLUMNS}
    values.update(key=key, pipeline=pipeline, ingested_at=datetime.now(UTC).isoformat())
    return values


def _json(items: tuple[str, ...]) -> str:
    return json.dumps(list(items), ensure_ascii=False)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _pair(span: tuple[int, int] | None) -> tuple[int | None, int | None]:
    return span if span is not None else (None, None)


def _claim_row(row: sqlite3.Row) -> dict[str, Any]:
    claim = dict(row)
    claim["chain"] = json.loads(claim["chain"])
    claim["hedges"] = json.loads(claim["hedges"])
    return claim
