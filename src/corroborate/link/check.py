"""`corroborate check "SENTENCE"`: the ledger's evidence for and against a sentence.

Retrieval: claims holding any of the sentence's words (FTS5, best `FTS_CANDIDATES` by
BM25) and the `VECTOR_CANDIDATES` claims whose stored content vectors are nearest to the
sentence's. Each candidate's relevance is the static encoder's cosine between the sentence
and the claim (the higher of its whole text and its reported content); those at
`CHECK_SIMILARITY` or more are evidence, at most `MAX_EVIDENCE`, and a claim at
`EXPAND_SIMILARITY` or more brings the other claims of its proposition (a denial worded
differently from the sentence joins this way). Each piece's stance is its certainty's
(`corroborate.link.sources.claim_stance`); the verdict weighs independent origins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from corroborate.embed import embed
from corroborate.errors import CorroborateError
from corroborate.link.sources import (
    DISCUSSES,
    REFUTES,
    SUPPORTS,
    Origin,
    Tally,
    claim_stance,
    tally,
)
from corroborate.store import Store
from corroborate.store.tables import EvidenceRow

FTS_CANDIDATES = 200
VECTOR_CANDIDATES = 100
# Calibrated on the seed reports: the claims that report Russian troops fighting beside
# Syrian forces score 0.50-0.72 against "Russian troops are fighting alongside Syrian
# government forces"; claims on other subjects of the same reports mostly score under 0.5.
# The static encoder cannot tell a related claim on the same subject from a paraphrase
# (Russians recruiting Syrians to fight in Ukraine scores 0.65), so the evidence list is
# meant to be read, and each item shows its text.
CHECK_SIMILARITY = 0.5
EXPAND_SIMILARITY = 0.65
MAX_EVIDENCE = 20
MIN_WORDS = 3
_WORD = re.compile(r"\w+")


class CheckError(CorroborateError):
    """A sentence that cannot be checked, or a ledger with nothing to check it against."""


@dataclass(frozen=True)
class Evidence:
    item: EvidenceRow
    stance: str
    relevance: float


@dataclass(frozen=True)
class CheckResult:
    sentence: str
    verdict: str
    reason: str
    evidence: list[Evidence]
    tally: Tally
    first: Evidence | None


def check(store: Store, sentence: str) -> CheckResult:
    words = _WORD.findall(sentence)
    if len(words) < MIN_WORDS:
        raise CheckError(f"give a whole sentence to check (at least {MIN_WORDS} words)")
    vectors = store.claim_vectors()
    if not vectors:
        raise CheckError("the ledger has no claims to check against; ingest reports first")
    query = embed([sentence])[0]
    candidates = _candidates(store, words, query, vectors)
    evidence = _relevant(store, candidates, query)
    stances = {e.item.claim_id: e.stance for e in evidence}
    counted = tally([e.item for e in evidence], stances)
    verdict, reason = _verdict(counted, evidence)
    taking_sides = [e for e in evidence if e.stance != DISCUSSES]
    return CheckResult(sentence, verdict, reason, evidence, counted, _first(taking_sides))


def _candidates(
    store: Store, words: list[str], query: np.ndarray, vectors: dict[int, bytes]
) -> list[EvidenceRow]:
    ids = list(vectors)
    matrix = np.frombuffer(b"".join(vectors[i] for i in ids), dtype=np.float16)
    scores = matrix.reshape(len(ids), -1).astype(np.float32) @ query
    nearest = np.argsort(-scores, kind="stable")[:VECTOR_CANDIDATES]
    chosen = dict.fromkeys([ids[i] for i in nearest] + store.search_claims(words, FTS_CANDIDATES))
    return store.evidence(sorted(chosen))


def _relevant(store: Store, candidates: list[EvidenceRow], query: np.ndarray) -> list[Evidence]:
    if not candidates:
        return []
    texts = embed([c.text for c in candidates]) @ query
    contents = embed([c.content for c in candidates]) @ query
    relevance = np.maximum(texts, contents)
    order = np.argsort(-relevance, kind="stable")
    kept = [i for i in order if relevance[i] >= CHECK_SIMILARITY][:MAX_EVIDENCE]
    found = {candidates[i].claim_id: float(relevance[i]) for i in kept}
    for i in kept:
        if relevance[i] >= EXPAND_SIMILARITY and candidates[i].proposition_id is not None:
            for member in store.evidence(proposition_id=candidates[i].proposition_id):
                found.setdefault(member.claim_id, float(relevance[i]))
    items = store.evidence(sorted(found))
    return [
        Evidence(item, claim_stance(item.certainty, item.cue, item.hedges), found[item.claim_id])
        for item in sorted(items, key=_by_date)
    ]


def _by_date(item: EvidenceRow) -> tuple[str, int, int]:
    return (item.published or "9999", item.doc_id, item.start)


def _first(evidence: list[Evidence]) -> Evidence | None:
    dated = [e for e in evidence if e.item.published]
    return min(dated, key=lambda e: _by_date(e.item)) if dated else None


def _names(origins: list[Origin]) -> str:
    return ", ".join(o.name for o in origins)


def _verdict(counted: Tally, evidence: list[Evidence]) -> tuple[str, str]:
    supports, refutes = counted.supports, counted.refutes
    if supports and refutes:
        return "conflicting", (
            f"{len(supports)} independent source(s) support it ({_names(supports)}); "
            f"{len(refutes)} deny it ({_names(refutes)})"
        )
    if supports:
        return "supported", (
            f"{len(supports)} independent source(s) support it ({_names(supports)}); "
            "none denies it"
        )
    if refutes:
        return "refuted", f"{len(refutes)} independent source(s) deny it ({_names(refutes)})"
    if evidence:
        discussing = len(evidence)
        return "not enough evidence", f"{discussing} claim(s) discuss it; none states or denies it"
    return "not enough evidence", "no claim in the ledger states or denies it"


def to_json(result: CheckResult) -> dict[str, object]:
    """The result as `check --json` prints it."""
    return {
        "sentence": result.sentence,
        "verdict": result.verdict,
        "reason": result.reason,
        "independent_sources": {
            SUPPORTS: len(result.tally.supports),
            REFUTES: len(result.tally.refutes),
        },
        "sources": {
            SUPPORTS: [o.name for o in result.tally.supports],
            REFUTES: [o.name for o in result.tally.refutes],
        },
        "first_report": _evidence_json(result.first) if result.first else None,
        "evidence": [_evidence_json(e) for e in result.evidence],
    }


def _evidence_json(evidence: Evidence) -> dict[str, object]:
    item = evidence.item
    return {
        "doc_id": item.doc_id,
        "claim_id": item.claim_id,
        "outlet": item.outlet,
        "published": item.published,
        "text": item.text,
        "source": item.source,
        "chain": list(item.chain),
        "certainty": str(item.certainty),
        "stance": evidence.stance,
        "copy_of": item.copy_of,
        "proposition_id": item.proposition_id,
        "relevance": round(evidence.relevance, 3),
    }
