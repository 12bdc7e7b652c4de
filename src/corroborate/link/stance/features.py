"""Pair features for stance detection, in the spirit of the best FNC-1 feature systems
(Athene, Talos): TF-IDF / LSA / character n-gram similarity between headline and body and
its most similar sentences, word and bigram overlap, and refuting / hedging / supporting
words in the sentences that talk about the headline.

With `embeddings` (models trained since they were allowed), four more columns: the static
sentence encoder's cosine (`corroborate.embed`) between the headline and the body, its first
sentence, its most similar sentence and the mean of its three most similar, so paraphrases
count where the words differ.

With `disagreement` (the shipped model), the columns of `disagreement.py` follow the base
ones: refutation cues in the sentences most like the headline, and polarity mismatches.

Texts are featurised once per unique headline and per unique body; a pair then costs a few
sparse dot products.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.preprocessing import normalize

from corroborate.link.stance.disagreement import (
    DISAGREE_FEATURE_NAMES,
    TextCues,
    load_cues,
    pair_values,
    text_cues,
)
from corroborate.resources import lexicon_entries

TOKEN = re.compile(r"[a-z0-9]+")
# A regular expression rather than spaCy's sentencizer: bodies are split at run time for
# every new pair, and this keeps a pair well under a millisecond; the features only need
# rough sentence units.
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")
MAX_SENTENCES = 60
LEAD_CHARS = 255
NEAR_TOKENS = 5  # a cue word this close to a headline word counts as "near"
LEXICONS = ("refuting", "hedge", "support", "negation")


@cache
def lexicon(name: str) -> frozenset[str]:
    """A word list from data/lexicons/stance_<name>.txt (comments start with #)."""
    return frozenset(entry.lower() for entry in lexicon_entries(f"stance_{name}.txt"))


def tokens(text: str) -> list[str]:
    lowered = text.lower().replace("n't", " not").replace("n\u2019t", " not")
    return TOKEN.findall(lowered)


def content_tokens(words: Sequence[str]) -> list[str]:
    return [w for w in words if w not in ENGLISH_STOP_WORDS and len(w) > 1]


def split_sentences(text: str) -> list[str]:
    sentences = [s.strip() for s in SENTENCE_BREAK.split(text) if s and s.strip()]
    return sentences[:MAX_SENTENCES] or [""]


Lexicons = tuple[frozenset[str], ...]


def lexicon_counts(words: Sequence[str], lexicons: Lexicons) -> np.ndarray:
    return np.array([sum(w in words_ for w in words) for words_ in lexicons], dtype=np.float32)


@dataclass
class HeadlineView:
    content: set[str]
    bigrams: set[tuple[str, str]]
    n_tokens: int
    word: sparse.csr_matrix  # 1 x V, L2-normalised TF-IDF
    word_bin: sparse.csr_matrix
    char: sparse.csr_matrix
    lsa: np.ndarray
    lex: np.ndarray
    question: float
    embedding: np.ndarray | None = None
    cues: TextCues | None = None  # with disagreement features


@dataclass
class BodyView:
    content: set[str]
    lead: set[str]
    bigrams: set[tuple[str, str]]
    n_tokens: int
    word: sparse.csr_matrix
    char: sparse.csr_matrix
    lsa: np.ndarray
    lex_rate: np.ndarray  # lexicon words per 100 tokens
    sentences: sparse.csr_matrix  # n_sentences x V, L2-normalised TF-IDF
    offset: int  # row of the first sentence in the stacked sentence matrix
    sentences_bin: sparse.csr_matrix
    sentence_lex: np.ndarray  # n_sentences x len(LEXICONS)
    words: np.ndarray  # the body's tokens, for proximity features
    refuting_at: np.ndarray  # token positions of refuting words
    negation_at: np.ndarray
    embedding: np.ndarray | None = None  # the body's static vector
    sentence_embeddings: np.ndarray | None = None  # n_sentences x dims
    cues: TextCues | None = None  # with disagreement features


def _lexicon_columns(prefix: str) -> tuple[str, ...]:
    return tuple(f"{prefix}_{name}" for name in LEXICONS)


FEATURE_NAMES = (
    *("cos_word", "cos_char", "cos_lsa", "cos_lead", "sent_cos_max", "sent_cos_top3"),
    *("sent_argmax_position", "share_sent_cos_gt_0.1", "overlap", "overlap_lead"),
    *("bigram_overlap", "log_head_tokens", "log_body_tokens", "log_sentences"),
    *_lexicon_columns("head"),
    "head_question",
    *_lexicon_columns("body_rate"),
    *_lexicon_columns("top3"),
    *_lexicon_columns("related"),
    "related_sentences",
    *_lexicon_columns("lead"),
    *_lexicon_columns("best"),
    *("head_refuting_parity", "top3_refuting_parity", "head_negation_parity"),
    *("top3_negation_parity", "near_refuting", "near_negation"),
)
EMBEDDING_FEATURE_NAMES = ("emb_cos_body", "emb_cos_lead", "emb_sent_max", "emb_sent_top3")


@dataclass
class PairMatrix:
    """`dense`: FEATURE_NAMES columns; `text`: TF-IDF of the 3 sentences most like the headline."""

    dense: np.ndarray
    text: sparse.csr_matrix


class StanceFeaturizer:
    """Fitted text representations + the pair feature function."""

    def __init__(
        self, word_features: int = 10000, char_features: int = 20000, lsa: int = 40,
        embeddings: bool = False, disagreement: bool = False,
    ):  # fmt: skip
        self.embeddings = embeddings
        self.disagreement = disagreement
        self.word_vectorizer = TfidfVectorizer(
            stop_words="english", ngram_range=(1, 2), max_features=word_features,
            sublinear_tf=True, min_df=2, dtype=np.float32,
        )  # fmt: skip
        self.char_vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), max_features=char_features,
            sublinear_tf=True, min_df=2, dtype=np.float32,
        )  # fmt: skip
        self.svd = TruncatedSVD(lsa, random_state=0)
        # A copy of the word lists the model was trained with, so that the shipped model
        # stays consistent with itself if the lexicon files change (retrain to use them).
        self.lexicons: Lexicons = tuple(lexicon(name) for name in LEXICONS)
        self.cues = load_cues() if disagreement else None

    def fit(self, headlines: Sequence[str], bodies: Sequence[str]) -> StanceFeaturizer:
        texts = sorted(set(headlines)) + sorted(set(bodies))
        words = self.word_vectorizer.fit_transform(texts)
        self.char_vectorizer.fit(texts)
        self.svd.fit(words)
        # The fitted stop-word list is only needed for introspection and bloats the artefact.
        for vectorizer in (self.word_vectorizer, self.char_vectorizer):
            vectorizer.stop_words_ = None
        self.svd.components_ = self.svd.components_.astype(np.float32)
        return self

    def transform(self, headlines: Sequence[str], bodies: Sequence[str]) -> PairMatrix:
        """Dense features and the top-sentence TF-IDF text, one row per (headline, body) pair."""
        head_views = self._headline_views(sorted(set(headlines)))
        body_views, all_sentences = self._body_views(sorted(set(bodies)))
        dense, rows, columns = [], [], []
        for i, (headline, body) in enumerate(zip(headlines, bodies, strict=True)):
            view = body_views[body]
            head = head_views[headline]
            scores = sentence_scores(head, view)
            values, top = pair_features(head, view, scores)
            if self.uses_disagreement:
                assert head.cues is not None and view.cues is not None
                extra = pair_values(head.cues, view.cues, head.content, *scores)
                values = np.concatenate([values, extra])
            if self.uses_embeddings:
                values = np.concatenate([values, embedding_features(head, view)])
            dense.append(values)
            rows += [i] * len(top)
            columns += list(view.offset + top)
        if not dense:
            width = len(self.word_vectorizer.vocabulary_)
            empty = sparse.csr_matrix((0, width), dtype=np.float32)
            return PairMatrix(np.zeros((0, len(self.feature_names)), np.float32), empty)
        shape = (len(dense), all_sentences.shape[0])
        select = sparse.csr_matrix((np.ones(len(rows), np.float32), (rows, columns)), shape=shape)
        return PairMatrix(np.vstack(dense), normalize(select @ all_sentences))

    @property
    def uses_embeddings(self) -> bool:
        return getattr(self, "embeddings", False)  # models pickled before it have none

    @property
    def uses_disagreement(self) -> bool:
        return getattr(self, "disagreement", False)  # models pickled before it have none

    @property
    def feature_names(self) -> tuple[str, ...]:
        return (
            FEATURE_NAMES
            + (DISAGREE_FEATURE_NAMES if self.uses_disagreement else ())
            + (EMBEDDING_FEATURE_NAMES if self.uses_embeddings else ())
        )

    def _lsa(self, matrix: sparse.csr_matrix) -> np.ndarray:
        reduced = np.asarray(matrix @ self.svd.components_.T, dtype=np.float32)
        norms = np.linalg.norm(reduced, axis=1, keepdims=True)
        return reduced / np.maximum(norms, 1e-9)

    def _headline_views(self, headlines: list[str]) -> dict[str, HeadlineView]:
        if not headlines:
            return {}
        word = self.word_vectorizer.transform(headlines)
        char = self.char_vectorizer.transform(headlines)
        lsa = self._lsa(word)
        vectors = _embed(headlines) if self.uses_embeddings else None
        views = {}
        for i, text in enumerate(headlines):
            words = tokens(text)
            content = content_tokens(words)
            views[text] = HeadlineView(
                content=set(content),
                bigrams=set(zip(content, content[1:], strict=False)),
                n_tokens=len(words),
                word=word[i],
                word_bin=_binary(word[i]),
                char=char[i],
                lsa=lsa[i],
                lex=lexicon_counts(words, self.lexicons),
                question=float("?" in text),
                embedding=None if vectors is None else vectors[i],
                cues=self._text_cues([text], [words]),
            )
        return views

    def _text_cues(self, sentences: Sequence[str], words: Sequence[list[str]]) -> TextCues | None:
        if not self.uses_disagreement or self.cues is None:
            return None
        return text_cues([s.lower() for s in sentences], words, self.cues)

    def _body_views(self, bodies: list[str]) -> tuple[dict[str, BodyView], sparse.csr_matrix]:
        """Views of the bodies and the TF-IDF rows of all their sentences, stacked."""
        if not bodies:
            return {}, sparse.csr_matrix((0, len(self.word_vectorizer.vocabulary_)))
        word = self.word_vectorizer.transform(bodies)
        char = self.char_vectorizer.transform(bodies)
        lsa = self._lsa(word)
        sentence_lists = [split_sentences(text) for text in bodies]
        all_sentences = [s for sentences in sentence_lists for s in sentences]
        sentence_matrix = self.word_vectorizer.transform(all_sentences)
        body_vectors = sentence_vectors = None
        if self.uses_embeddings:
            body_vectors, sentence_vectors = _embed(bodies), _embed(all_sentences)
        views, start = {}, 0
        for i, text in enumerate(bodies):
            words = tokens(text)
            content = content_tokens(words)
            count = len(sentence_lists[i])
            matrix = sentence_matrix[start : start + count]
            start += count
            sentence_tokens = [tokens(s) for s in sentence_lists[i]]
            views[text] = BodyView(
                content=set(content),
                lead=set(content_tokens(tokens(text[:LEAD_CHARS]))),
                bigrams=set(zip(content, content[1:], strict=False)),
                n_tokens=len(words),
                word=word[i],
                char=char[i],
                lsa=lsa[i],
                lex_rate=100 * lexicon_counts(words, self.lexicons) / max(len(words), 1),
                sentences=matrix,
                offset=start - count,
                sentences_bin=_binary(matrix),
                words=np.array(words, dtype=object),
                refuting_at=_positions(words, self.lexicons[LEXICONS.index("refuting")]),
                negation_at=_positions(words, self.lexicons[LEXICONS.index("negation")]),
                sentence_lex=np.vstack(
                    [lexicon_counts(words_, self.lexicons) for words_ in sentence_tokens]
                ),
                cues=self._text_cues(sentence_lists[i], sentence_tokens),
                embedding=None if body_vectors is None else body_vectors[i],
                sentence_embeddings=(
                    None if sentence_vectors is None else sentence_vectors[start - count : start]
                ),
            )
        return views, sentence_matrix


