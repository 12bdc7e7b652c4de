"""How well sentence vectors group headlines by the claim they report (`corroborate eval emergent`).

Emergent (Ferreira & Vlachos, NAACL 2016) pairs news headlines with the claim each one is about.
The headlines are clustered (average-linkage agglomerative clustering on cosine distance, cut at
a threshold) and the clusters scored against the claims with B-cubed precision, recall and F1
and the adjusted Rand index. The claims are split in two halves by a hash of their id: the
threshold is chosen on one half (the highest B-cubed F1) and the figures reported on the other,
so no reported figure is tuned on itself.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import product
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score

from corroborate.errors import InputError

Encoder = Callable[[Sequence[str]], np.ndarray]
THRESHOLDS = tuple(round(0.05 + 0.025 * i, 3) for i in range(37))  # 0.05 .. 0.95


@dataclass(frozen=True)
class Headline:
    text: str
    claim_id: str
    claim: str = ""  # the claim's own headline
    stance: str = ""  # toward the claim: for / against / observing (articleHeadlineStance)


def read_emergent(path: Path) -> list[Headline]:
    """Article headlines and their claim ids from an Emergent `url-versions` CSV."""
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as err:
        raise InputError(str(path), f"cannot read it: {err}") from err
    if rows and not {"articleHeadline", "claimId"} <= rows[0].keys():
        raise InputError(str(path), "no articleHeadline and claimId columns")
    return [
        Headline(row["articleHeadline"].strip(), row["claimId"], row.get("claimHeadline", ""),
                 row.get("articleHeadlineStance", ""))
        for row in rows
        if row["articleHeadline"].strip()
    ]


def in_tuning_half(claim_id: str) -> bool:
    """A fixed half of the claims, by the parity of a hash of the id (not Python's salted hash)."""
    return hashlib.sha256(claim_id.encode("utf-8")).digest()[0] % 2 == 0


def split_by_claim(headlines: Iterable[Headline]) -> tuple[list[Headline], list[Headline]]:
    """(tuning half, held-out half); every claim's headlines fall in the same half."""
    tune, held_out = [], []
    for headline in headlines:
        (tune if in_tuning_half(headline.claim_id) else held_out).append(headline)
    return tune, held_out


def cosine_distances(vectors: np.ndarray) -> np.ndarray:
    """Condensed (scipy) cosine distances between rows; a zero row is at distance 1 from all."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = vectors / np.where(norms == 0, 1.0, norms)
    square = np.clip(1.0 - unit @ unit.T, 0.0, 2.0).astype(np.float64)
    square = (square + square.T) / 2
    np.fill_diagonal(square, 0.0)
    return squareform(square, checks=False)


def cluster_tree(vectors: np.ndarray) -> np.ndarray:
    """Average-linkage merge tree; cut it at any threshold with `cut`."""
    return linkage(cosine_distances(vectors), method="average")


def cut(tree: np.ndarray, threshold: float) -> np.ndarray:
    """Cluster labels: items joined while the average distance between groups is ≤ threshold."""
    return fcluster(tree, t=threshold, criterion="distance")


def bcubed(labels: Sequence[object], gold: Sequence[object]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998), averaged over items."""
    pairs = Counter(zip(labels, gold, strict=True))
    cluster_sizes = Counter(labels)
    class_sizes = Counter(gold)
    # every item in the cell (cluster c, class g) has the same precision n/|c| and recall n/|g|
    precision = sum(n * n / cluster_sizes[c] for (c, _), n in pairs.items()) / len(labels)
    recall = sum(n * n / class_sizes[g] for (_, g), n in pairs.items()) / len(labels)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def clustering_scores(labels: Sequence[object], gold: Sequence[object]) -> dict[str, float]:
    precision, recall, f1 = bcubed(labels, gold)
    return {
        "bcubed_precision": precision,
        "bcubed_recall": recall,
        "bcubed_f1": f1,
        "ari": float(adjusted_rand_score(gold, labels)),
        "clusters": len(set(labels)),
    }


def best_threshold(
    tree: np.ndarray, gold: Sequence[str], thresholds: Sequence[float] = THRESHOLDS
) -> float:
    """The threshold with the highest B-cubed F1 (the lowest such threshold on a tie)."""
    return max(thresholds, key=lambda t: (bcubed(cut(tree, t), gold)[2], -t))


def tfidf_encoder(texts: Sequence[str]) -> np.ndarray:
    """Baseline: TF-IDF word vectors fitted on the texts being clustered."""
    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english")
    return vectorizer.fit_transform(texts).toarray().astype(np.float32)


def mixed_encoder(first: Encoder, second: Encoder, weight: float) -> Encoder:
    """Rows [sqrt(w) a, sqrt(1 - w) b] of unit rows a, b: their cosine is exactly
    w cos_a + (1 - w) cos_b, so a mix of two similarities clusters like one encoder."""

    def encode(texts: Sequence[str]) -> np.ndarray:
        parts = [_unit(first(texts)) * np.sqrt(weight), _unit(second(texts)) * np.sqrt(1 - weight)]
        return np.hstack(parts).astype(np.float32)

    return encode


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def evaluate_encoder(
    encoder: Encoder, tune: Sequence[Headline], held_out: Sequence[Headline]
) -> dict[str, object]:
    """Threshold chosen on `tune`, scores on both halves (the held-out ones are the figures)."""
    tune_tree = cluster_tree(encoder([h.text for h in tune]))
    tune_gold = [h.claim_id for h in tune]
    threshold = best_threshold(tune_tree, tune_gold)
    test_tree = cluster_tree(encoder([h.text for h in held_out]))
    return {
        "threshold": threshold,
        "tuning": clustering_scores(cut(tune_tree, threshold), tune_gold),
        "held_out": clustering_scores(
            cut(test_tree, threshold), [h.claim_id for h in held_out]
        ),
    }


def evaluate_emergent(path: Path, encoders: Mapping[str, Encoder]) -> dict[str, object]:
    """Per encoder: the chosen threshold and its scores on both halves of the claims."""
    tune, held_out = split_by_claim(read_emergent(path))
    if not tune or not held_out:
        raise InputError(str(path), "too few claims to split in two halves")
    return {
        "headlines": {"tuning": len(tune), "held_out": len(held_out)},
        "claims": {
            "tuning": len({h.claim_id for h in tune}),
            "held_out": len({h.claim_id for h in held_out}),
        },
        "encoders": {
            name: evaluate_encoder(encoder, tune, held_out) for name, encoder in encoders.items()
        },
    }


# The ledger's own grouping (corroborate.link.propositions.group): its three thresholds are
# chosen together on the tuning half. Each headline is its own report (Emergent's article ids
# are unique), so the one-report rule never applies here.
LINK_GRID = tuple(round(0.15 + 0.025 * i, 3) for i in range(17))  # 0.15 .. 0.55
FLOOR_GRID = (0.0, 0.05, 0.1, 0.15, 0.2)
LEXICAL_GRID = (0.0, 0.025, 0.05, 0.1)


def evaluate_grouping(
    static: Encoder, tune: Sequence[Headline], held_out: Sequence[Headline]
) -> dict[str, object]:
    """`group`'s thresholds chosen on `tune` (highest B-cubed F1, then the strictest), scores
    on both halves (the held-out ones are the figures)."""
    from corroborate.link.propositions import (
        FLOOR_SIMILARITY,
        LEXICAL_FLOOR,
        LINK_SIMILARITY,
        centred,
        group,
        tfidf_rows,
    )

    def run(half: Sequence[Headline]) -> Callable[[tuple[float, float, float]], np.ndarray]:
        texts = [h.text for h in half]
        vectors, rows = centred(_unit(static(texts)).astype(np.float32)), tfidf_rows(texts)
        return lambda chosen: group(vectors, rows, range(len(texts)), *chosen)

    tune_run, tune_gold = run(tune), [h.claim_id for h in tune]
    grid = [(link, floor, lexical) for link in LINK_GRID for floor in FLOOR_GRID
            for lexical in LEXICAL_GRID if floor <= link]
    scored = {chosen: bcubed(tune_run(chosen), tune_gold)[2] for chosen in grid}
    chosen = max(grid, key=lambda c: (round(scored[c], 4), c))
    return {
        "threshold": {"link": chosen[0], "floor": chosen[1], "lexical": chosen[2]},
        "tuning": clustering_scores(tune_run(chosen), tune_gold),
        "held_out": clustering_scores(run(held_out)(chosen), [h.claim_id for h in held_out]),
        "shipped": {
            "threshold": {"link": LINK_SIMILARITY, "floor": FLOOR_SIMILARITY,
                          "lexical": LEXICAL_FLOOR},
            "held_out": clustering_scores(
                run(held_out)((LINK_SIMILARITY, FLOOR_SIMILARITY, LEXICAL_FLOOR)),
                [h.claim_id for h in held_out],
            ),
        },
    }


# The grouping as a ledger runs it: each held-out headline stored as a report of one claim,
# linked whole (`regroup_all`) or arriving in LEDGER_RUNS ingest runs, each linked
# incrementally in batches of LEDGER_BATCH claims (`link_new`; far smaller than a real run's
# batches, so that most claims meet propositions stored before them). Headlines too short to
# group (`MIN_WORDS`) stay alone, as in the ledger.
LEDGER_RUNS = 10
LEDGER_BATCH = 25


def evaluate_ledger_grouping(held_out: Sequence[Headline]) -> dict[str, object]:
    """B-cubed scores of the ledger's whole and incremental linking on `held_out`."""
    gold = [h.claim_id for h in held_out]
    texts = [h.text for h in held_out]
    return {
        "runs": LEDGER_RUNS,
        "batch": LEDGER_BATCH,
        "whole": clustering_scores(ledger_labels(texts, 1, None), gold),
        "incremental": clustering_scores(ledger_labels(texts, LEDGER_RUNS, LEDGER_BATCH), gold),
    }


def ledger_labels(texts: Sequence[str], runs: int, batch: int | None) -> list[str]:
    """Each text's proposition when the texts, one report each, reach a fresh SQLite
    ledger in `runs` runs of equal size; `batch`: linked incrementally in batches of that
    many claims, None: regrouped whole after the last run."""
    import tempfile

    from corroborate.link.propositions import embed_new, link_new, regroup_all
    from corroborate.store import SQLiteStore

    bounds = np.linspace(0, len(texts), runs + 1).astype(int)
    with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "l.db") as store:
        for start, end in zip(bounds[:-1], bounds[1:], strict=True):
            for i in range(start, end):
                store.put(f"emergent:{i}", _headline_report(texts[i], i), "eval")
            embed_new(store)
            if batch is not None:
                link_new(store, batch)
        if batch is None:
            regroup_all(store)
        found = {item.doc_key: item.proposition_id for item in store.evidence()}
    return [str(found.get(f"emergent:{i}") or f"alone:{i}") for i in range(len(texts))]


