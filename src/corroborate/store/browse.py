"""Paged, filtered reading of the ledger for the web app and its JSON API.

Every list the app shows goes through one of these queries, so a ledger of any size is read
a page at a time: `LIMIT`/`OFFSET` plus a `count(*)` with the same filters. Filters are
bound parameters, never pasted into SQL; text filters match case-insensitively anywhere
(`LIKE` with escaping). `SQLiteBrowse` is mixed into `SQLiteStore`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from corroborate.errors import StoreError
from corroborate.store.base import quote_terms
from corroborate.store.tables import ClaimRow, EntityRow, EvidenceRow

T = TypeVar("T")
# Around the matched words of a snippet: control characters, which clean text does not hold,
# so the page can mark them without mistaking a bracket of the text for one.
MATCH_START, MATCH_END = "\x02", "\x03"
# Entity types the parse gives to places (spaCy's GPE/LOC/FAC); a place filter matches
# these mentions as well as geocoded places (see `_geocoded`).
PLACE_TYPES = ("GPE", "LOC", "FAC")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int  # rows matching the filters, over all pages
    limit: int
    offset: int

    @property
    def has_next(self) -> bool:
        return self.offset + len(self.items) < self.total


@dataclass(frozen=True)
class ReportFilter:
    query: str | None = None  # words, all required, as written (FTS5, quoted)
    outlet: str | None = None  # exact outlet name
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None  # ISO date, inclusive
    actor: str | None = None  # an entity name (any type) mentioned in the report / claim
    place: str | None = None  # a place name mentioned in the report / claim
    entity_id: int | None = None


@dataclass(frozen=True)
class ClaimFilter(ReportFilter):
    certainty: str | None = None
    source: str | None = None  # anywhere in the source or the chain
    doc_id: int | None = None
    proposition_id: int | None = None


@dataclass(frozen=True)
class ReportHit:
    id: int
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None
    claims: int
    copy_of: int | None
    snippet: str | None = None  # matched words between MATCH_START and MATCH_END, when searched


@dataclass(frozen=True)
class OutletRow:
    name: str
    reports: int
    claims: int
    first: str | None
    last: str | None
    by_certainty: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class PropositionHit:
    id: int
    label: str
    claims: int
    reports: int


def like_pattern(text: str) -> str:
    """`text` anywhere, for `LIKE ? ESCAPE '\\'`: its own %, _ and \\ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_MENTIONED = (
    "EXISTS (SELECT 1 FROM mentions m JOIN entities e ON e.id = m.entity_id "
    "WHERE m.doc_id = {doc}{inside} AND {test})"
)
_INSIDE_CLAIM = " AND m.start >= c.start AND m.end <= c.end"
# A report's mentions: the matching reports found once (not a lookup per report, which
# SQLite may run through the entity index: 10,000 reports x 12,000 mentions of one place).
_IN_REPORT = (
    "{doc} IN (SELECT m.doc_id FROM mentions m JOIN entities e ON e.id = m.entity_id "
    "WHERE {test})"
)


def _mentioned(doc_id: str, inside: str, test: str) -> str:
    """The clause: a mention passing `test` in the report (or, with `inside`, in the claim)."""
    if not inside:
        return _IN_REPORT.format(doc=doc_id, test=test)
    # `+` keeps SQLite on the mentions-of-this-report index, not the entity index
    return _MENTIONED.format(doc=doc_id, inside=inside, test=test.replace("m.entity_id",
                                                                         "+m.entity_id"))


# A place filter matches geocoded place mentions by any stored spelling of the place (issue
# 15's tables), or, for names the gazetteer did not resolve, the parse's place entities.
_PLACES_NAMED = (
    "SELECT geonames_id FROM places WHERE lower(name) = lower(?) UNION "
    "SELECT geonames_id FROM place_mentions WHERE lower(text) = lower(?)"
)


def _geocoded(doc_id: str, inside: str) -> str:
    """The clause: a geocoded mention of the named place in the report (or the claim)."""
    if not inside:
        return (f"{doc_id} IN (SELECT x.doc_id FROM place_mentions x "
                f"WHERE x.geonames_id IN ({_PLACES_NAMED}))")
    return (f"EXISTS (SELECT 1 FROM place_mentions x WHERE x.doc_id = {doc_id} "
            f"AND x.start >= c.start AND x.\"end\" <= c.\"end\" "
            f"AND x.geonames_id IN ({_PLACES_NAMED}))")