def _embed(texts: Sequence[str]) -> np.ndarray:
    from corroborate.embed import embed

    return embed(list(texts))


def embedding_features(head: HeadlineView, body: BodyView) -> np.ndarray:
    """The EMBEDDING_FEATURE_NAMES values of a pair (static-encoder cosines)."""
    assert head.embedding is not None and body.sentence_embeddings is not None
    sentences = body.sentence_embeddings @ head.embedding
    top3 = np.sort(sentences)[::-1][:3]
    return np.array(
        [
            float(body.embedding @ head.embedding),
            float(sentences[0]),
            float(top3[0]),
            float(top3.mean()),
        ],
        dtype=np.float32,
    )


def _positions(words: Sequence[str], vocabulary: frozenset[str]) -> np.ndarray:
    return np.array([i for i, w in enumerate(words) if w in vocabulary], dtype=np.int64)


def _near(cue_at: np.ndarray, anchor_at: np.ndarray) -> float:
    """How many cue positions lie within NEAR_TOKENS of an anchor position."""
    if not len(cue_at) or not len(anchor_at):
        return 0.0
    slot = np.searchsorted(anchor_at, cue_at)
    before = np.abs(cue_at - anchor_at[np.maximum(slot - 1, 0)])
    after = np.abs(anchor_at[np.minimum(slot, len(anchor_at) - 1)] - cue_at)
    return float((np.minimum(before, after) <= NEAR_TOKENS).sum())