def _headline_report(text: str, number: int) -> object:
    from corroborate.model import Claim, Report

    digest = hashlib.sha256(f"{number}:{text}".encode()).hexdigest()
    return Report(path=f"emergent:{number}", format="text", content_hash=digest, raw=text,
                  text=text, noise=(), title=None, title_source=None, published=None,
                  published_source=None, byline=None, outlet=None, outlet_source=None,
                  url=None, language="en", claims_status="extracted",
                  claims=(Claim(0, len(text), text),))


# `check`'s relevance (corroborate.link.check.Relevance): each claim's own headline is the
# sentence checked, its articles' headlines are the evidence to find among all the half's. The
# weight of the full encoder's cosine and the threshold are chosen together; as in `check`, the
# full encoder reads only each sentence's RERANK_MAX candidates with the highest mixed score.
CHECK_GRID = tuple(round(0.1 + 0.0125 * i, 4) for i in range(49))  # 0.1 .. 0.7
WEIGHT_GRID = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6)
# the weight of the soft word alignment's recall (`Relevance.relevance`), chosen with the two
# above. (A predicate gate, tried in the same grid, raised the tuning half's F1 to 0.771 and
# lowered the held-out one to 0.802: not shipped; see `corroborate.link.alignment`.)
ALIGN_GRID = (0.0, 0.1, 0.2, 0.3)
# who did what (`corroborate.link.events`): the gain of a headline with the claim's parties and
# event class, the loss of one with its parties and another event, and the loss of one naming
# no event, chosen with the full encoder's weight and the threshold (alignment's weight 0)
BOOST_GRID = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25)
PENALTY_GRID = (0.0, 0.1, 0.2, 0.3, 0.5, 1.0)
UNSTATED_GRID = (0.0, 0.05, 0.1, 0.2, 0.3)
# a strict frame match (`corroborate.link.frames.strictly`): its gain, chosen with the full
# encoder's weight, the other-event penalty, the no-event penalty and the threshold (the loose
# same-event boost at 0, measured above); strict matches are read by the full encoder whatever
# their mixed rank, as in `check`
STRICT_GRID = (0.0, 0.05, 0.1, 0.125, 0.15, 0.2, 0.25)