def _mention_test(name: str | None, place: bool) -> tuple[str, list[Any]]:
    test, params = "e.name LIKE ? ESCAPE '\\'", [like_pattern(name or "")]
    if place:
        test += f" AND e.type IN ({', '.join('?' for _ in PLACE_TYPES)})"
        params += list(PLACE_TYPES)
    return test, params


def _report_where(
    f: ReportFilter, doc: str, inside: str, actor_source: str | None = None,
    doc_id: str | None = None,
) -> tuple[list[str], list[Any]]:
    """WHERE clauses over a documents alias `doc` (and, with `inside`, a claim `c`); with
    `actor_source`, the actor filter also matches that column (a claim's source)."""
    where: list[str] = []
    params: list[Any] = []
    doc_id = doc_id or f"{doc}.id"
    if f.outlet:
        where.append(f"{doc}.outlet = ?")
        params.append(f.outlet)
    if f.date_from:
        where.append(f"substr({doc}.published, 1, 10) >= ?")
        params.append(f.date_from)
    if f.date_to:
        where.append(f"substr({doc}.published, 1, 10) <= ?")
        params.append(f.date_to)
    if f.actor:
        test, extra = _mention_test(f.actor, place=False)
        clause = _mentioned(doc_id, inside, test)
        if actor_source:
            clause = f"({clause} OR {actor_source} LIKE ? ESCAPE '\\')"
            extra.append(like_pattern(f.actor))
        where.append(clause)
        params += extra
    if f.place:
        test, extra = _mention_test(f.place, place=True)
        where.append(f"({_geocoded(doc_id, inside)} OR {_mentioned(doc_id, inside, test)})")
        params += [f.place, f.place, *extra]
    if f.entity_id is not None:
        where.append(_mentioned(doc_id, inside, "m.entity_id = ?"))
        params.append(f.entity_id)
    return where, params


# Full-text matching of claims: FTS5 here; the PostgreSQL store gives its tsvector test.
SQLITE_CLAIMS_MATCH = "c.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)"


def _claim_where(
    f: ClaimFilter, text_match: str = SQLITE_CLAIMS_MATCH
) -> tuple[list[str], list[Any]]:
    # a mention test waits for the report's own filters when they are there (cheaper
    # first); without them it needs no join with the reports
    dated = f.outlet or f.date_from or f.date_to
    where, params = _report_where(f, "d", _INSIDE_CLAIM, actor_source="c.source",
                                  doc_id="d.id" if dated else "c.doc_id")
    if f.query:
        where.append(text_match)
        terms = quote_terms(f.query)  # refuses a query with no word, on either backend
        params.append(terms if text_match == SQLITE_CLAIMS_MATCH else f.query)
    if f.certainty:
        where.append("c.certainty = ?")
        params.append(f.certainty)
    if f.source:
        where.append("(c.source LIKE ? ESCAPE '\\' OR c.chain LIKE ? ESCAPE '\\')")
        params += [like_pattern(f.source), like_pattern(f.source)]
    if f.doc_id is not None:
        where.append("c.doc_id = ?")
        params.append(f.doc_id)
    if f.proposition_id is not None:
        where.append("pc.proposition_id = ?")
        params.append(f.proposition_id)
    return where, params


def _joined(where: list[str]) -> str:
    return " WHERE " + " AND ".join(where) if where else ""


@dataclass(frozen=True)
class ReportSearch:
    """The pieces of a full-text search over reports, as a backend writes them."""

    source: str  # FROM
    match: str  # WHERE clause
    params: list[Any]  # the `?` of `source` then of `match`, in that order
    snippet: str  # select expression, no parameter
    order: str  # no parameter


_REPORT_COLUMNS = "d.id, d.title, d.outlet, d.published, d.language, d.copy_of"


