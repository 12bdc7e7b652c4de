"""Stance of whole reports toward a sentence (a `check` sentence or a proposition's label).

A report's claims say what its sources state; the FNC-1 model (`corroborate.link.stance`)
reads the whole report against the sentence, as the competition's bodies were read against
their headlines. Both are needed: the model does not see that a claim is a denial by someone
the report quotes, and the claims do not see that a report only relays an allegation.

A report's stance, from its claims' stances (`corroborate.link.sources.claim_stance`) and the
model's label:
- refutes: its claims refute and none supports; or the model says `disagree` and no claim
  supports;
- supports: a claim supports and the model says `agree` (a report that relays a claim while
  the model reads it as discussing it is not full support);
- discusses: anything else (the model's `discuss` or `unrelated`, mixed claims).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from corroborate.link.sources import DISCUSSES, REFUTES, SUPPORTS
from corroborate.link.stance.model import stance_many
from corroborate.store import Store


@dataclass(frozen=True)
class ReportStance:
    stance: str  # supports / refutes / discusses
    model: str  # the FNC-1 label: agree / disagree / discuss / unrelated
    probabilities: dict[str, float]


def report_stances(
    sentence: str, texts: Mapping[int, str], claims: Mapping[int, Sequence[str]]
) -> dict[int, ReportStance]:
    """Each report's stance toward `sentence`: `texts` by report id, `claims` the stances of
    the report's claims that bear on the sentence."""
    ids = sorted(texts)
    if not ids:
        return {}
    labels = stance_many([(sentence, texts[i]) for i in ids])
    return {
        doc_id: ReportStance(combine(claims.get(doc_id, ()), label), label, probabilities)
        for doc_id, (label, probabilities) in zip(ids, labels, strict=True)
    }


def stored_report_stances(
    store: Store, sentence: str, claims: Mapping[int, Sequence[str]]
) -> dict[int, ReportStance]:
    """`report_stances` of the reports in `claims` (by report id), their texts read from
    `store` (a report no longer stored is left out)."""
    texts = {}
    for doc_id in claims:
        document = store.document(doc_id)
        if document is not None:
            texts[doc_id] = document.text
    return report_stances(sentence, texts, claims)


def combine(claims: Sequence[str], model: str) -> str:
    """A report's stance from its claims' stances and the model's label (see the module)."""
    if SUPPORTS in claims:
        return SUPPORTS if model == "agree" else DISCUSSES
    if REFUTES in claims or model == "disagree":
        return REFUTES
    return DISCUSSES