Setting = tuple[float, float, float]  # full encoder's weight, alignment's weight, threshold
EventSetting = tuple[float, float, float, float, float]  # weight, boost, penalty, unstated, t
StrictSetting = tuple[float, float, float, float, float]  # weight, penalty, unstated, strict, t
STRICT = -1.0  # the alignment-weight slot of the reranks that read strict matches too


def evaluate_check(
    static: Encoder, tune: Sequence[Headline], held_out: Sequence[Headline],
    full: Encoder | None = None, stance: bool = False,
) -> dict[str, object]:
    """The full encoder's weight, the alignment's weight and the relevance threshold with
    the best pair F1 on `tune`; precision, recall and F1 of the headlines found for each
    claim on both halves. `full`: the full encoder (default: `corroborate.embed.full`).
    `stance`: also score the stance of the held-out headlines found as shipped
    (`corroborate.evaluate.emergent_stance`)."""
    from corroborate.embed import embed
    from corroborate.link.check import (
        ALIGN_WEIGHT,
        CHECK_SIMILARITY,
        EVENT_BOOST,
        EVENT_PENALTY,
        FULL_WEIGHT,
        NO_EVENT_PENALTY,
        STRICT_BOOST,
        STRICT_POOL,
        Relevance,
        with_alignment,
    )
    from corroborate.link.frames import fully_framed

    if full is None:
        from corroborate.embed.full import full_encoder

        full = full_encoder().encode
    from corroborate.link.propositions import common

    def scores(
        half: Sequence[Headline],
    ) -> tuple[dict[tuple[float, float], np.ndarray], np.ndarray, dict[str, int], Events]:
        texts = [h.text for h in half]
        vectors = _unit(embed(texts))
        mean = common(vectors.mean(axis=0), len(vectors))
        claims = sorted({(h.claim_id, h.claim) for h in half})
        known = dict(zip(texts + [c for _, c in claims],
                         full(texts + [c for _, c in claims]), strict=True))

        def cached(found: Sequence[str]) -> np.ndarray:
            return np.stack([known[text] for text in found])

        found: dict[tuple[float, float], list[np.ndarray]] = {
            (w, a): [] for w in WEIGHT_GRID for a in ALIGN_GRID}
        pooled: dict[tuple[float, float], list[np.ndarray]] = {
            (w, STRICT): [] for w in WEIGHT_GRID}  # strict matches read whatever their rank
        gated, compared, strict = [], [], []
        for _, claim in claims:
            relevance = Relevance(claim, texts, mean, encode_full=cached)
            mixed, swapped = relevance(texts), relevance.swapped(texts)
            recall = relevance.alignment.recall(texts)
            gated.append(swapped)
            compared.append(relevance.events(texts))
            strict.append(relevance.strict(texts, compared[-1]))
            for weight in WEIGHT_GRID:
                scored = relevance.rerank(texts, mixed, threshold=-np.inf, weight=weight)
                for align in ALIGN_GRID:
                    combined = with_alignment(scored, recall, align)
                    found[(weight, align)].append(np.where(swapped, 0.0, combined))
                scored = relevance.rerank(texts, mixed, threshold=-np.inf, weight=weight,
                                          also=strict[-1])
                pooled[(weight, STRICT)].append(np.where(swapped, 0.0, scored))
        gold = np.array([[h.claim_id == claim_id for h in half] for claim_id, _ in claims])
        swapped = np.stack(gated)
        counts = {"true_pairs": int((swapped & gold).sum()),
                  "other_pairs": int((swapped & ~gold).sum())}
        events = Events(np.array(compared, dtype=object), swapped, np.array(strict, dtype=bool))
        counts.update(events.counts(gold))
        # claims `check` keeps every strict match of (`FRAMED_FLOOR`): none on Emergent, so
        # the floor, which these scores leave out, would not move them
        counts["framed_claims"] = sum(fully_framed(claim) for _, claim in claims)
        found.update(pooled)
        return {combo: np.stack(rows) for combo, rows in found.items()}, gold, counts, events

    def score(found: np.ndarray, gold: np.ndarray, threshold: float) -> dict[str, float]:
        chosen = found >= threshold
        hits = float((chosen & gold).sum())
        precision = hits / chosen.sum() if chosen.sum() else 0.0
        recall = hits / gold.sum()
        f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
        return {"precision": precision, "recall": recall, "f1": f1}

    (tune_found, tune_gold, tune_gated, tune_events), (
        held_found, held_gold, held_gated, held_events) = (scores(tune), scores(held_out))

    def on(found: dict, gold: np.ndarray, chosen: Setting) -> dict[str, float]:
        return score(found[chosen[:2]], gold, chosen[2])

    def best(grid: list[Setting]) -> Setting:
        # the best tuning F1, then the least full encoder, the least alignment, the highest
        # threshold
        return max(grid, key=lambda c: (round(on(tune_found, tune_gold, c)["f1"], 4), -c[0],
                                        -c[1], c[2]))

    everything = [(w, a, t) for w in WEIGHT_GRID for a in ALIGN_GRID for t in CHECK_GRID]
    chosen = best(everything)
    before = best([c for c in everything if c[1] == 0])
    static_only = best([c for c in everything if c[:2] == (0.0, 0.0)])
    shipped = (FULL_WEIGHT, ALIGN_WEIGHT, CHECK_SIMILARITY)
    shipped_events = (FULL_WEIGHT, EVENT_BOOST, EVENT_PENALTY, NO_EVENT_PENALTY,
                      CHECK_SIMILARITY)
    events = _event_search(tune_found, tune_gold, tune_events)
    strict = _strict_search(tune_found, tune_gold, tune_events)

    def on_events(found: dict, gold: np.ndarray, events: Events, c: EventSetting) -> dict:
        return score(events.shifted(found[(c[0], 0.0)], *c[1:4]), gold, c[4])

    def on_strict(found: dict, gold: np.ndarray, events: Events, c: StrictSetting,
                  pool: bool = True) -> dict:
        key = (c[0], STRICT if pool else 0.0)
        return score(events.shifted(found[key], 0.0, *c[1:4]), gold, c[4])

    shipped_strict = (FULL_WEIGHT, EVENT_PENALTY, NO_EVENT_PENALTY, STRICT_BOOST,
                      CHECK_SIMILARITY)
    stances = tuning_stances = None
    if stance:
        from corroborate.evaluate.emergent_stance import (
            evaluate_stance,
            headline_claims,
            negate,
            scored_headlines,
        )

        pairs = _found_pairs(held_out, _shipped_found(held_found, held_events))
        claims = headline_claims(scored_headlines(pairs))  # extracted once, scored twice
        stances = evaluate_stance(pairs, claims)
        stances["negated"] = evaluate_stance(negate(pairs), claims)
        # what the stance rules were chosen on: every tuning headline, found or not
        tuning_stances = evaluate_stance([(h.claim, h.text, h.stance) for h in tune])

    return {
        "stance": stances,
        "stance_tuning": tuning_stances,
        "full_weight": chosen[0],
        "align_weight": chosen[1],
        "threshold": chosen[2],
        "tuning": on(tune_found, tune_gold, chosen),
        "held_out": on(held_found, held_gold, chosen),
        "without_alignment": {
            "full_weight": before[0],
            "threshold": before[2],
            "tuning": on(tune_found, tune_gold, before),
            "held_out": on(held_found, held_gold, before),
        },
        "without_full_encoder": {
            "threshold": static_only[2],
            "held_out": on(held_found, held_gold, static_only),
        },
        "swapped_roles_gated": {"tuning": tune_gated, "held_out": held_gated},
        "events": {
            "full_weight": events[0],
            "boost": events[1],
            "penalty": events[2],
            "no_event_penalty": events[3],
            "threshold": events[4],
            "tuning": on_events(tune_found, tune_gold, tune_events, events),
            "held_out": on_events(held_found, held_gold, held_events, events),
        },
        "strict": {
            "full_weight": strict[0],
            "penalty": strict[1],
            "no_event_penalty": strict[2],
            "boost": strict[3],
            "threshold": strict[4],
            "tuning": on_strict(tune_found, tune_gold, tune_events, strict),
            "held_out": on_strict(held_found, held_gold, held_events, strict),
            "shipped_pool": STRICT_POOL,
            "shipped_boost": STRICT_BOOST,
            "by_boost": [_strict_row(tune_found, tune_gold, tune_events, held_found,
                                     held_gold, held_events, boost) for boost in STRICT_GRID],
            "shipped_held_out": (
                on_strict(held_found, held_gold, held_events, shipped_strict, STRICT_POOL)
                if EVENT_BOOST == 0 and ALIGN_WEIGHT == 0 and (FULL_WEIGHT, STRICT) in held_found
                else None),
        },
        "shipped": {
            "full_weight": FULL_WEIGHT,
            "align_weight": ALIGN_WEIGHT,
            "threshold": CHECK_SIMILARITY,
            "event_boost": EVENT_BOOST,
            "event_penalty": EVENT_PENALTY,
            "no_event_penalty": NO_EVENT_PENALTY,
            "tuning": (
                on_events(tune_found, tune_gold, tune_events, shipped_events)
                if ALIGN_WEIGHT == 0 and (FULL_WEIGHT, 0.0) in tune_found else None
            ),
            "held_out": (
                on_events(held_found, held_gold, held_events, shipped_events)
                if ALIGN_WEIGHT == 0 and (FULL_WEIGHT, 0.0) in held_found
                else on(held_found, held_gold, shipped) if shipped[:2] in held_found
                else None
            ),
        },
    }


