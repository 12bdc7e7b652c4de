"""What every store offers. The CLI, exports and (later) the web app use only this."""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import StrEnum
from typing import Any, Protocol

from corroborate.model import Report


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


class Store(Protocol):
    def is_current(self, key: str, content_hash: str, pipeline: str) -> bool: ...
    def put(self, key: str, report: Report, pipeline: str) -> PutOutcome: ...
    def documents(self) -> Iterator[dict[str, Any]]: ...
    def document(self, doc_id: int) -> dict[str, Any] | None: ...
    def claims(
        self, doc_id: int | None = None, source: str | None = None, certainty: str | None = None
    ) -> Iterator[dict[str, Any]]: ...
    def entities(self) -> Iterator[dict[str, Any]]: ...
    def mentions(self, doc_id: int) -> list[dict[str, Any]]: ...
    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]: ...
    def stats(self) -> dict[str, Any]: ...
    def close(self) -> None: ...
