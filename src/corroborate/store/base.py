"""What every store offers. The CLI, exports and (later) the web app use only this."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager
from enum import StrEnum
from typing import Protocol

from corroborate.errors import StoreError
from corroborate.model import Report
from corroborate.store.tables import (
    ActorRow,
    ClaimRow,
    DocumentRow,
    EntityRow,
    EvidenceRow,
    LedgerStats,
    MentionRow,
    PlaceRow,
    PropositionRow,
    SearchHit,
)


class PutOutcome(StrEnum):
    STORED = "stored"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"


_LEADING_ARTICLE = re.compile(r"^(the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")


def entity_name(mention: str) -> str:
    """The name an entity is filed under: whitespace collapsed, no leading "the", no
    possessive ("the Kremlin's" and "Kremlin" are one entity)."""
    name = " ".join(mention.split())
    name = _POSSESSIVE.sub("", _LEADING_ARTICLE.sub("", name))
    return name.strip() or mention.strip()


def quote_terms(query: str) -> str:
    """`query`'s words as quoted FTS5 strings, all required: a user's "al-Nusra" or "don't"
    is looked up as written instead of read as FTS5 operators (a hyphen is NOT, a quote
    opens a phrase). Raises StoreError for a query with no words."""
    terms = query.split()
    if not terms:
        raise StoreError("empty search query")
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


class Store(Protocol):
    def is_current(self, key: str, content_hash: str, pipeline: str) -> bool: ...
    def put(self, key: str, report: Report, pipeline: str) -> PutOutcome: ...
    def documents(self) -> Iterator[DocumentRow]: ...
    def document(self, doc_id: int) -> DocumentRow | None: ...
    def claims(
        self,
        doc_id: int | None = None,
        source: str | None = None,
        certainty: str | None = None,
        place: str | None = None,
        actor: str | None = None,
    ) -> Iterator[ClaimRow]: ...
    # places and actors (corroborate.geo, corroborate.actors)
    def places(self, limit: int | None = None, offset: int = 0) -> list[PlaceRow]: ...
    def place_claims(self, geonames_id: int) -> list[ClaimRow]: ...
    def actors(self) -> Iterator[ActorRow]: ...
    def entities(self) -> Iterator[EntityRow]: ...
    def mentions(self, doc_id: int) -> list[MentionRow]: ...
    def search(self, query: str, limit: int = 20, fts: bool = False) -> list[SearchHit]: ...
    def stats(self) -> LedgerStats: ...
    def close(self) -> None: ...
    def atomic(self) -> AbstractContextManager[None]: ...
    # copies (corroborate.link.copies)
    def unsigned_documents(self) -> list[tuple[int, str]]: ...
    def put_signatures(self, signed: list[tuple[int, bytes, list[tuple[int, int]]]]) -> None: ...
    def copy_candidates(self, doc_id: int) -> dict[int, bytes]: ...
    def copy_group(self, doc_id: int) -> list[int]: ...
    def copy_order(self, doc_ids: list[int]) -> dict[int, tuple[str | None, str]]: ...
    def set_copies(self, copy_of: Mapping[int, int | None]) -> None: ...
    # propositions (corroborate.link.propositions) and `check`
    def evidence(
        self, claim_ids: list[int] | None = None, proposition_id: int | None = None
    ) -> list[EvidenceRow]: ...
    def claim_vectors(self) -> dict[int, bytes]: ...
    def put_claim_vectors(self, vectors: list[tuple[int, bytes]]) -> None: ...
    def replace_propositions(
        self,
        groups: list[tuple[int, str, int, list[tuple[int, str]]]],
        keys: list[tuple[str, int]],
        next_id: int,
    ) -> None: ...
    def proposition_keys(self) -> dict[str, int]: ...
    def next_proposition_id(self) -> int: ...
    def propositions(self) -> list[PropositionRow]: ...
    def proposition(self, proposition_id: int) -> PropositionRow | None: ...
    def search_claims(self, words: list[str], limit: int) -> list[int]: ...