def _shipped_found(found: dict, events: Events) -> np.ndarray:
    """Which headlines (columns) `check` as shipped finds for each claim (rows)."""
    from corroborate.link.check import (
        CHECK_SIMILARITY,
        EVENT_BOOST,
        EVENT_PENALTY,
        FULL_WEIGHT,
        NO_EVENT_PENALTY,
        STRICT_BOOST,
        STRICT_POOL,
    )

    key = (FULL_WEIGHT, STRICT if STRICT_POOL else 0.0)
    scored = events.shifted(found[key], EVENT_BOOST, EVENT_PENALTY, NO_EVENT_PENALTY,
                            STRICT_BOOST)
    return scored >= CHECK_SIMILARITY


def _found_pairs(half: Sequence[Headline], found: np.ndarray) -> list[tuple[str, str, str]]:
    """(claim sentence, headline, gold stance) of the headlines found for their own claim,
    the claims in the order `evaluate_check` scores them."""
    claims = sorted({(h.claim_id, h.claim) for h in half})
    return [(claim, h.text, h.stance) for row, (claim_id, claim) in enumerate(claims)
            for column, h in enumerate(half) if found[row, column] and h.claim_id == claim_id]


@dataclass(frozen=True)
class Events:
    """How each headline's parties and events compare with each claim's
    (`corroborate.link.events.compare`, claims by headlines), and the headlines gated as
    swapped roles."""

    compared: np.ndarray
    swapped: np.ndarray
    strict: np.ndarray  # strict frame matches (`corroborate.link.frames.strictly`)

    def counts(self, gold: np.ndarray) -> dict[str, int]:
        from corroborate.link.events import OTHER, SAME, UNSTATED

        found = {f"{name}_{kind}_pairs": int(((self.compared == name) & among).sum())
                 for name in (SAME, OTHER, UNSTATED)
                 for kind, among in (("true", gold), ("other", ~gold))}
        found["strict_true_pairs"] = int((self.strict & gold & ~self.swapped).sum())
        found["strict_other_pairs"] = int((self.strict & ~gold & ~self.swapped).sum())
        return found

    def shifted(self, found: np.ndarray, boost: float, penalty: float,
                unstated: float, strict: float = 0.0) -> np.ndarray:
        """`found` with `corroborate.link.check.shift` (and `strict` for a strict frame
        match) added, swapped roles still 0."""
        from corroborate.link.events import OTHER, SAME, UNSTATED

        gain = (boost * (self.compared == SAME) - penalty * (self.compared == OTHER)
                - unstated * (self.compared == UNSTATED) + strict * self.strict)
        return np.where(self.swapped, 0.0, found + gain)


