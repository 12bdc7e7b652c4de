"""Linking across reports: syndicated copies, and stance of a report body towards a claim."""

from __future__ import annotations

from corroborate.store import Store


def link_ledger(store: Store) -> None:
    """Bring the cross-report links up to date after an ingest run: copy groups for the
    reports not yet signed."""
    from corroborate.link.copies import link_copies  # datasketch loads only when linking

    link_copies(store)
