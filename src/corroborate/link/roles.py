"""Role-aware matching: does a claim say what a sentence says, with the same roles?

Averaged word vectors and shared words cannot tell "Russian troops fight alongside Syrian
forces" from "Syrian fighters go to fight alongside Russian forces", and they miss a claim
that says the same thing in other words ("Russian soldiers fighting along the regime"). This
module scores a claim against a sentence by its roles:

- the sentence's predicate (its parse's root verb, else its first verb) splits its content
  words into an agent side (before it) and a rest (after it);
- the claim's pivot is its word nearest to that predicate (word vectors of the static
  encoder, `corroborate.embed`; the same stem counts as identical); `event` is how near;
- `agent` is the soft recall of the agent words among the `AGENT_WINDOW` content words just
  before the pivot (where English puts the one who acts: "Russia recruits Syrian fighters to
  fight" has fighters, not Russia, next to "fight"); `rest` that of the other words anywhere
  in the claim. Soft recall: for each word, its nearest claim word (nearness under
  `WORD_FLOOR` counts as nothing), averaged;
- the roles are swapped when the sentence's agent words are found after the claim's pivot
  and its other words before it, clearly better (`SWAP_MARGIN`) than the other way round:
  then the claim says who does what the other way round and scores `SWAPPED`.

The score is `event * (agent + rest) / 2`, in 0..1. Word order stands in for syntax on the claim side
so that claims need no parse (a `check` may score thousands of candidates); the sentence is
parsed once. Only general word vectors are used: no lexicon, nothing fitted to a report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from corroborate.embed import embed
from corroborate.link.propositions import stem

WORD_FLOOR = 0.35  # word-vector cosine under which two words are unrelated
SWAP_MARGIN = 0.1  # crossed sides must beat straight ones by this (of a 0..2 sum)
AGENT_WINDOW = 5  # content words before the pivot where its agent is looked for
SWAPPED = -1.0
_WORD = re.compile(r"(?u)\b[^\W\d_][\w'’-]*\b")
_VERBS = ("VERB",)


def content_words(text: str) -> list[str]:
    """Lowercase words of `text` that are not English stop words, in order."""
    return [w for w in (m.lower() for m in _WORD.findall(text)) if w not in ENGLISH_STOP_WORDS]


@dataclass(frozen=True)
class Frame:
    """A sentence's content words around its predicate."""

    predicate: str
    agent: tuple[str, ...]
    rest: tuple[str, ...]


def frame(sentence: str) -> Frame | None:
    """The sentence's predicate and the content words either side; None without a verb."""
    from corroborate.nlp.parsing import load_nlp

    doc = load_nlp()(sentence)
    roots = [t for t in doc if t.dep_ == "ROOT" and t.pos_ in _VERBS]
    verbs = roots or [t for t in doc if t.pos_ in _VERBS]
    if not verbs:
        return None
    predicate = verbs[0]
    before = content_words(doc[: predicate.i].text)
    after = content_words(doc[predicate.i + 1 :].text)
    return Frame(predicate.text.lower(), tuple(before), tuple(after))


class WordSimilarity:
    """Cosine of single words' static vectors, cached; the same stem scores 1."""

    def __init__(self) -> None:
        self.vectors: dict[str, np.ndarray] = {}

    def add(self, words: Sequence[str]) -> None:
        missing = sorted(set(words) - self.vectors.keys())
        if missing:
            self.vectors.update(zip(missing, embed(missing), strict=True))

    def matrix(self, first: Sequence[str], second: Sequence[str]) -> np.ndarray:
        self.add([*first, *second])
        if not first or not second:
            return np.zeros((len(first), len(second)), dtype=np.float32)
        a = np.stack([self.vectors[w] for w in first])
        b = np.stack([self.vectors[w] for w in second])
        sims = a @ b.T
        same = np.array([[_stem(x) == _stem(y) for y in second] for x in first])
        sims = np.where(same, 1.0, sims)
        return np.where(sims >= WORD_FLOOR, sims, 0.0)


@cache
def _stem(word: str) -> str:
    return stem(word)


class RoleScorer:
    """Role-aware scores of texts against one sentence (see the module's docstring)."""

    def __init__(self, sentence: str, similarity: WordSimilarity | None = None) -> None:
        self.frame = frame(sentence)
        self.similarity = similarity or WordSimilarity()

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        return np.array([self.score(text) for text in texts], dtype=np.float32)

    def score(self, text: str) -> float:
        score, swapped = self.parts(text)
        return SWAPPED if swapped else score

    def parts(self, text: str) -> tuple[float, bool]:
        """The role score ignoring order, and whether the roles are swapped."""
        if self.frame is None:
            return 0.0, False
        words = content_words(text)
        if not words:
            return 0.0, False
        f = self.frame
        rows = [f.predicate, *f.agent, *f.rest]
        sims = self.similarity.matrix(rows, words)
        event_row, agent, rest = sims[0], sims[1 : 1 + len(f.agent)], sims[1 + len(f.agent) :]
        pivot = int(np.argmax(event_row))
        event = float(event_row[pivot])
        if event == 0.0:
            return 0.0, False
        near = agent[:, max(0, pivot - AGENT_WINDOW) : pivot]
        return event * (_recall(near) + _recall(rest)) / 2, _swapped(agent, rest, pivot)


def _recall(sims: np.ndarray) -> float:
    """Mean over rows of each row's best match (rows: the sentence's words)."""
    if sims.shape[0] == 0:
        return 1.0  # nothing to find on that side
    if sims.shape[1] == 0:
        return 0.0
    return float(sims.max(axis=1).mean())


def _swapped(agent: np.ndarray, rest: np.ndarray, pivot: int) -> bool:
    if agent.shape[0] == 0 or rest.shape[0] == 0:
        return False
    left, right = slice(0, pivot), slice(pivot + 1, None)
    straight = _recall(agent[:, left]) + _recall(rest[:, right])
    crossed = _recall(agent[:, right]) + _recall(rest[:, left])
    return crossed > straight + SWAP_MARGIN