def _event_search(found: dict, gold: np.ndarray, events: Events) -> EventSetting:
    """The full encoder's weight, the three event weights and the threshold with the best
    pair F1 (then the least full encoder, the smallest event weights, the highest
    threshold)."""
    def score(weight: float, boost: float, penalty: float, unstated: float) -> np.ndarray:
        return events.shifted(found[(weight, 0.0)], boost, penalty, unstated)

    return _grid_best(score, gold, BOOST_GRID)


def _strict_search(found: dict, gold: np.ndarray, events: Events) -> StrictSetting:
    """The full encoder's weight, the other-event and no-event penalties, the strict match's
    boost and the threshold with the best pair F1 on the reranks that read strict matches
    (then the least full encoder, the smallest weights, the highest threshold)."""
    def score(weight: float, boost: float, penalty: float, unstated: float) -> np.ndarray:
        return events.shifted(found[(weight, STRICT)], 0.0, penalty, unstated, boost)

    weight, boost, penalty, unstated, threshold = _grid_best(score, gold, STRICT_GRID)
    return weight, penalty, unstated, boost, threshold


def _grid_best(
    score: Callable[[float, float, float, float], np.ndarray], gold: np.ndarray,
    boosts: Sequence[float],
) -> EventSetting:
    """(weight, boost, penalty, unstated, threshold) over the grids with the best pair F1 of
    `score(weight, boost, penalty, unstated) >= threshold`, then the least full encoder, the
    smallest weights, the highest threshold."""
    best: tuple[tuple, EventSetting] | None = None
    thresholds = np.array(CHECK_GRID)
    for weight, boost, penalty, unstated in product(WEIGHT_GRID, boosts, PENALTY_GRID,
                                                    UNSTATED_GRID):
        f1 = _f1_at(score(weight, boost, penalty, unstated), gold, thresholds)
        for threshold, value in zip(CHECK_GRID, f1, strict=True):
            key = (round(float(value), 4), -weight, -boost, -penalty, -unstated, threshold)
            if best is None or key > best[0]:
                best = (key, (weight, boost, penalty, unstated, threshold))
    assert best is not None
    return best[1]


