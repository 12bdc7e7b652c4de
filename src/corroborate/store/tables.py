"""The ledger's tables, declared once: the rows the store returns and what each table keeps.

Everything else is derived from these declarations: the store's INSERTs and SELECTs, the
export columns and their order, and the checks that the migrations (the append-only SQL
history in `migrations.py`) and the README's export schema say the same.

A row's fields are in export order. Export columns are added at the end; existing ones
never change meaning.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from corroborate.model import Certainty


@dataclass(frozen=True)
class NoiseRow:
    """A line the cleaner removed from a document, kept for audit."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class DocumentRow:
    id: int
    key: str  # identity across re-ingests: url, file#row or stdin hash
    path: str
    row: int | None
    format: str
    url: str | None
    outlet: str | None
    outlet_source: str | None
    title: str | None
    title_source: str | None
    byline: str | None
    published: str | None
    published_source: str | None
    language: str | None
    claims_status: str
    content_hash: str
    text: str
    raw: str
    pipeline: str
    ingested_at: str
    noise: tuple[NoiseRow, ...]  # from the noise table, in line order
    copy_of: int | None = None  # the earliest report of its copy group; None for an original
    dateline_place: str | None = None  # a wire dateline's place as written ("BEIRUT")
    dateline_date: str | None = None  # its date, ISO, when it gives a full one
    dateline_agency: str | None = None  # its agency ("Reuters")


@dataclass(frozen=True)
class ClaimRow:
    id: int
    doc_id: int
    start: int
    end: int
    text: str
    source: str | None
    chain: tuple[str, ...]  # stored as a JSON array
    cue: str | None
    certainty: Certainty
    hedges: tuple[str, ...]  # stored as a JSON array
    source_start: int | None
    source_end: int | None
    cue_start: int | None
    cue_end: int | None
    content_start: int | None
    content_end: int | None
    attributed_by: str | None
    certainty_score: float | None = None  # confidence in `certainty`, 0..1
    certainty_by: str | None = None  # "model" or "rules"
    source_as_written: str | None = None  # differs from source where a pronoun was resolved


@dataclass(frozen=True)
class SignatureRow:
    """A document's MinHash signature (corroborate.link.copies)."""

    minhash: bytes


@dataclass(frozen=True)
class BandRow:
    """One LSH band of a document's signature: documents sharing a band are copy candidates."""

    band: int
    hash: int


@dataclass(frozen=True)
class PropositionRow:
    """Claims from different reports that state the same thing (corroborate.link)."""

    id: int
    label: str  # the most central claim's content, trimmed
    claim_id: int  # that claim


@dataclass(frozen=True)
class PropositionClaimRow:
    """A claim's membership of its proposition and its stance toward it."""

    claim_id: int
    proposition_id: int
    stance: str  # supports, refutes or discusses


@dataclass(frozen=True)
class PropositionKeyRow:
    """Which proposition a claim belonged to at the last linking, by a key that survives
    re-ingest (report key, claim offset, text hash): new groups keep the ids of old ones."""

    claim_key: str
    proposition_id: int


@dataclass(frozen=True)
class PropositionCounterRow:
    """The next unused proposition id (ids are never reused)."""

    next_id: int


@dataclass(frozen=True)
class ClaimVectorRow:
    """A claim content's sentence vector (float16 bytes), cached between ingest runs."""

    claim_id: int
    vector: bytes
    cell: int | None = None  # its cell of `check`'s index (corroborate.link.index)


@dataclass(frozen=True)
class VectorCellRow:
    """One cell of `check`'s index, read at once: its distinct vectors (float16, end to
    end; copies of a claim share one), how many claims have each (int64), and the claims'
    ids (int64) in that order, ascending within each vector's run."""

    cell: int
    claim_ids: bytes
    vectors: bytes
    counts: bytes


@dataclass(frozen=True)
class VectorIndexRow:
    """`check`'s inverted-file index over the claim vectors (corroborate.link.index): the
    cells' centroids (float32) and sizes (int64), the sum of the indexed vectors (float64)
    and the document frequencies of the words of `check`'s IDF sample (JSON)."""

    vectors: int
    cells: int
    centroids: bytes
    sizes: bytes
    total: bytes
    frequencies: str


@dataclass(frozen=True)
class EvidenceRow:
    """A claim with what judging it needs: its report, proposition and stance."""

    claim_id: int
    doc_id: int
    text: str
    content: str  # the reported content (the claim's text where no content span is set)
    source: str | None
    chain: tuple[str, ...]
    cue: str | None
    certainty: Certainty
    hedges: tuple[str, ...]
    start: int
    outlet: str | None
    published: str | None
    copy_of: int | None
    proposition_id: int | None
    stance: str | None
    doc_key: str = ""  # the report's key (its file), stable across re-ingest


@dataclass(frozen=True)
class EntityRow:
    id: int
    name: str
    type: str
    mentions: int  # counted over the mentions table
    documents: int  # counted over the mentions table
    actor: str | None = None  # the canonical actor most of its mentions are linked to


@dataclass(frozen=True)
class MentionRow:
    start: int
    end: int
    text: str
    type: str  # of the entity
    name: str  # of the entity
    entity_id: int