def _binary(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    result = matrix.copy()
    result.data[:] = 1
    return result


def _cos(a: sparse.csr_matrix, b: sparse.csr_matrix) -> float:
    # TfidfVectorizer rows are L2-normalised, so the dot product is the cosine.
    return float(a.multiply(b).sum())


def sentence_scores(head: HeadlineView, body: BodyView) -> tuple[np.ndarray, np.ndarray]:
    """Each body sentence's TF-IDF cosine with the headline, and whether it is related
    (shares two of the headline's terms, or its only one)."""
    sentence_cos = np.asarray((body.sentences @ head.word.T).todense()).ravel()
    overlap_counts = np.asarray((body.sentences_bin @ head.word_bin.T).todense()).ravel()
    return sentence_cos, overlap_counts >= min(2, max(int(head.word_bin.nnz), 1))


def pair_features(
    head: HeadlineView, body: BodyView, scores: tuple[np.ndarray, np.ndarray] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The FEATURE_NAMES values of a pair, and the indices of its 3 most similar sentences
    (`scores`: `sentence_scores` of the pair, computed here if not given)."""
    sentence_cos, related = scores if scores is not None else sentence_scores(head, body)
    order = np.argsort(-sentence_cos, kind="stable")
    top3 = order[:3]
    best = int(order[0])
    n_content = max(len(head.content), 1)
    n_sentences = len(sentence_cos)
    top3_lex = body.sentence_lex[top3].sum(axis=0)
    anchor_at = np.flatnonzero(np.isin(body.words, list(head.content))) if head.content else []
    anchor_at = np.asarray(anchor_at, dtype=np.int64)
    values = [
        _cos(head.word, body.word),
        _cos(head.char, body.char),
        float(head.lsa @ body.lsa),
        float(sentence_cos[:2].max()),
        float(sentence_cos.max()),
        float(sentence_cos[top3].mean()),
        best / max(n_sentences - 1, 1),
        float((sentence_cos > 0.1).mean()),
        len(head.content & body.content) / n_content,
        len(head.content & body.lead) / n_content,
        len(head.bigrams & body.bigrams) / max(len(head.bigrams), 1),
        math.log1p(head.n_tokens),
        math.log1p(body.n_tokens),
        math.log1p(n_sentences),
        *head.lex,
        head.question,
        *body.lex_rate,
        *top3_lex,
        *body.sentence_lex[related].sum(axis=0),
        float(related.sum()),
        *body.sentence_lex[:3].sum(axis=0),
        *body.sentence_lex[best],
        float(head.lex[0] % 2),
        float(top3_lex[0] % 2),
        float(head.lex[3] % 2),
        float(top3_lex[3] % 2),
        _near(body.refuting_at, anchor_at),
        _near(body.negation_at, anchor_at),
    ]
    return np.asarray(values, dtype=np.float32), top3
