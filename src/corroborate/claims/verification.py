"""A report's own statement that it could not verify something reaches the claims resting
on it (GUIDELINES.md, Certainty): "The outlet cannot verify the documents." hedges "…,
according to the documents published by X." as well as itself.

What the statement names is read from its words after the non-verification phrase; a
claim rests on it when a link of its chain names the same kind of evidence (document,
video, account … in `hedges.txt`, `[evidence]`). Matching the noun, not the whole phrase,
is deliberate: "the authenticity of the documents" and "the documents published by Syria
Mirror" share only that word.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from corroborate.lexicon import lexicon
from corroborate.model import Certainty, Claim

WORD = re.compile(r"[\w'’-]+")


def _evidence_in(words: str) -> set[str]:
    """The evidence nouns written in `words` (plural or singular)."""
    nouns = lexicon().evidence_nouns
    found = set()
    for word in WORD.findall(words.casefold()):
        singular = word[:-1] if word.endswith("s") and word[:-1] in nouns else word
        if singular in nouns:
            found.add(singular)
    return found


def _unverified_evidence(claim: Claim) -> tuple[str, set[str]] | None:
    """(the phrase, the evidence it names) for a claim by the outlet saying it could not
    verify some evidence, else None."""
    if claim.source is not None:
        return None
    phrases = set(lexicon().non_verification)
    for hedge in claim.hedges:
        if hedge.casefold() not in phrases:
            continue
        after = claim.text[claim.text.casefold().find(hedge.casefold()) + len(hedge) :]
        named = _evidence_in(after)
        if named:
            return hedge, named
    return None


def carry_non_verification(claims: Sequence[Claim]) -> list[Claim]:
    """The claims, those resting on evidence the report says it could not verify hedged
    by that statement's phrase (a denial stays a denial)."""
    statements = [found for claim in claims if (found := _unverified_evidence(claim))]
    if not statements:
        return list(claims)
    carried = []
    for claim in claims:
        rests_on = _evidence_in(" ".join(claim.chain))
        phrases = [phrase for phrase, named in statements if named & rests_on]
        carried.append(_hedged(claim, phrases) if phrases else claim)
    return carried


def _hedged(claim: Claim, phrases: list[str]) -> Claim:
    hedges = tuple(dict.fromkeys((*claim.hedges, *phrases)))
    if claim.certainty is not Certainty.ASSERTED:
        return dataclasses.replace(claim, hedges=hedges)
    # the outlet's own non-verification decided: the model's confidence was in "asserted"
    return dataclasses.replace(
        claim, hedges=hedges, certainty=Certainty.HEDGED, certainty_score=None,
        certainty_by="rules",
    )
