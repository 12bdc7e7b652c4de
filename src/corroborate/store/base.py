"""What every store offers. The CLI, exports and (later) the web app use only this."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Any, Protocol

from corroborate.model import Report


class PutOutcome(StrEnum):
    STORED = "stored"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"


class Store(Protocol):
    def is_current(self, key: str, content_hash: str, pipeline: str) -> bool: ...
    def put(self, key: str, report: Report, pipeline: str) -> PutOutcome: ...
    def documents(self) -> Iterator[dict[str, Any]]: ...
    def document(self, doc_id: int) -> dict[str, Any] | None: ...
    def claims(
        self, doc_id: int | None = None, source: str | None = None, certainty: str | None = None
    ) -> Iterator[dict[str, Any]]: ...
    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]: ...
    def stats(self) -> dict[str, Any]: ...
    def close(self) -> None: ...
