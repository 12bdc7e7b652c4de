"""Disagreement features: does the body say the headline's claim is untrue?

The similarity features find the sentences that talk about the headline; these look inside
them for what a refutation is made of: words that call a story untrue ("hoax", "fake",
"satire", "debunked"), words of denial ("denied", "retracted"), phrases that say a claim
does not hold ("not true", "no evidence", "never happened", and the certainty stage's
denial phrases from `denials.txt`), negation, and quotation marks around a denial. They also
compare the headline's polarity with the body's: a headline that calls a story a hoax
against a body that reports it, or the other way round, is the typical disagreement of
FNC-1.

Cue words are grouped rather than counted as one list, so that the classifier can weigh
"hoax" apart from "denied"; each group is counted in the headline, the best-matching
sentence, the three best, the lead and the whole body, and near the headline's words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from corroborate.lexicon import lexicon as certainty_lexicon
from corroborate.lexicon import lowercase_phrases_regex
from corroborate.resources import lexicon_entries, lexicon_sections

GROUPS = ("falsity", "denial", "phrase", "negation")
NEAR_TOKENS = 6  # a cue this close to a headline word, in the same sentence, is "near"
QUOTES = re.compile(r"[\"“”«»]|(?:^|\s)['‘]|['’](?:\s|$)")

DISAGREE_FEATURE_NAMES = (
    *(f"head_{group}" for group in GROUPS),
    *(f"best_{group}" for group in GROUPS),
    *(f"top3_{group}" for group in GROUPS[:3]),
    *(f"lead_{group}" for group in GROUPS[:3]),
    *(f"body_rate_{group}" for group in GROUPS[:3]),
    "cue_sentence_max_cos",  # the highest headline cosine among sentences with a cue
    "cue_sentence_share",  # share of the headline's related sentences that carry a cue
    "near_cue_top3",  # cues within NEAR_TOKENS of a headline word, in the 3 best sentences
    "near_negation_top3",
    "quoted_cue_top3",  # best sentences with quotation marks and a cue or a negation
    "head_false_body_not",  # the headline calls the story untrue, the best sentences do not
    "body_false_head_not",  # and the other way round
    "negation_mismatch",  # exactly one of headline and best sentence is negated
)


@dataclass(frozen=True)
class Cues:
    """The word lists, copied into the trained model (as `features.LEXICONS` are)."""

    falsity: frozenset[str]
    denial: frozenset[str]
    negation: frozenset[str]
    phrases: tuple[str, ...]

    @property
    def phrase_regex(self) -> re.Pattern[str]:
        return lowercase_phrases_regex(self.phrases)  # the text is lower-cased first


def load_cues() -> Cues:
    """`stance_disagree.txt` plus the certainty stage's denial vocabulary; entries of several
    words go to the phrases."""
    own = lexicon_sections("stance_disagree.txt")
    certainty = certainty_lexicon()
    words: dict[str, set[str]] = {"falsity": set(), "denial": set()}
    phrases = set(own["phrases"]) | set(certainty.denial_phrases)
    for group, entries in (
        ("falsity", own["falsity"] + certainty.falsity),
        ("denial", own["denial"] + certainty.denial_cues),
    ):
        for entry in entries:
            (words[group].add(entry.lower()) if " " not in entry else phrases.add(entry.lower()))
    negation = frozenset(e.lower() for e in lexicon_entries("stance_negation.txt"))
    return Cues(
        frozenset(words["falsity"]), frozenset(words["denial"]), negation, tuple(sorted(phrases))
    )


@dataclass
class TextCues:
    """Cue counts of each sentence of a text (one sentence for a headline)."""

    counts: np.ndarray  # n_sentences x len(GROUPS)
    quoted: np.ndarray  # per sentence: has quotation marks
    words: list[list[str]]  # tokens per sentence
    cue_at: list[np.ndarray]  # per sentence: token positions of falsity / denial words
    negation_at: list[np.ndarray]
    n_tokens: int


def text_cues(
    sentences: Sequence[str], sentence_tokens: Sequence[list[str]], cues: Cues
) -> TextCues:
    """Cue counts of sentences given as text (for phrases and quotes) and as tokens."""
    regex = cues.phrase_regex
    counts = np.zeros((len(sentences), len(GROUPS)), np.float32)
    cue_at, negation_at = [], []
    for i, (sentence, words) in enumerate(zip(sentences, sentence_tokens, strict=True)):
        falsity = [j for j, w in enumerate(words) if w in cues.falsity]
        denial = [j for j, w in enumerate(words) if w in cues.denial]
        negation = [j for j, w in enumerate(words) if w in cues.negation]
        phrases = sum(1 for _ in regex.finditer(sentence))
        counts[i] = (len(falsity), len(denial), phrases, len(negation))
        cue_at.append(np.array(sorted(falsity + denial), dtype=np.int64))
        negation_at.append(np.array(negation, dtype=np.int64))
    quoted = np.array([bool(QUOTES.search(s)) for s in sentences], dtype=bool)
    n_tokens = sum(len(words) for words in sentence_tokens)
    return TextCues(counts, quoted, list(sentence_tokens), cue_at, negation_at, n_tokens)


def pair_values(
    head: TextCues,
    body: TextCues,
    head_content: set[str],
    sentence_cos: np.ndarray,
    related: np.ndarray,
) -> np.ndarray:
    """The DISAGREE_FEATURE_NAMES values of a pair. `sentence_cos`: headline cosine of each
    body sentence; `related`: which sentences share enough of the headline's words."""
    order = np.argsort(-sentence_cos, kind="stable")
    top3, best = order[:3], int(order[0])
    head_counts = head.counts.sum(axis=0)
    top3_counts = body.counts[top3].sum(axis=0)
    has_cue = body.counts[:, :3].sum(axis=1) > 0
    near_cue = near_negation = 0.0
    for i in top3:
        anchors = np.array(
            [j for j, w in enumerate(body.words[i]) if w in head_content], dtype=np.int64
        )
        near_cue += _near(body.cue_at[i], anchors)
        near_negation += _near(body.negation_at[i], anchors)
    head_false = head_counts[0] + head_counts[1] + head_counts[2] > 0
    body_false = top3_counts[0] + top3_counts[1] + top3_counts[2] > 0
    rate = 100 * body.counts[:, :3].sum(axis=0) / max(body.n_tokens, 1)
    values = [
        *head_counts,
        *body.counts[best],
        *top3_counts[:3],
        *body.counts[:2, :3].sum(axis=0),
        *rate,
        float(sentence_cos[has_cue].max()) if has_cue.any() else 0.0,
        float(has_cue[related].mean()) if related.any() else 0.0,
        near_cue,
        near_negation,
        float((body.quoted[top3] & (body.counts[top3].sum(axis=1) > 0)).sum()),
        float(head_false and not body_false),
        float(body_false and not head_false),
        float((head_counts[3] > 0) != (body.counts[best, 3] > 0)),
    ]
    return np.asarray(values, dtype=np.float32)


def _near(cue_at: np.ndarray, anchor_at: np.ndarray) -> float:
    """How many cue positions lie within NEAR_TOKENS of an anchor position."""
    if not len(cue_at) or not len(anchor_at):
        return 0.0
    distances = np.abs(cue_at[:, None] - anchor_at[None, :]).min(axis=1)
    return float((distances <= NEAR_TOKENS).sum())
