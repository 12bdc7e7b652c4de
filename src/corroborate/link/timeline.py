"""Propositions over time: when each was first and last reported, by how many reports, and
how many independent sources stand for and against it (`corroborate propositions`,
`show-proposition`, `export propositions`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from corroborate.link.sources import Tally, tally
from corroborate.link.stance.reports import (
    ReportStance,
    states_in_own_voice,
    stored_report_stances,
)
from corroborate.store import Store
from corroborate.store.tables import EvidenceRow, PropositionRow

# The columns of `corroborate export propositions`, in order.
PROPOSITION_COLUMNS = (
    "id", "label", "first_seen", "last_seen", "reports", "supports", "refutes",
    "supported_by", "denied_by", "claims",
)


@dataclass(frozen=True)
class PropositionSummary:
    proposition: PropositionRow
    evidence: list[EvidenceRow]  # in date order
    tally: Tally

    @property
    def first_seen(self) -> str | None:
        dates = [e.published for e in self.evidence if e.published]
        return min(dates) if dates else None

    @property
    def last_seen(self) -> str | None:
        dates = [e.published for e in self.evidence if e.published]
        return max(dates) if dates else None

    @property
    def reports(self) -> int:
        return len({e.doc_id for e in self.evidence})


def summarise(proposition: PropositionRow, evidence: list[EvidenceRow]) -> PropositionSummary:
    stances = {e.claim_id: e.stance or "" for e in evidence}
    return PropositionSummary(proposition, evidence, tally(evidence, stances))


def summaries(store: Store) -> Iterator[PropositionSummary]:
    """Every proposition with its evidence (one pass over the ledger's claims)."""
    by_proposition: dict[int, list[EvidenceRow]] = defaultdict(list)
    for item in store.evidence():
        if item.proposition_id is not None:
            by_proposition[item.proposition_id].append(item)
    for proposition in store.propositions():
        yield summarise(proposition, by_proposition[proposition.id])


def summary(store: Store, proposition_id: int) -> PropositionSummary | None:
    proposition = store.proposition(proposition_id)
    if proposition is None:
        return None
    return summarise(proposition, store.evidence(proposition_id=proposition_id))


def reports_of(store: Store, found: PropositionSummary) -> dict[int, ReportStance]:
    """The stance of each report holding the proposition's claims toward its label
    (`corroborate.link.stance.reports`)."""
    claims: dict[int, list[str]] = defaultdict(list)
    for item in found.evidence:
        claims[item.doc_id].append(item.stance or "")
    own = {i.doc_id for i in found.evidence if states_in_own_voice(i, i.stance or "")}
    return stored_report_stances(store, found.proposition.label, claims, own)


def to_json(found: PropositionSummary) -> dict[str, object]:
    """One `export propositions` line: the proposition, its figures and its claims."""
    values: dict[str, object] = {
        "id": found.proposition.id,
        "label": found.proposition.label,
        "first_seen": found.first_seen,
        "last_seen": found.last_seen,
        "reports": found.reports,
        "supports": len(found.tally.supports),
        "refutes": len(found.tally.refutes),
        "supported_by": [o.name for o in found.tally.supports],
        "denied_by": [o.name for o in found.tally.refutes],
        "claims": [_claim_json(e) for e in found.evidence],
    }
    assert tuple(values) == PROPOSITION_COLUMNS
    return values


def _claim_json(item: EvidenceRow) -> dict[str, object]:
    return {
        "claim_id": item.claim_id,
        "doc_id": item.doc_id,
        "outlet": item.outlet,
        "published": item.published,
        "text": item.text,
        "source": item.source,
        "certainty": str(item.certainty),
        "stance": item.stance,
        "copy_of": item.copy_of,
    }