def _strict_row(tune_found: dict, tune_gold: np.ndarray, tune_events: Events,
                held_found: dict, held_gold: np.ndarray, held_events: Events,
                boost: float) -> dict[str, float]:
    """At one strict boost, with the shipped weight and penalties: the threshold with the best
    tuning F1, that F1, and the held-out F1 at it and at the shipped threshold."""
    from corroborate.link.check import (
        CHECK_SIMILARITY,
        EVENT_PENALTY,
        FULL_WEIGHT,
        NO_EVENT_PENALTY,
    )

    def f1(found: dict, gold: np.ndarray, events: Events) -> np.ndarray:
        scored = events.shifted(found[(FULL_WEIGHT, STRICT)], 0.0, EVENT_PENALTY,
                                NO_EVENT_PENALTY, boost)
        return _f1_at(scored, gold, np.array(CHECK_GRID))

    tuning, held = f1(tune_found, tune_gold, tune_events), f1(held_found, held_gold, held_events)
    best = max(range(len(CHECK_GRID)), key=lambda i: (round(float(tuning[i]), 4), CHECK_GRID[i]))
    shipped = CHECK_GRID.index(CHECK_SIMILARITY) if CHECK_SIMILARITY in CHECK_GRID else best
    return {"boost": boost, "threshold": CHECK_GRID[best], "tuning_f1": float(tuning[best]),
            "held_out_f1": float(held[best]), "tuning_f1_shipped_threshold": float(tuning[shipped]),
            "held_out_f1_shipped_threshold": float(held[shipped])}


def _f1_at(found: np.ndarray, gold: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """Pair F1 of `found >= t` against `gold` for each threshold t, from one sort."""
    flat, truth = found.ravel(), gold.ravel()
    order = np.argsort(-flat, kind="stable")
    hits = np.concatenate([[0], np.cumsum(truth[order])])
    chosen = np.searchsorted(-flat[order], -thresholds, side="right")
    tp = hits[chosen].astype(np.float64)
    precision = np.divide(tp, chosen, out=np.zeros_like(tp), where=chosen > 0)
    recall = tp / truth.sum()
    total = precision + recall
    return np.divide(2 * precision * recall, total, out=np.zeros_like(tp), where=tp > 0)


def evaluate_ledger(path: Path) -> dict[str, object]:
    """The ledger's grouping and check relevance on the two halves of the claims."""
    from corroborate.embed import load_encoder

    tune, held_out = split_by_claim(read_emergent(path))
    if not tune or not held_out:
        raise InputError(str(path), "too few claims to split in two halves")
    encoder = load_encoder().encode
    return {
        "grouping": evaluate_grouping(encoder, tune, held_out),
        "ledger_grouping": evaluate_ledger_grouping(held_out),
        "check": evaluate_check(encoder, tune, held_out, stance=True),
    }
