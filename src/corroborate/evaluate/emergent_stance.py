"""The stance of `check`'s evidence on Emergent (`corroborate eval emergent --ledger`).

Emergent's article headlines carry a gold stance toward their claim (`articleHeadlineStance`:
for, against, observing). For each held-out claim, among the headlines `check`'s relevance
finds for it (as shipped) that are truly its articles', two of our stances are scored
against gold:

- the evidence stance: the headline's claims as ingest extracts them (parse, attribution,
  certainty), each read by `corroborate.link.sources.claim_stance` and turned toward the
  claim's sentence by `corroborate.link.polarity.toward`, as `check` does; a headline with several
  claims supports if one of them supports, else refutes if one refutes, else discusses (the
  order of the report rule, `corroborate.link.stance.reports.combine`); a headline with no
  claim discusses;
- the report stance, as `check` reports it (`corroborate.link.stance.reports`): the FNC-1
  model's reading of the headline against the claim's sentence, combined with those claims
  (and whether the headline states a supporting one in its own voice).

The same scores over every headline of the tuning half with a gold stance (found or not) are
what the stance rules were chosen on (`evaluate_check`'s `stance_tuning`).

`negate` makes the same pairs into a check of each claim's negation ("It is not true that
..."), gold reversed (for <-> against), which scores how `check` reads evidence against a
sentence that denies a story, the form fact-checkers often check.

for = supports, against = refutes, observing = discusses. Per class precision, recall and F1
(scikit-learn), macro F1, accuracy, the confusion matrix (gold rows, ours columns) and the
recall of `against`, the denials our users need most.
"""

from __future__ import annotations

from collections.abc import Sequence

from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support

from corroborate.link.sources import DISCUSSES, REFUTES, SUPPORTS
from corroborate.model import Claim

GOLD_STANCES = {"for": SUPPORTS, "against": REFUTES, "observing": DISCUSSES}
NEGATION = "It is not true that "
REVERSED = {"for": "against", "against": "for"}
ORDER = (SUPPORTS, REFUTES, DISCUSSES)


def stance_scores(predicted: Sequence[str], gold: Sequence[str]) -> dict[str, object]:
    """Scores of our stances (`predicted`) against gold stances, both in our labels."""
    if len(predicted) != len(gold):
        raise ValueError("stance_scores: as many predictions as gold labels")
    if not gold:
        return {"pairs": 0}
    labels = list(ORDER)
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=labels, zero_division=0
    )
    per_class = {
        label: {"precision": float(p), "recall": float(r), "f1": float(f), "gold": int(n)}
        for label, p, r, f, n in zip(labels, precision, recall, f1, support, strict=True)
    }
    return {
        "pairs": len(gold),
        "per_class": per_class,
        "macro_f1": float(f1.mean()),
        "accuracy": float(accuracy_score(gold, predicted)),
        "against_recall": per_class[REFUTES]["recall"],
        "labels": labels,
        # rows: gold, columns: ours, in `labels` order
        "confusion": confusion_matrix(gold, predicted, labels=labels).tolist(),
    }


def as_sentence(headline: str) -> str:
    """A headline as a report's sentence: a full stop where nothing ends it (extraction
    takes only ended sentences as claims, and headlines seldom end in one)."""
    text = headline.strip()
    return text if text[-1:] in ".!?\"'”’" else text + "."


def headline_claims(texts: Sequence[str]) -> list[list[Claim]]:
    """Each headline's claims, extracted as ingest extracts a report's (each headline read
    as one sentence, `as_sentence`)."""
    from corroborate.attribution import model_frames_many
    from corroborate.claims import extract_claims
    from corroborate.nlp.parsing import parse

    texts = [as_sentence(text) for text in texts]
    docs = list(parse(texts))
    frames = model_frames_many(docs)
    return [
        list(extract_claims(text, doc, 0, found))
        for text, doc, found in zip(texts, docs, frames, strict=True)
    ]


def evidence_stance(claims: Sequence[str]) -> str:
    """A headline's evidence stance from its claims': supports if one supports, else
    refutes if one refutes, else discusses (the report rule's order, without a model)."""
    for stance in (SUPPORTS, REFUTES):
        if stance in claims:
            return stance
    return DISCUSSES


def scored_headlines(pairs: Sequence[tuple[str, str, str]]) -> list[str]:
    """The headlines of `pairs` that `evaluate_stance` scores (gold for/against/observing)."""
    return [h for _, h, g in pairs if g in GOLD_STANCES]


def evaluate_stance(
    pairs: Sequence[tuple[str, str, str]], found_claims: Sequence[list[Claim]] | None = None
) -> dict[str, object]:
    """`pairs`: (claim sentence, found headline, its gold Emergent stance). The evidence and
    report stances scored against gold; pairs with another gold label are left out.
    `found_claims`: the claims of `scored_headlines(pairs)` (`headline_claims`), when the
    same headlines are scored more than once."""
    from corroborate.link.polarity import toward
    from corroborate.link.sources import claim_stance
    from corroborate.link.stance.model import stance_many
    from corroborate.link.stance.reports import combine, states_in_own_voice

    kept = [(s, h, GOLD_STANCES[g]) for s, h, g in pairs if g in GOLD_STANCES]
    if found_claims is None:
        found_claims = headline_claims(scored_headlines(pairs))
    # toward the claim's sentence, as `check` reads its evidence (a headline is its content)
    claims = [[toward(s, h, claim_stance(c.certainty, c.cue, c.hedges)) for c in found]
              for (s, h, _), found in zip(kept, found_claims, strict=True)]
    own_voice = [any(states_in_own_voice(c, stance) for c, stance in zip(found, st, strict=True))
                 for found, st in zip(found_claims, claims, strict=True)]
    evidence = [evidence_stance(found) for found in claims]
    # as `report_stances` reads each report, all pairs in one call
    labels = stance_many([(sentence, headline) for sentence, headline, _ in kept]) if kept else []
    reports = [combine(found, label, probabilities[label], own)
               for found, (label, probabilities), own
               in zip(claims, labels, own_voice, strict=True)]
    gold = [g for _, _, g in kept]
    return {
        "several_claims": sum(len(found) > 1 for found in claims),
        "no_claim": sum(not found for found in claims),
        "evidence": stance_scores(evidence, gold),
        "report": stance_scores(reports, gold),
    }


def negate(pairs: Sequence[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """(claim sentence, headline, gold) pairs as checks of the claim's negation: the sentence
    prefixed with `NEGATION`, a for headline against it and an against one for it."""
    return [(NEGATION + sentence, headline, REVERSED.get(gold, gold))
            for sentence, headline, gold in pairs]
