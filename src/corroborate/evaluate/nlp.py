"""Score the pipeline on gold-tokenised data: UAS/LAS/UPOS and exact-span NER.

Evaluation runs on gold tokenization and gold sentence boundaries: each gold sentence
becomes one spaCy Doc built from the gold words, and the pipeline components (not the
tokenizer) annotate it. The figures are therefore comparable with published
gold-tokenization results, not with end-to-end raw-text scores.

LAS follows the CoNLL 2018 shared task: punctuation included, and a label counts as right
when its universal part matches (`nsubj:pass` vs `nsubj` is right). `las_full` also
requires the subtype. Words per second covers the pipeline components only.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from corroborate.datasets.ud import Sentence

BATCH_SIZE = 256


@dataclass(frozen=True)
class ParseScores:
    uas: float
    las: float
    las_full: float
    pos_accuracy: float
    words: int


@dataclass(frozen=True)
class EntityScores:
    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int
    correct: int


@dataclass(frozen=True)
class ParsedSentence:
    """A system's analysis of one gold sentence: 0-based heads, UD relations, UPOS."""

    heads: list[int]
    deprels: list[str]
    upos: list[str]


def _universal(deprel: str) -> str:
    return deprel.split(":")[0].lower()


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def score_parse(gold: Sequence[Sentence], predicted: Sequence[ParsedSentence]) -> ParseScores:
    """Attachment and UPOS scores over all words (punctuation included)."""
    words = heads = labelled = labelled_full = pos = 0
    for expected, system in zip(gold, predicted, strict=True):
        rows = zip(
            expected.heads,
            expected.deprels,
            expected.upos,
            system.heads,
            system.deprels,
            system.upos,
            strict=True,
        )
        for g_head, g_rel, g_pos, p_head, p_rel, p_pos in rows:
            words += 1
            pos += g_pos == p_pos
            if g_head != p_head:
                continue
            heads += 1
            labelled += _universal(g_rel) == _universal(p_rel)
            labelled_full += g_rel.lower() == p_rel.lower()
    return ParseScores(
        uas=_ratio(heads, words),
        las=_ratio(labelled, words),
        las_full=_ratio(labelled_full, words),
        pos_accuracy=_ratio(pos, words),
        words=words,
    )


def iob_spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """(start, end, label) spans of an IOB2 sequence; a stray I- starts a new span."""
    spans: set[tuple[int, int, str]] = set()
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        continues = tag.startswith("I-") and tag[2:] == label and start >= 0
        if continues:
            continue
        if start >= 0:
            spans.add((start, i, label))
            start, label = -1, ""
        if tag != "O":
            start, label = i, tag[2:]
    return spans


def score_entities(
    gold: Iterable[set[tuple[int, int, str]]], predicted: Iterable[set[tuple[int, int, str]]]
) -> EntityScores:
    """Exact span-and-type precision, recall and F1 (micro-averaged over sentences)."""
    n_gold = n_predicted = n_correct = 0
    for expected, system in zip(gold, predicted, strict=True):
        n_gold += len(expected)
        n_predicted += len(system)
        n_correct += len(expected & system)
    precision = _ratio(n_correct, n_predicted)
    recall = _ratio(n_correct, n_gold)
    f1 = _ratio(2 * precision * recall, precision + recall) if precision + recall else 0.0
    return EntityScores(precision, recall, f1, n_gold, n_predicted, n_correct)


@dataclass(frozen=True)
class Speed:
    """Words per second by wall clock, and by this process's CPU time (what one core
    delivers when the process has it to itself, on a machine shared with other jobs)."""

    wall: float
    cpu: float


def annotate_gold_words(
    nlp: Language, sentences: Sequence[Sentence], batch_size: int = BATCH_SIZE
) -> tuple[list[Doc], Speed]:
    """Run the pipeline on one Doc per gold sentence; return the docs and the speed."""
    docs = [Doc(nlp.vocab, words=s.words, spaces=s.spaces) for s in sentences]
    started, started_cpu = time.perf_counter(), time.process_time()
    annotated = list(nlp.pipe(docs, batch_size=batch_size))
    elapsed, elapsed_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    words = sum(len(doc) for doc in annotated)
    return annotated, Speed(_ratio(words, elapsed), _ratio(words, elapsed_cpu))


def parsed_sentence(doc: Doc) -> ParsedSentence:
    """Heads within the gold sentence; every predicted sentence root is a root (head = self)."""
    return ParsedSentence(
        heads=[token.head.i for token in doc],
        deprels=[token.dep_ for token in doc],
        upos=[token.pos_ for token in doc],
    )


def evaluate_parse(nlp: Language, sentences: Sequence[Sentence]) -> dict[str, float]:
    docs, speed = annotate_gold_words(nlp, sentences)
    scores = score_parse(sentences, [parsed_sentence(doc) for doc in docs])
    return {
        "uas": scores.uas,
        "las": scores.las,
        "las_full": scores.las_full,
        "pos_accuracy": scores.pos_accuracy,
        "words": scores.words,
        "words_per_second": speed.wall,
        "cpu_words_per_second": speed.cpu,
    }


def evaluate_ner(nlp: Language, sentences: Sequence[Sentence]) -> dict[str, float]:
    docs, speed = annotate_gold_words(nlp, sentences)
    gold = [iob_spans(s.ner or []) for s in sentences]
    predicted = [{(e.start, e.end, e.label_) for e in doc.ents} for doc in docs]
    scores = score_entities(gold, predicted)
    return {
        "precision": scores.precision,
        "recall": scores.recall,
        "f1": scores.f1,
        "gold": scores.gold,
        "predicted": scores.predicted,
        "correct": scores.correct,
        "words": sum(len(s.words) for s in sentences),
        "words_per_second": speed.wall,
        "cpu_words_per_second": speed.cpu,
    }
