"""Linking across reports: syndicated copies, propositions and their independent sources,
checking a sentence against the ledger, and stance of a report body towards a claim."""

from __future__ import annotations

from corroborate.store import Store


def link_ledger(store: Store, full: bool = False) -> None:
    """Bring the cross-report links up to date after an ingest run: copy groups for the
    reports not yet signed, then the propositions (the new claims grouped against the
    stored propositions in a large ledger; `full`: the whole ledger regrouped, see
    `corroborate.link.propositions.link_propositions`), then `check`'s index over the claim
    vectors."""
    # datasketch, scipy and scikit-learn load only when linking
    from corroborate.link.copies import link_copies
    from corroborate.link.index import update_index
    from corroborate.link.propositions import link_propositions

    with store.atomic():  # signatures and copy links together: a kill between them would
        link_copies(store)  # leave signed reports whose copy groups the next run never computes
    link_propositions(store, full)
    update_index(store)
