"""`corroborate check "SENTENCE"`: the ledger's evidence for and against a sentence.

Retrieval: claims holding any of the sentence's words (FTS5, best `FTS_CANDIDATES` by BM25) and
the `VECTOR_CANDIDATES` claims whose stored content vectors are nearest to the sentence's. Each
candidate's relevance is first the grouping's mixed similarity
(`corroborate.link.propositions`) between the sentence and the claim (the higher of its
reported content and its whole text): the static encoder's cosine after removing the ledger's
mean vector, mixed half and half with TF-IDF's over stemmed content words, so the words must
agree as well as the drift of the sentence. IDF comes from the candidates and an even sample of
up to `IDF_SAMPLE` of the ledger's claims. The `RERANK_MAX` candidates with the highest mixed
similarity that could still reach `CHECK_SIMILARITY` are then reranked: `FULL_WEIGHT` of their
score is the full all-MiniLM-L6-v2 encoder's cosine over the claim's content
(`corroborate.embed.full`), and `ALIGN_WEIGHT` of the result the soft word alignment's recall
(`corroborate.link.alignment`: how much of the sentence the claim restates word by word,
"officers" meeting "troops"; measured, 0 as shipped). Strict frame matches
(`corroborate.link.frames`: the sentence's event class and all its parties in its roles) are
also found by the words of its event and parties (`STRICT_CANDIDATES`) and reranked whatever
their mixed rank (`STRICT_POOL`). Candidates at `CHECK_SIMILARITY` or more
are evidence, the most relevant first, at most `MAX_EVIDENCE`, less those that name the
sentence's parties in swapped roles (`corroborate.link.roles`) and those that name a party of
it and only another class of event ("troops reinforced" for "troops withdrew":
`corroborate.link.events`, `EVENT_PENALTY`); a claim's proposition brings
its other claims whose mixed similarity reaches `EXPAND_SIMILARITY` (a denial worded
differently from the sentence joins this way), ranked by that similarity (the full encoder does
not read them: a proposition can hold hundreds of claims). The two weights and
`CHECK_SIMILARITY` are chosen together on Emergent
(`corroborate.evaluate.emergent.evaluate_check`: each claim's headline retrieves the headlines
of its articles, on one half; figures on the other). Each piece's stance is its certainty's
(`corroborate.link.sources.claim_stance`); the verdict weighs independent origins. Each report
holding evidence also gets a stance of its own, the FNC-1 model's reading of the whole report
combined with its claims' (`corroborate.link.stance.reports`), for the `MAX_REPORT_STANCES`
reports holding the most relevant evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from corroborate.embed import embed
from corroborate.embed.full import FullEncoderUnavailable, full_encoder
from corroborate.embed.static import unit_rows
from corroborate.errors import CorroborateError
from corroborate.link.alignment import Alignment
from corroborate.link.events import OTHER, SAME, UNSTATED, compare_text, frame
from corroborate.link.frames import fully_framed, search_terms, strictly
from corroborate.link.index import Frequencies, fit_tfidf, nearest
from corroborate.link.polarity import negated, toward
from corroborate.link.propositions import common, mix, words
from corroborate.link.roles import Roles
from corroborate.link.sources import (
    DISCUSSES,
    REFUTES,
    SUPPORTS,
    Origin,
    Tally,
    claim_stance,
    tally,
)
from corroborate.link.stance.reports import (
    ReportStance,
    states_in_own_voice,
    stored_report_stances,
)
from corroborate.store import Store
from corroborate.store.tables import EvidenceRow

FTS_CANDIDATES = 200
VECTOR_CANDIDATES = 100
IDF_SAMPLE = 2000
# The full encoder's cosine (`corroborate.embed.full`) is mixed in with FULL_WEIGHT on the
# RERANK_MAX candidates with the highest mixed similarity; the weight and the threshold are
# chosen together on Emergent's tuning half (`corroborate.evaluate.emergent.evaluate_check`):
# held-out pair precision 0.786, recall 0.827, F1 0.806 (the mixed similarity alone at 0.375:
# 0.764, 0.721; the static cosine at 0.5: 0.19, 0.88).
# ALIGN_WEIGHT mixes in the soft word alignment's recall (`corroborate.link.alignment`). The
# tuning half chooses 0.1 with the threshold at 0.4375 (its F1 0.760 -> 0.767; held-out 0.806
# -> 0.807, a pair or two in 1,700), and that loses the seeds' Facebook group claim (0.431):
# a gain within noise does not buy an acceptance example, so it is measured, not shipped.
FULL_WEIGHT = 0.5
CHECK_SIMILARITY = 0.425
ALIGN_WEIGHT = 0.0
RERANK_MAX = 16
# Who did what (`corroborate.link.events`): a claim naming a party of the sentence and an
# event of its class gains EVENT_BOOST; one naming a party of it and only events of other
# classes loses EVENT_PENALTY; one naming no event while the sentence names one loses
# NO_EVENT_PENALTY. `evaluate_check` tunes them with the threshold on Emergent's tuning half;
# the penalty is an on/off rule like the swapped-roles gate (neutral on the tuning half,
# held-out pair F1 0.806 -> 0.807); the boost and the no-event penalty lowered held-out
# F1 (0.802) and ship at 0 (README, "Who did what").
EVENT_BOOST = 0.0
EVENT_PENALTY = 1.0
NO_EVENT_PENALTY = 0.0
# A strict frame match (`corroborate.link.frames.strictly`: the sentence's event class, all its
# parties, their roles) is read by the full encoder whatever its mixed rank (STRICT_POOL: at
# most RERANK_MAX more), the store searched for claims holding a word of the sentence's event
# and of each of its parties (at most STRICT_CANDIDATES), and it gains STRICT_BOOST. Chosen
# on Emergent's tuning half by `evaluate_check`: the pool raises its pair F1 0.7641 -> 0.7646
# (held-out 0.8075 -> 0.8102); any boost lowers it (0.7643 from 0.05 to 0.25; held-out 0.807
# at 0.1, 0.801 at 0.15), so the boost ships at 0 (README, "Who did what").
STRICT_POOL = True
STRICT_BOOST = 0.0
STRICT_CANDIDATES = 50
# A strict match of a sentence that says nothing beyond its frame (`frames.fully_framed`:
# event, parties, roles, function words) restates all of it, so it is kept whatever its
# similarity: the encoders, tuned on Emergent's specific headlines, score such paraphrases
# low ("Russian officers leading regime combats" for "Russian troops are fighting alongside
# Syrian government forces": 0.32). No Emergent claim is that bare, so Emergent's figures do
# not move (README, "Bare sentences").
FRAMED_FLOOR = True
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
    chosen = dict.fromkeys(near.claim_ids + found + _frame_candidates(store, sentence))
    candidates = store.evidence(sorted(chosen))
    background = store.claim_contents(near.sample)  # none read where the index counted them
    scorer = Relevance(
        sentence, background + [c.content for c in candidates], mean, near.frequencies
    )
    try:
        evidence = _relevant(store, candidates, scorer)
    except FullEncoderUnavailable as err:
        raise CheckError(f"the sentence encoder is missing: {err}") from err
    stances = {e.item.claim_id: e.stance for e in evidence}
    counted = tally(sorted((e.item for e in evidence), key=_by_date), stances)  # first seen first
    verdict, reason = _verdict(counted, evidence)
    taking_sides = [e for e in evidence if e.stance != DISCUSSES]
    reports = _report_stances(store, sentence, evidence)
    return CheckResult(sentence, verdict, reason, evidence, counted, _first(taking_sides), reports)


def _frame_candidates(store: Store, sentence: str) -> list[int]:
    """Claims holding a word of the sentence's event and of each of its parties, the strict
    frame matches' retrieval channel (none without `STRICT_POOL` or `STRICT_BOOST`)."""
    if not (STRICT_POOL or STRICT_BOOST):
        return []
    groups = search_terms(sentence)
    return store.search_claims_all(groups, STRICT_CANDIDATES) if groups else []


