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
  the model reads it as discussing it is not full support); or the report states a
  supporting claim in its own voice (no source, asserted) and the model is not sure of its
  other reading (its label's probability below `CONFIDENT`): the outlet's own unhedged words
  outweigh a hesitant reading, a confident one ("the report discusses it") still wins;
- discusses: anything else (the model's `discuss` or `unrelated`, mixed claims).

`CONFIDENT` was chosen on Emergent's tuning half (`corroborate.evaluate.emergent_stance`,
headlines with a gold stance toward their claim; grid 0.5 to 0.95 by 0.05, 0.8 the best):
report stance macro-F1 0.694 -> 0.708, discusses F1 0.667 -> 0.678, 'against' recall
unchanged (the same rule always, whatever the model: 0.692). Since rumour nouns were scoped
(`corroborate.link.polarity`), 0.692 -> 0.705 and 0.664 -> 0.673, 0.75 and 0.8 within
0.0002 of each other (0.7050, 0.7048). No threshold on the model's `agree` helped (below
0.5, 0.6, 0.7 each lowered macro-F1: 'for' headlines outnumber 'observing' ones at every
level of `agree`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from corroborate.link.sources import DISCUSSES, REFUTES, SUPPORTS
from corroborate.link.stance.model import stance_many
from corroborate.model import Certainty, Claim
from corroborate.store import Store
from corroborate.store.tables import EvidenceRow

CONFIDENT = 0.8  # the model's probability of its label from which it overrides the outlet


@dataclass(frozen=True)
class ReportStance:
    stance: str  # supports / refutes / discusses
    model: str  # the FNC-1 label: agree / disagree / discuss / unrelated
    probabilities: dict[str, float]


def report_stances(
    sentence: str,
    texts: Mapping[int, str],
    claims: Mapping[int, Sequence[str]],
    own_voice: Collection[int] = (),
) -> dict[int, ReportStance]:
    """Each report's stance toward `sentence`: `texts` by report id, `claims` the stances of
    the report's claims that bear on the sentence, `own_voice` the reports that state a
    supporting one in their own voice (`states_in_own_voice`)."""
    ids = sorted(texts)
    if not ids:
        return {}
    labels = stance_many([(sentence, texts[i]) for i in ids])
    return {
        doc_id: ReportStance(
            combine(claims.get(doc_id, ()), label, probabilities[label], doc_id in own_voice),
            label,
            probabilities,
        )
        for doc_id, (label, probabilities) in zip(ids, labels, strict=True)
    }


def stored_report_stances(
    store: Store,
    sentence: str,
    claims: Mapping[int, Sequence[str]],
    own_voice: Collection[int] = (),
) -> dict[int, ReportStance]:
    """`report_stances` of the reports in `claims` (by report id), their texts read from
    `store` (a report no longer stored is left out)."""
    texts = {}
    for doc_id in claims:
        document = store.document(doc_id)
        if document is not None:
            texts[doc_id] = document.text
    return report_stances(sentence, texts, claims, own_voice)


def states_in_own_voice(item: EvidenceRow | Claim, stance: str) -> bool:
    """Whether a claim of `stance` toward the sentence is its report's own supporting
    statement: no source and no hedge (an attributed claim is its source's, a hedged one
    the outlet's doubt)."""
    return stance == SUPPORTS and item.source is None and item.certainty == Certainty.ASSERTED


def combine(
    claims: Sequence[str], model: str, probability: float = 1.0, own_voice: bool = False
) -> str:
    """A report's stance from its claims' stances and the model's label, `probability` the
    model's probability of that label, `own_voice` whether the report states a supporting
    claim in its own voice (see the module)."""
    if SUPPORTS in claims:
        agrees = model == "agree" or (own_voice and probability < CONFIDENT)
        return SUPPORTS if agrees else DISCUSSES
    if REFUTES in claims or model == "disagree":
        return REFUTES
    return DISCUSSES
