"""`corroborate check "SENTENCE"`: the ledger's evidence for and against a sentence.

Retrieval: claims holding any of the sentence's words (FTS5, best `FTS_CANDIDATES` by
BM25) and the `VECTOR_CANDIDATES` claims whose stored content vectors are nearest to the
sentence's. Each candidate's relevance is the grouping's mixed similarity
(`corroborate.link.propositions`) between the sentence and the claim (the higher of its
reported content and its whole text): the static encoder's cosine after removing the
ledger's mean vector, mixed half and half with TF-IDF's over stemmed content words, so the
words must agree as well as the drift of the sentence. IDF comes from the candidates and an
even sample of up to `IDF_SAMPLE` of the ledger's claims. Candidates at `CHECK_SIMILARITY`
or more are evidence, the most relevant first, at most `MAX_EVIDENCE`; a claim's
proposition brings its other claims whose own relevance reaches `EXPAND_SIMILARITY` (a
denial worded differently from the sentence joins this way). `CHECK_SIMILARITY` is chosen
on Emergent (`corroborate.evaluate.emergent.evaluate_check`: each claim's headline retrieves
the headlines of its articles, on one half; figures on the other). Each piece's stance is
its certainty's (`corroborate.link.sources.claim_stance`); the verdict weighs independent
origins. Each report holding evidence also gets a stance of its own, the FNC-1 model's reading
of the whole report combined with its claims' (`corroborate.link.stance.reports`), for the
`MAX_REPORT_STANCES` reports holding the most relevant evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from corroborate.embed import embed
from corroborate.embed.static import unit_rows
from corroborate.errors import CorroborateError
from corroborate.link.index import Frequencies, fit_tfidf, nearest
from corroborate.link.propositions import common, mix, words
from corroborate.link.sources import (
    DISCUSSES,
    REFUTES,
    SUPPORTS,
    Origin,
    Tally,
    claim_stance,
    tally,
)
from corroborate.link.stance.reports import ReportStance, stored_report_stances
from corroborate.store import Store
from corroborate.store.tables import EvidenceRow

FTS_CANDIDATES = 200
VECTOR_CANDIDATES = 100
IDF_SAMPLE = 2000
# Chosen on Emergent's tuning half (`corroborate.evaluate.emergent.evaluate_check`): pair
# precision 0.76, recall 0.72 on the held-out half (the static cosine at 0.5: 0.19, 0.88).
CHECK_SIMILARITY = 0.375
EXPAND_SIMILARITY = 0.15  # a member of a relevant claim's proposition: the grouping's floor
MAX_EVIDENCE = 20
# Reports read whole by the FNC-1 model, those holding the most relevant evidence first:
# each costs tens of milliseconds (a long report's sentences and character n-grams).
MAX_REPORT_STANCES = 8
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
    reports: dict[int, ReportStance]  # by report id: the first MAX_REPORT_STANCES holding evidence


def check(store: Store, sentence: str) -> CheckResult:
    if len(_WORD.findall(sentence)) < MIN_WORDS:
        raise CheckError(f"give a whole sentence to check (at least {MIN_WORDS} words)")
    query = embed([sentence])[0]
    near = nearest(store, query, VECTOR_CANDIDATES, IDF_SAMPLE)  # corroborate.link.index
    if not near.vectors:
        raise CheckError("the ledger has no claims to check against; ingest reports first")
    mean = common(near.mean, near.vectors)
    # stop words would make nearly every claim a full-text candidate, ranked in vain
    content_words = [w for w in _WORD.findall(sentence) if w.lower() not in ENGLISH_STOP_WORDS]
    found = store.search_claims(content_words, FTS_CANDIDATES)
    chosen = dict.fromkeys(near.claim_ids + found)
    candidates = store.evidence(sorted(chosen))
    background = store.claim_contents(near.sample)  # none read where the index counted them
    scorer = Relevance(sentence, background + [c.content for c in candidates], mean,
                       near.frequencies)
    evidence = _relevant(store, candidates, scorer)
    stances = {e.item.claim_id: e.stance for e in evidence}
    counted = tally(sorted((e.item for e in evidence), key=_by_date), stances)  # first seen first
    verdict, reason = _verdict(counted, evidence)
    taking_sides = [e for e in evidence if e.stance != DISCUSSES]
    reports = _report_stances(store, sentence, evidence)
    return CheckResult(
        sentence, verdict, reason, evidence, counted, _first(taking_sides), reports
    )


def _report_stances(
    store: Store, sentence: str, evidence: list[Evidence]
) -> dict[int, ReportStance]:
    claims: dict[int, list[str]] = {}
    for e in evidence:  # most relevant first
        claims.setdefault(e.item.doc_id, []).append(e.stance)
    read = {doc_id: claims[doc_id] for doc_id in list(claims)[:MAX_REPORT_STANCES]}
    return stored_report_stances(store, sentence, read)


class Relevance:
    """The mixed similarity of texts to one sentence: static cosine less the ledger's mean
    vector (`mean`), half and half with TF-IDF over stemmed words, IDF from `corpus` (and the
    texts `background` counts)."""

    def __init__(
        self, sentence: str, corpus: Sequence[str], mean: np.ndarray,
        background: Frequencies | None = None,  # more of the corpus, its words counted
    ) -> None:
        self.mean = mean
        self.query = self._static(embed([sentence]))[0]
        self.vectorizer = TfidfVectorizer(sublinear_tf=True, analyzer=words, dtype=np.float32)
        try:
            fit_tfidf(self.vectorizer, [sentence, *corpus], background)
            self.words: csr_matrix | None = self.vectorizer.transform([sentence])
        except ValueError:  # nothing but stop words
            self.words = None

    def _static(self, vectors: np.ndarray) -> np.ndarray:
        return unit_rows(vectors - self.mean)

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        static = self._static(embed(list(texts))) @ self.query
        if self.words is None:
            lexical = np.zeros(len(texts))
        else:
            lexical = (self.vectorizer.transform(texts) @ self.words.T).toarray().ravel()
        return mix(static, lexical)


def _relevant(store: Store, candidates: list[EvidenceRow], scorer: Relevance) -> list[Evidence]:
    if not candidates:
        return []
    relevance = np.maximum(
        scorer([c.text for c in candidates]), scorer([c.content for c in candidates])
    )
    order = np.argsort(-relevance, kind="stable")
    kept = [i for i in order if relevance[i] >= CHECK_SIMILARITY][:MAX_EVIDENCE]
    found = {candidates[i].claim_id: float(relevance[i]) for i in kept}
    # each proposition once: kept claims often share one, and its members score the same
    propositions = dict.fromkeys(candidates[i].proposition_id for i in kept)
    propositions.pop(None, None)
    for proposition_id in propositions:
        members = [m for m in store.evidence(proposition_id=proposition_id)
                   if m.claim_id not in found]
        if members:
            scores = np.maximum(scorer([m.text for m in members]),
                                scorer([m.content for m in members]))
            for member, score in zip(members, scores, strict=True):
                if score >= EXPAND_SIMILARITY:
                    found[member.claim_id] = float(score)
    items = store.evidence(sorted(found))
    ranked = sorted(items, key=lambda item: (-found[item.claim_id], _by_date(item)))
    return [
        Evidence(item, claim_stance(item.certainty, item.cue, item.hedges), found[item.claim_id])
        for item in ranked
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
        "evidence": [_evidence_json(e, result.reports) for e in result.evidence],
        "reports": [
            {"doc_id": doc_id, "stance": found.stance, "model": found.model,
             "probabilities": {k: round(v, 3) for k, v in found.probabilities.items()}}
            for doc_id, found in sorted(result.reports.items())
        ],
    }


def _evidence_json(
    evidence: Evidence, reports: dict[int, ReportStance] | None = None
) -> dict[str, object]:
    item = evidence.item
    report = (reports or {}).get(item.doc_id)
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
        "report_stance": report.stance if report else None,
        "copy_of": item.copy_of,
        "proposition_id": item.proposition_id,
        "relevance": round(evidence.relevance, 3),
    }