def _report_stances(
    store: Store, sentence: str, evidence: list[Evidence]
) -> dict[int, ReportStance]:
    claims: dict[int, list[str]] = {}
    for e in evidence:  # most relevant first
        claims.setdefault(e.item.doc_id, []).append(e.stance)
    read = {doc_id: claims[doc_id] for doc_id in list(claims)[:MAX_REPORT_STANCES]}
    own = {e.item.doc_id for e in evidence if states_in_own_voice(e.item, e.stance)}
    return stored_report_stances(store, sentence, read, own)


class Relevance:
    """The mixed similarity of texts to one sentence: static cosine less the ledger's mean
    vector (`mean`), half and half with TF-IDF over stemmed words, IDF from `corpus` (and the
    texts `background` counts); and (`rerank`) that mixed with the full encoder's cosine.
    `encode_full` gives full-encoder unit rows of texts (default: `corroborate.embed.full`)."""

    def __init__(
        self,
        sentence: str,
        corpus: Sequence[str],
        mean: np.ndarray,
        background: Frequencies | None = None,  # more of the corpus, its words counted
        encode_full: Callable[[Sequence[str]], np.ndarray] | None = None,
    ) -> None:
        self.mean = mean
        self.sentence = sentence
        self.roles = Roles(sentence)
        self.frame = frame(sentence)
        self.encode_full = encode_full
        self._full_query: np.ndarray | None = None
        self.query = self._static(embed([sentence]))[0]
        self.vectorizer = TfidfVectorizer(sublinear_tf=True, analyzer=words, dtype=np.float32)
        try:
            fit_tfidf(self.vectorizer, [sentence, *corpus], background)
            self.words: csr_matrix | None = self.vectorizer.transform([sentence])
        except ValueError:  # nothing but stop words
            self.words = None
        self.alignment = Alignment(sentence, self.idf)  # cheap: reads nothing until used

    def idf(self, stems: Sequence[str]) -> np.ndarray:
        """The IDF of each stem (a stem the corpus lacks: the highest, as if seen once)."""
        if self.words is None:
            return np.ones(len(stems))
        known, idf = self.vectorizer.vocabulary_, self.vectorizer.idf_
        top = float(idf.max())
        return np.array([idf[known[s]] if s in known else top for s in stems])

    def _static(self, vectors: np.ndarray) -> np.ndarray:
        return unit_rows(vectors - self.mean)

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        static = self._static(embed(list(texts))) @ self.query
        if self.words is None:
            lexical = np.zeros(len(texts))
        else:
            lexical = (self.vectorizer.transform(texts) @ self.words.T).toarray().ravel()
        return mix(static, lexical)

    def rerank(
        self,
        texts: Sequence[str],
        mixed: np.ndarray,
        limit: int | None = RERANK_MAX,
        threshold: float | np.ndarray = CHECK_SIMILARITY,
        weight: float = FULL_WEIGHT,
        also: np.ndarray | None = None,
    ) -> np.ndarray:
        """`(1 - weight) * mixed + weight * full cosine` for the `limit` texts with the
        highest `mixed` (None: all) that could reach `threshold` (one for all texts or one
        each; a full cosine is at most 1), and the `limit` highest marked in `also` (strict
        frame matches) that could reach it, whatever their rank. The full encoder is about
        a hundred times slower than the static one, so it reads only these few; the others
        keep their mixed similarity (the full cosine's stand-in): those below reach stay
        below `threshold`, those past the limit rank after the ones read."""
        combined = np.array(mixed, dtype=np.float64)
        if weight == 0:
            return combined
        reach = np.broadcast_to((np.asarray(threshold) - weight) / (1 - weight), combined.shape)
        order = np.argsort(-combined, kind="stable")[:limit]
        if also is not None:  # the `limit` strict matches with the highest mixed score
            taken = set(order.tolist())
            extra = [int(i) for i in np.argsort(-combined, kind="stable")
                     if also[i] and i not in taken][:limit]
            order = np.concatenate([order, np.array(extra, dtype=order.dtype)])
        near = [int(i) for i in order if mixed[i] >= reach[i]]
        if near:
            vectors = self._full([texts[i] for i in near])
            combined[near] = (1 - weight) * combined[near] + weight * (vectors @ self._full_query)
        return combined

    def relevance(
        self,
        texts: Sequence[str],
        mixed: np.ndarray,
        threshold: float | np.ndarray = CHECK_SIMILARITY,
        also: np.ndarray | None = None,
    ) -> np.ndarray:
        """The reranked similarity (`rerank`) mixed with the soft word alignment's recall
        (`corroborate.link.alignment`) with `ALIGN_WEIGHT`; the full encoder reads the texts
        that could reach `threshold` given their recall (and those in `also` that could)."""
        if ALIGN_WEIGHT == 0:
            return self.rerank(texts, mixed, threshold=threshold, also=also)
        recall = self.alignment.recall(texts)
        needed = (threshold - ALIGN_WEIGHT * recall) / (1 - ALIGN_WEIGHT)
        reranked = self.rerank(texts, mixed, threshold=needed, also=also)
        return with_alignment(reranked, recall, ALIGN_WEIGHT)

    def events(self, texts: Sequence[str]) -> list[str]:
        """How each text's parties and events compare with the sentence's (`link.events`)."""
        return [compare_text(self.frame, text) for text in texts]

    def strict(self, texts: Sequence[str], compared: Sequence[str] | None = None) -> np.ndarray:
        """Whether each text is a strict frame match (`corroborate.link.frames.strictly`),
        read only where its events compare as SAME (`compared`: `events(texts)`)."""
        compared = self.events(texts) if compared is None else compared
        return np.array([c == SAME and strictly(self.sentence, t)
                         for c, t in zip(compared, texts, strict=True)], dtype=bool)

    def event_shift(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """What each text's events add to its relevance (`shift`, the shipped weights), and
        which are strict frame matches (none read without `STRICT_POOL` or `STRICT_BOOST`)."""
        by_frame = STRICT_POOL or bool(STRICT_BOOST)
        if not (EVENT_BOOST or EVENT_PENALTY or NO_EVENT_PENALTY or by_frame):
            return np.zeros(len(texts)), np.zeros(len(texts), dtype=bool)  # no frame read
        compared = self.events(texts)
        strict = self.strict(texts, compared) if by_frame else np.zeros(len(texts), bool)
        gain = shift(compared, EVENT_BOOST, EVENT_PENALTY, NO_EVENT_PENALTY)
        return gain + STRICT_BOOST * strict, strict

    def swapped(self, texts: Sequence[str]) -> np.ndarray:
        """Whether each text names the sentence's parties in swapped roles (`link.roles`)."""
        return np.array([self.roles.swapped(text) for text in texts], dtype=bool)

    def _full(self, texts: Sequence[str]) -> np.ndarray:
        encode = self.encode_full or full_encoder().encode
        if self._full_query is None:
            self._full_query = encode([self.sentence])[0]
        return encode(list(texts))


def shift(compared: Sequence[str], boost: float, penalty: float, unstated: float) -> np.ndarray:
    """`boost` for a text with the sentence's parties and event class, less `penalty` for one
    with its parties and another event, less `unstated` for one naming no event."""
    gain = {SAME: boost, OTHER: -penalty, UNSTATED: -unstated}
    return np.array([gain.get(c, 0.0) for c in compared], dtype=np.float64)


def with_alignment(reranked: np.ndarray, recall: np.ndarray, weight: float) -> np.ndarray:
    """The reranked similarity mixed with the alignment's recall."""
    return (1 - weight) * reranked + weight * recall


def _mixed(scorer: Relevance, items: list[EvidenceRow]) -> np.ndarray:
    """Each item's mixed similarity: the higher of its whole text's and its content's. Each
    distinct string is scored once, in one call: a content is often its whole text, and
    syndicated copies repeat both (each row's score does not depend on the others)."""
    texts = [i.text for i in items] + [i.content for i in items]
    distinct = list(dict.fromkeys(texts))
    at = {text: k for k, text in enumerate(distinct)}
    scores = scorer(distinct)[[at[text] for text in texts]]
    return np.maximum(scores[: len(items)], scores[len(items) :])


def _relevant(store: Store, candidates: list[EvidenceRow], scorer: Relevance) -> list[Evidence]:
    if not candidates:
        return []
    mixed = _mixed(scorer, candidates)
    contents = [c.content for c in candidates]
    # read by the full encoder if they could reach it, strict frame matches whatever their rank
    events, strict = scorer.event_shift(contents)
    relevance = scorer.relevance(
        contents, mixed, threshold=CHECK_SIMILARITY - events, also=strict) + events
    if FRAMED_FLOOR and fully_framed(scorer.sentence):
        relevance[strict] = np.maximum(relevance[strict], CHECK_SIMILARITY)
    # says who does what the other way round ("Syrians fight beside the Russians")
    relevance[scorer.swapped(contents)] = 0.0
    order = np.argsort(-relevance, kind="stable")
    kept = [i for i in order if relevance[i] >= CHECK_SIMILARITY][:MAX_EVIDENCE]
    found = {candidates[i].claim_id: float(relevance[i]) for i in kept}
    # each proposition once: kept claims often share one, and its members score the same
    propositions = dict.fromkeys(candidates[i].proposition_id for i in kept)
    propositions.pop(None, None)
    # the label of each proposition whose members came in with it: read only where a negated
    # sentence may reverse its members (`_stance`), one query a proposition
    reversing = negated(scorer.sentence)
    labels = {}
    for proposition_id in propositions:
        members = [
            m for m in store.evidence(proposition_id=proposition_id) if m.claim_id not in found
        ]
        if members:
            member_contents = [m.content for m in members]
            scores = _mixed(scorer, members) + scorer.event_shift(member_contents)[0]
            swapped = scorer.swapped(member_contents)
            # by their mixed similarity: the full encoder would read every member
            for member, score, away in zip(members, scores, swapped, strict=True):
                if score >= EXPAND_SIMILARITY and not away:
                    found[member.claim_id] = float(score)
            if reversing:
                proposition = store.proposition(proposition_id)
                labels[proposition_id] = proposition.label if proposition else ""
    items = store.evidence(sorted(found))
    ranked = sorted(items, key=lambda item: (-found[item.claim_id], _by_date(item)))
    return [
        Evidence(item, _stance(scorer.sentence, item, found[item.claim_id], labels),
                 found[item.claim_id])
        for item in ranked
    ]


def _stance(
    sentence: str, item: EvidenceRow, relevance: float, labels: dict[int, str] | None = None
) -> str:
    """The claim's stance toward the sentence: its own (`claim_stance`), turned to refutes
    where the two differ in polarity (`corroborate.link.polarity`) if the claim is relevant
    by itself. A claim that came in with its proposition (`labels`: each such proposition's
    label) keeps its own stance toward the proposition, reversed where a negated sentence
    checks a proposition its label states ("no troops were sent to Tarvel" against "troops
    were sent to Tarvel on Monday"). Its own content is not compared, since propositions
    hold claims on one subject that say other things, and a negation there is seldom the
    sentence's (on the seeds and samples, the rule applied to members' contents turned 6
    supporting claims into refuting ones, all wrongly); nor is a negated label reversed for
    a sentence that is not: a label's negation is as incidental ("the coalition had carried
    out no strikes") and reversing it changed 4 members' stances over the seeds', samples'
    and test reports' 247 labels checked as sentences, none rightly."""
    own = claim_stance(item.certainty, item.cue, item.hedges)
    if relevance >= CHECK_SIMILARITY:
        return toward(sentence, item.content, own)
    label = (labels or {}).get(item.proposition_id)
    if label is not None and negated(sentence) and not negated(label):
        return {SUPPORTS: REFUTES, REFUTES: SUPPORTS}.get(own, own)
    return own


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
            f"{len(supports)} independent source(s) support it ({_names(supports)}); none denies it"
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
            {
                "doc_id": doc_id,
                "stance": found.stance,
                "model": found.model,
                "probabilities": {k: round(v, 3) for k, v in found.probabilities.items()},
            }
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