class SQLiteBrowse:
    """Paged queries over a SQLite ledger (mixed into `SQLiteStore`, which owns `_conn`)."""

    _conn: sqlite3.Connection
    _claims_match = SQLITE_CLAIMS_MATCH

    def read_only(self) -> None:
        """Refuse every write on this connection from now on (the web app's default)."""
        self._conn.execute("PRAGMA query_only = ON")

    def _rows(self, query: str, params: list[Any]) -> list[sqlite3.Row]:
        try:
            return self._conn.execute(query, params).fetchall()
        except sqlite3.OperationalError as err:  # an FTS5 query it cannot parse
            raise StoreError(f"bad search query ({err})") from err

    def _count(self, query: str, params: list[Any]) -> int:
        return int(self._rows(f"SELECT count(*) FROM ({query}) AS counted", params)[0][0])

    def report_page(self, f: ReportFilter, limit: int, offset: int) -> Page[ReportHit]:
        """Reports matching `f`: best match first when searched, else newest first."""
        where, params = _report_where(f, "d", "")
        if f.query:
            search = self._report_search(f.query)
            source, snippet, order = search.source, search.snippet, search.order
            where.insert(0, search.match)
            params[:0] = search.params
        else:
            source, snippet = "documents d", "NULL"
            order = " ORDER BY d.published DESC, d.id DESC"  # the published index, no sort
        found = f"FROM {source}{_joined(where)}"
        rows = self._rows(
            f"SELECT {_REPORT_COLUMNS}, {snippet} AS snippet {found}{order} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        counts = self._claim_counts([int(row["id"]) for row in rows])
        items = [ReportHit(**dict(row), claims=counts.get(row["id"], 0)) for row in rows]
        return Page(items, self._total(found, params), limit, offset)

    def _report_search(self, query: str) -> ReportSearch:
        """How to search reports' full text: FTS5 here."""
        return ReportSearch(
            source="documents_fts JOIN documents d ON d.id = documents_fts.rowid",
            match="documents_fts MATCH ?",
            params=[quote_terms(query)],
            snippet=f"snippet(documents_fts, 1, '{MATCH_START}', '{MATCH_END}', ' … ', 16)",
            order=" ORDER BY rank, d.id",
        )

    def _claim_counts(self, doc_ids: list[int]) -> dict[int, int]:
        """Claims per report, for one page of reports."""
        if not doc_ids:
            return {}
        marks = ", ".join("?" for _ in doc_ids)
        rows = self._conn.execute(
            f"SELECT doc_id, count(*) FROM claims WHERE doc_id IN ({marks}) GROUP BY doc_id",
            doc_ids,
        )
        return {int(row[0]): int(row[1]) for row in rows}

    def _total(self, found: str, params: list[Any]) -> int:
        return int(self._rows(f"SELECT count(*) {found}", params)[0][0])

    def claim_page(self, f: ClaimFilter, limit: int, offset: int) -> Page[EvidenceRow]:
        """Claims matching `f` with their report's outlet and date, the most recently
        stored first (the claims' own order, so a page needs no sort of every match)."""
        from corroborate.store.sqlite import _SELECT_EVIDENCE, _evidence_row

        where, params = _claim_where(f, self._claims_match)
        rows = self._rows(f"{_SELECT_EVIDENCE}{_joined(where)} ORDER BY c.id DESC "
                          "LIMIT ? OFFSET ?", [*params, limit, offset])
        joins = ""
        if f.outlet or f.date_from or f.date_to:
            joins += " JOIN documents d ON d.id = c.doc_id"
        if f.proposition_id is not None:
            joins += " LEFT JOIN proposition_claims pc ON pc.claim_id = c.id"
        found = f"FROM claims c{joins}{_joined(where)}"
        return Page([_evidence_row(r) for r in rows], self._total(found, params), limit, offset)

    def ledger_counts(self) -> tuple[int, dict[str, int]]:
        """(reports, claims by certainty): cheap counts for a page header."""
        reports = int(self._conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        rows = self._conn.execute("SELECT certainty, count(*) FROM claims GROUP BY certainty")
        return reports, {str(row[0]): int(row[1]) for row in rows}

    def outlet_names(self, limit: int) -> list[str]:
        rows = self._conn.execute(
            "SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL ORDER BY outlet "
            "LIMIT ?", (limit,))
        return [str(row[0]) for row in rows]

    def claim(self, claim_id: int) -> ClaimRow | None:
        from corroborate.store.sqlite import _SELECT_CLAIMS, _claim_row

        row = self._conn.execute(f"{_SELECT_CLAIMS} WHERE c.id = ?", (claim_id,)).fetchone()
        return _claim_row(row) if row else None

    def outlet_page(self, limit: int, offset: int) -> Page[OutletRow]:
        """Outlets by number of reports, most first."""
        query = (
            "SELECT d.outlet AS name, count(*) AS reports, "
            "sum((SELECT count(*) FROM claims k WHERE k.doc_id = d.id)) AS claims, "
            "min(d.published) AS first, max(d.published) AS last "
            "FROM documents d WHERE d.outlet IS NOT NULL GROUP BY d.outlet"
        )
        rows = self._rows(f"{query} ORDER BY reports DESC, name LIMIT ? OFFSET ?",
                          [limit, offset])
        items = [OutletRow(**dict(row)) for row in rows]
        return Page(items, self._count(query, []), limit, offset)

    def outlet(self, name: str) -> OutletRow | None:
        row = self._conn.execute(
            "SELECT d.outlet AS name, count(*) AS reports, min(d.published) AS first, "
            "max(d.published) AS last FROM documents d WHERE d.outlet = ? GROUP BY d.outlet",
            (name,),
        ).fetchone()
        if row is None:
            return None
        counts = dict(self._conn.execute(
            "SELECT c.certainty, count(*) FROM claims c JOIN documents d ON d.id = c.doc_id "
            "WHERE d.outlet = ? GROUP BY 1", (name,)
        ).fetchall())
        return OutletRow(**dict(row), claims=sum(counts.values()), by_certainty=counts)

    def entity_page(
        self, limit: int, offset: int, name: str | None = None, type: str | None = None
    ) -> Page[EntityRow]:
        """Entities with mentions, most mentioned first; `name` matches anywhere."""
        where, params = [], []
        if name:
            where.append("e.name LIKE ? ESCAPE '\\'")
            params.append(like_pattern(name))
        if type:
            where.append("e.type = ?")
            params.append(type)
        query = (
            "SELECT e.id, e.name, e.type, count(*) AS mentions, "
            "count(DISTINCT m.doc_id) AS documents "
            f"FROM entities e JOIN mentions m ON m.entity_id = e.id{_joined(where)} GROUP BY e.id"
        )
        rows = self._rows(f"{query} ORDER BY mentions DESC, e.name, e.type LIMIT ? OFFSET ?",
                          [*params, limit, offset])
        return Page([EntityRow(**dict(r)) for r in rows], self._count(query, params),
                    limit, offset)

    def entity(self, entity_id: int) -> EntityRow | None:
        page = self._rows(
            "SELECT e.id, e.name, e.type, count(m.entity_id) AS mentions, "
            "count(DISTINCT m.doc_id) AS documents FROM entities e "
            "LEFT JOIN mentions m ON m.entity_id = e.id WHERE e.id = ? GROUP BY e.id",
            [entity_id],
        )
        return EntityRow(**dict(page[0])) if page else None

    def entity_types(self) -> list[str]:
        return [str(r[0]) for r in self._conn.execute("SELECT DISTINCT type FROM entities "
                                                      "ORDER BY 1")]

    def proposition_page(self, limit: int, offset: int) -> Page[PropositionHit]:
        """Propositions with the most claims first (grouping keeps one claim per report
        unless near-identical, so nearly the most reports first); ties by id."""
        rows = self._rows(
            "SELECT pc.proposition_id AS id, count(*) AS claims FROM proposition_claims pc "
            "GROUP BY pc.proposition_id ORDER BY claims DESC, id LIMIT ? OFFSET ?",
            [limit, offset],
        )
        ids = [int(row["id"]) for row in rows]
        marks = ", ".join("?" for _ in ids)
        details = {
            int(row[0]): (str(row[1]), int(row[2]))
            for row in self._conn.execute(
                "SELECT p.id, p.label, count(DISTINCT c.doc_id) FROM propositions p "
                "JOIN proposition_claims pc ON pc.proposition_id = p.id "
                f"JOIN claims c ON c.id = pc.claim_id WHERE p.id IN ({marks}) GROUP BY p.id",
                ids,
            )
        } if ids else {}
        items = [PropositionHit(i, details[i][0], int(row["claims"]), details[i][1])
                 for i, row in zip(ids, rows, strict=True)]
        total = int(self._conn.execute("SELECT count(*) FROM propositions").fetchone()[0])
        return Page(items, total, limit, offset)