@dataclass(frozen=True)
class PlaceRow:
    """A place the reports name, with how they spell it and where (`corroborate.geo`).
    `spellings` and `documents` are lists (the web UI's contract), counted over mentions."""

    geonames_id: int  # negative: the curated supplement, not GeoNames
    name: str
    country: str
    admin1: str | None
    feature_type: str  # GeoNames feature code
    precision: str  # point, city, region or country
    latitude: float
    longitude: float
    spellings: list[str]  # as written in the reports
    documents: list[int]  # ids
    claims: int  # claims whose span holds a mention of it


@dataclass(frozen=True)
class PlaceMentionRow:
    geonames_id: int | None  # None: unresolved, see reason
    start: int
    end: int
    text: str
    reason: str | None


@dataclass(frozen=True)
class ActorRow:
    """A canonical actor: one person, organisation or government across reports."""

    id: int
    key: str  # the folded canonical name
    name: str
    type: str  # PER or ORG
    aliases: list[str]  # every spelling written in the reports
    roles: list[str]  # titles and role phrases written with it
    mentions: int
    documents: int


@dataclass(frozen=True)
class ActorMentionRow:
    actor_id: int
    start: int
    end: int
    text: str
    role: str | None


@dataclass(frozen=True)
class SearchHit:
    id: int
    title: str | None
    language: str | None
    snippet: str


@dataclass(frozen=True)
class SourceCount:
    source: str
    claims: int


@dataclass(frozen=True)
class LedgerStats:
    documents: int
    claims: int
    noise_lines: int
    by_certainty: Mapping[str, int]
    by_language: Mapping[str, int]
    top_sources: tuple[SourceCount, ...]

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values, as `corroborate stats --json` prints them."""
        return to_json(self)


@dataclass(frozen=True)
class Table:
    """One SQL table and the row type that reads it.

    `columns` are the table's columns: `owner` (the parent row's id, which the row does not
    carry) then every row field except those in `derived` (read through a join or a count,
    not stored here). `exported` are the row fields an export writes, in order: all but
    `private` (kept for provenance and re-processing, not part of the export schema).
    `computed` are columns that cross-report linking writes after the report is stored, so
    storing a report never writes them.
    """

    name: str
    row: type[Any]
    owner: tuple[str, ...] = ()
    derived: tuple[str, ...] = ()
    private: tuple[str, ...] = ()
    computed: tuple[str, ...] = ()

    # cached: a report's rows read them once per row written (about 3% of ingest's time)
    @functools.cached_property
    def fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(self.row))

    @functools.cached_property
    def columns(self) -> tuple[str, ...]:
        return self.owner + tuple(f for f in self.fields if f not in self.derived)

    @functools.cached_property
    def written(self) -> tuple[str, ...]:
        """The columns a report's write gives values for: all but `id`, which the database
        assigns, and the `computed` ones."""
        return tuple(c for c in self.columns if c != "id" and c not in self.computed)

    @functools.cached_property
    def exported(self) -> tuple[str, ...]:
        return tuple(f for f in self.fields if f not in self.private)


DOCUMENTS = Table(
    "documents",
    DocumentRow,
    derived=("noise",),
    private=("key", "raw", "pipeline", "ingested_at"),
    computed=("copy_of",),
)
NOISE = Table("noise", NoiseRow, owner=("doc_id",))
CLAIMS = Table("claims", ClaimRow)
ENTITIES = Table("entities", EntityRow, derived=("mentions", "documents", "actor"))
MENTIONS = Table("mentions", MentionRow, owner=("doc_id",), derived=("type", "name"))
SIGNATURES = Table("signatures", SignatureRow, owner=("doc_id",))
BANDS = Table("bands", BandRow, owner=("doc_id",))
PROPOSITIONS = Table("propositions", PropositionRow)
PROPOSITION_CLAIMS = Table("proposition_claims", PropositionClaimRow)
CLAIM_VECTORS = Table("claim_vectors", ClaimVectorRow, computed=("cell",))
VECTOR_INDEX = Table("vector_index", VectorIndexRow)
VECTOR_CELLS = Table("vector_cells", VectorCellRow)
PROPOSITION_KEYS = Table("proposition_keys", PropositionKeyRow)
PROPOSITION_COUNTER = Table("proposition_counter", PropositionCounterRow)
PLACES = Table("places", PlaceRow, derived=("spellings", "documents", "claims"))
PLACE_MENTIONS = Table("place_mentions", PlaceMentionRow, owner=("doc_id",))
ACTORS = Table("actors", ActorRow, derived=("aliases", "roles", "mentions", "documents"),
               private=("key",))
ACTOR_MENTIONS = Table("actor_mentions", ActorMentionRow, owner=("doc_id",))
TABLES: tuple[Table, ...] = (
    DOCUMENTS,
    NOISE,
    CLAIMS,
    ENTITIES,
    MENTIONS,
    SIGNATURES,
    BANDS,
    PROPOSITIONS,
    PROPOSITION_CLAIMS,
    CLAIM_VECTORS,
    VECTOR_INDEX,
    VECTOR_CELLS,
    PROPOSITION_KEYS,
    PROPOSITION_COUNTER,
    PLACES,
    PLACE_MENTIONS,
    ACTORS,
    ACTOR_MENTIONS,
)


def to_json(row: Any, table: Table | None = None) -> dict[str, Any]:
    """A row as plain JSON values: tuples become lists, nested rows objects. With `table`,
    only its exported fields, in order."""
    names = table.exported if table else tuple(f.name for f in dataclasses.fields(row))
    return {name: _plain(getattr(row, name)) for name in names}


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_json(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    return value
