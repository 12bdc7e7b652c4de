"""The ledger in PostgreSQL (psycopg 3, the `postgres` extra): `--db postgresql://…`.

The same tables, columns and semantics as the SQLite store, whose SQL (derived from
`tables.py`) this store runs through a thin connection adapter: `?` placeholders become
psycopg's `%s`, rows read by name or position like `sqlite3.Row`, and a database error is a
`StoreError`. Only what the dialects do differently is written here: the schema
(`pg_migrations.py`), the version table, new ids (`RETURNING id`), case-insensitive source
matching (`ILIKE`) and full-text search (`tsvector` columns with GIN indexes instead of FTS5).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from corroborate.errors import StoreError
from corroborate.store.base import quote_terms
from corroborate.store.browse import MATCH_END, MATCH_START, ReportSearch
from corroborate.store.pg_migrations import PG_MIGRATIONS
from corroborate.store.sqlite import _INSERT, SQLiteStore
from corroborate.store.tables import DOCUMENTS, SearchHit, VectorCellRow, VectorIndexRow

URL_PREFIXES = ("postgresql://", "postgres://")
# `search` ranks at most this many of the reports matching, the ones stored last: `ts_rank`
# reads each match's whole `tsvector` (a report's, a few kB), 7,000 of them for "said" in
# 10,000 reports, where FTS5's BM25 needs only its index
SEARCH_RANKED = 1_000
# `check`'s full-text search does not count the claims holding a word the planner estimates
# at more than this many times the postings it searches (the word is left out either way)
OVER_CAP = 1.25
_SNIPPET = "StartSel=[, StopSel=], MaxWords=12, MinWords=8, FragmentDelimiter=\" … \""


def is_postgres_url(db: str) -> bool:
    return db.startswith(URL_PREFIXES)


def redacted(url: str) -> str:
    """`url` without its password, for messages."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url)


class _Row(dict[str, Any]):
    """A row read by column name (as a dict) or by position, like `sqlite3.Row`."""

    def __init__(self, names: Sequence[str], values: Sequence[Any]) -> None:
        super().__init__(zip(names, values, strict=True))
        self._values = values

    def __getitem__(self, key: str | int) -> Any:  # type: ignore[override]
        return self._values[key] if isinstance(key, int) else super().__getitem__(key)

    def __iter__(self) -> Iterator[Any]:  # type: ignore[override]
        return iter(self._values)  # the values, as tuple(sqlite3.Row) gives


def _row_factory(cursor: Any) -> Any:
    names = [column.name for column in cursor.description or ()]
    return lambda values: _Row(names, values)


_LIKE_WORD = re.compile(r"(?<![A-Za-z_])LIKE(?![A-Za-z_])")


def _dialect(sql: str) -> str:
    # our SQL has no literal `?` or `%`: every value is a parameter. SQLite's LIKE ignores
    # (ASCII) case and PostgreSQL's does not, so every LIKE written for SQLite is an ILIKE here.
    sql = _LIKE_WORD.sub("ILIKE", sql)
    return sql.replace("%", "%%").replace("?", "%s")


class _Connection:
    """The part of `sqlite3.Connection` the SQLite store uses, over psycopg."""

    def __init__(self, url: str) -> None:
        import psycopg

        self._psycopg = psycopg
        self._conn = psycopg.connect(url, autocommit=True, row_factory=_row_factory)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self._conn.execute(_dialect(sql), tuple(params) or None)
        except self._psycopg.Error as err:
            raise StoreError(f"PostgreSQL: {str(err).strip()}") from err

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        rows = [tuple(row) for row in rows]
        cursor = self._conn.cursor()
        if not rows:
            return cursor
        try:
            cursor.executemany(_dialect(sql), rows)
        except self._psycopg.Error as err:
            raise StoreError(f"PostgreSQL: {str(err).strip()}") from err
        return cursor

    def script(self, sql: str) -> None:
        """Run several statements (a migration) as they are, no parameters."""
        try:
            self._conn.execute(sql.encode())  # bytes: psycopg sends it without parsing %
        except self._psycopg.Error as err:
            raise StoreError(f"PostgreSQL: {str(err).strip()}") from err

    def close(self) -> None:
        self._conn.close()


class PostgresStore(SQLiteStore):
    """The ledger in a PostgreSQL database. Use as a context manager, or call `close()`."""

    _BEGIN = "BEGIN"
    # the web app's full-text filters: every word (a quoted phrase as a phrase), as
    # PostgreSQL's web-search syntax reads a query
    _claims_match = "c.search @@ websearch_to_tsquery('simple', ?)"

    def _report_search(self, query: str) -> ReportSearch:
        quote_terms(query)  # the same refusal of a query with no word as SQLite's
        return ReportSearch(
            source="documents d CROSS JOIN (SELECT websearch_to_tsquery('simple', ?) AS q) w",
            match="d.search @@ w.q",
            params=[query],
            snippet=f"ts_headline('simple', d.text, w.q, "
            f"'StartSel={MATCH_START}, StopSel={MATCH_END}, MaxWords=16, MinWords=8')",
            order=" ORDER BY ts_rank(d.search, w.q) DESC, d.id",
        )

    def read_only(self) -> None:
        """Refuse every write on this connection from now on (the web app's default)."""
        self._conn.execute("SET default_transaction_read_only = on")

    def __init__(self, url: str) -> None:
        self.path = redacted(url)
        self._depth = 0
        try:
            import psycopg  # noqa: F401 - only to say what is missing
        except ImportError as err:
            raise StoreError(
                f"{self.path}: PostgreSQL needs psycopg: pip install 'corroborate[postgres]'"
            ) from err
        try:
            self._conn = _Connection(url)  # type: ignore[assignment]
        except Exception as err:  # psycopg.OperationalError: server, database, password
            raise StoreError(f"{self.path}: cannot connect ({str(err).strip()})") from err
        self._migrate()

    def _migrate(self) -> None:
        conn: _Connection = self._conn  # type: ignore[assignment]
        with self._transaction():
            # one migrating process at a time; the others wait, then find nothing to do
            conn.execute("SELECT pg_advisory_xact_lock(7116)")
            conn.script("CREATE TABLE IF NOT EXISTS corroborate_schema (version INTEGER)")
            version = self.schema_version
            if version > len(PG_MIGRATIONS):
                raise StoreError(
                    f"{self.path}: schema version {version} is newer than this Corroborate "
                    f"({len(PG_MIGRATIONS)}); upgrade Corroborate"
                )
            for number in range(version + 1, len(PG_MIGRATIONS) + 1):
                conn.script(PG_MIGRATIONS[number - 1])
            conn.execute("DELETE FROM corroborate_schema")
            conn.execute("INSERT INTO corroborate_schema (version) VALUES (?)",
                         (len(PG_MIGRATIONS),))

    @property
    def schema_version(self) -> int:
        row = self._conn.execute("SELECT max(version) FROM corroborate_schema").fetchone()
        return int(row[0] or 0)

    def _write_document(self, doc_id: int | None, values: dict[str, Any]) -> int:
        if doc_id is not None:
            return super()._write_document(doc_id, values)
        from corroborate.store.sqlite import _params

        row = self._conn.execute(
            f"{_INSERT['documents']} RETURNING id", _params(DOCUMENTS, values)
        ).fetchone()
        return int(row[0])

    def put_vector_index(
        self,
        index: VectorIndexRow | None,
        cells: list[VectorCellRow],
        assigned: list[tuple[int, int | None]],
        replace: bool,
    ) -> None:
        """As SQLite's, then the planner's statistics of the claim vectors renewed: they
        were taken while the vectors had no cell (a bulk load, a first index), so the
        planner would read the whole table for `new_claim_vectors`, on every `check`,
        instead of the partial index of the few without one."""
        super().put_vector_index(index, cells, assigned, replace)
        self._conn.execute("ANALYZE claim_vectors")

    def _entity_id(self, name: str, label: str) -> int:
        # look first: a PostgreSQL sequence advances even when ON CONFLICT skips the insert,
        # which would leave gaps that SQLite's ids do not have
        row = self._conn.execute(
            "SELECT id FROM entities WHERE name = ? AND type = ?", (name, label)
        ).fetchone()
        return int(row[0]) if row else super()._entity_id(name, label)

    def search(self, query: str, limit: int = 20, fts: bool = False) -> list[SearchHit]:
        """Full-text search over titles and clean texts, best match first: reports holding
        every word of `query` (each word as a phrase: "al-Nusra"), or, with `fts`, `query`
        in PostgreSQL's tsquery syntax (`&`, `|`, `!`, `<->`, `prefix:*`). Of more than
        `SEARCH_RANKED` reports matching, the ones stored last are ranked (by `ts_rank`);
        the snippets (`ts_headline`) are made for the reports listed only."""
        if fts:
            tsquery, params = "to_tsquery('simple', ?)", [query]
        else:
            quote_terms(query)  # the same refusal of an empty query as SQLite's
            params = query.split()
            tsquery = " && ".join("phraseto_tsquery('simple', ?)" for _ in params)
        try:
            rows = self._conn.execute(
                f"WITH q AS (SELECT {tsquery} AS q), hits AS (SELECT d.id FROM documents d, q "
                "WHERE d.search @@ q.q ORDER BY d.id DESC LIMIT ?) "
                "SELECT d.id, d.title, d.language, "
                f"ts_headline('simple', d.text, q.q, '{_SNIPPET}') AS snippet "
                "FROM hits JOIN documents d ON d.id = hits.id, q "
                "ORDER BY ts_rank(d.search, q.q) DESC, d.id LIMIT ?",
                (*params, SEARCH_RANKED, limit),
            ).fetchall()
        except StoreError as err:
            raise StoreError(f"bad search query {query!r} ({err})") from err
        return [SearchHit(**dict(row)) for row in rows]

    def search_claims(self, words: list[str], limit: int) -> list[int]:
        """Ids of the claims holding any of `words`, best match first. In a large ledger
        only the rarest words, as SQLite's store chooses them (`_uncommon`): `ts_rank` ranks
        every claim holding any word searched, thousands for a word like "said"."""
        words = self._uncommon(words)
        if not words:
            return []
        tsquery = " || ".join("phraseto_tsquery('simple', ?)" for _ in words)
        rows = self._conn.execute(
            f"WITH q AS (SELECT {tsquery} AS q) SELECT c.id FROM claims c, q "
            "WHERE c.search @@ q.q ORDER BY ts_rank(c.search, q.q) DESC, c.id LIMIT ?",
            (*words, limit),
        )
        return [int(row[0]) for row in rows]

    def search_claims_all(self, groups: list[list[str]], limit: int) -> list[int]:
        """Ids of the claims holding a word of every group (a word ending in "*" is a
        prefix), best `ts_rank` first (`corroborate.link.frames.search_terms`); in a ledger of
        `COMMON_FLOOR` claims or more the newest first, as SQLite's store does."""
        terms = [[t for t in map(_ts_term, group) if t] for group in groups]
        if not terms or not all(terms):
            return []
        query = " & ".join("(" + " | ".join(group) + ")" for group in terms)
        order = "c.id DESC" if self._large() else "ts_rank(c.search, q.q) DESC, c.id"
        rows = self._conn.execute(
            "WITH q AS (SELECT to_tsquery('simple', ?) AS q) SELECT c.id FROM claims c, q "
            f"WHERE c.search @@ q.q ORDER BY {order} LIMIT ?",
            (query, limit),
        )
        return [int(row[0]) for row in rows]

    def _claims_holding(self, word: str) -> int:
        """How many claims hold `word`, counted only up to `FTS_POSTINGS` + 1 (`_rarest`
        needs no more) and not at all where the planner's statistics put it well over
        that: PostgreSQL has no table of word counts like FTS5's vocabulary, and counting
        reads every claim holding the word from the table (20,000 for "said": 50-130 ms
        here)."""
        from corroborate.store import sqlite

        estimated = self._claims_estimated(word)
        if estimated is not None and estimated > OVER_CAP * sqlite.FTS_POSTINGS:
            return sqlite.FTS_POSTINGS + 1
        row = self._conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM claims "
            "WHERE search @@ phraseto_tsquery('simple', ?) LIMIT ?) AS held",
            (word, sqlite.FTS_POSTINGS + 1)).fetchone()
        return int(row[0])

    def _claims_estimated(self, word: str) -> float | None:
        """The planner's estimate of the claims holding `word`, from the statistics ANALYZE
        (or autovacuum) keeps of the commonest words: under 1 ms, and within a few per cent
        for the words that matter here. None where no statistics of the words were taken
        (the estimate would be a default fraction)."""
        taken = self._conn.execute(
            "SELECT 1 FROM pg_stats WHERE schemaname = current_schema() AND "
            "tablename = 'claims' AND attname = 'search' AND most_common_elems IS NOT NULL"
        ).fetchone()
        if taken is None:
            return None
        plan = self._conn.execute(
            "EXPLAIN (FORMAT JSON) SELECT 1 FROM claims "
            "WHERE search @@ phraseto_tsquery('simple', ?)", (word,)).fetchone()[0]
        return float(plan[0]["Plan"]["Plan Rows"])

    def _rarest(self, words: list[str], counts: dict[str, int]) -> list[str]:
        """As SQLite's; when every word is over the cap (counts alike), the planner's
        estimates decide which is the rarest (an exact count of a common word reads every
        claim holding it: 250,000 for "said" in 1.5 million claims), or, with no
        statistics taken, the exact counts."""
        from corroborate.store import sqlite

        if min(counts.values()) > sqlite.FTS_POSTINGS:
            counts = {word: self._rank_of(word) for word in counts}
        return super()._rarest(words, counts)

    def _rank_of(self, word: str) -> int:
        """The claims holding `word`, estimated where statistics were taken, else counted."""
        estimated = self._claims_estimated(word)
        if estimated is not None:
            return round(estimated)
        row = self._conn.execute(
            "SELECT count(*) FROM claims WHERE search @@ phraseto_tsquery('simple', ?)",
            (word,)).fetchone()
        return int(row[0])


def _ts_term(word: str) -> str:
    """A tsquery term of a lexicon word: its letters only, ":*" for a prefix ("fight*")."""
    bare = "".join(c for c in word.lower() if c.isalpha())
    return (bare + (":*" if word.endswith("*") else "")) if bare else ""
