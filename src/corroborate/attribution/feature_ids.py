"""The taggers' features as vocabulary ids, computed with numpy: the run-time path of the
BiLSTM role tagger (`RoleIds`) and cue tagger (`CueIds`).

`features.role_features` builds about 26 strings per token of every cue's window (a window
is four sentences, so each token is rebuilt once per nearby cue); the network only needs
their ids in its vocabulary. This module gives the same ids in the same order (a token's
features are summed in that order, and numpy sums long runs pairwise, so the order shows in
the last bits): what depends on the token alone is looked up once per report, and what
depends on the cue (side, distance, sentence, quotes, marks in between) is a small table
indexed with numpy arrays. `features.role_features` stays the definition, used by training,
the CRF and the test that checks this module against it. Hand-written because no library
turns spaCy-derived feature templates into embedding ids.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from corroborate.attribution.features import (
    CLOSE_QUOTES,
    OPEN_QUOTES,
    STRAIGHT_QUOTES,
    Tokenized,
    _cue_head,
    _lexicon_hits,
    _quote_places,
    _relation,
    role_window,
    shape,
)
from corroborate.attribution.neural import UNKNOWN, FeatureRows, _starts
from corroborate.attribution.supersenses import token_features as supersense_features

SIDES = ("L", "in", "R")
L, IN, R = range(3)
LIMITS = np.array([1, 2, 3, 5, 8, 12, 20, 35])  # `features._bucket`; past the last: "far"
BUCKETS = [*map(str, LIMITS.tolist()), "far"]
# `features._marks_of` as bits, in the order their letters sort ("c" < "q" < "s")
CLAUSE, QUOTE, SENTENCE = 1, 2, 4
CLAUSE_MARKS = frozenset({",", ";", ":", "—", "–", "("})
CODES = ["".join(ch for bit, ch in ((1, "c"), (2, "q"), (4, "s")) if code & bit)
         for code in range(8)]
ABSENT = -1  # a feature this token does not have ("near=" beyond three tokens)


class Vocabulary:
    """A tagger's vocabulary with what `RoleIds` or `CueIds` learn about it across reports:
    which feature kinds it holds, the ids of the words and of the contexts (syntax,
    relations) already seen; bounded: forgotten past MEMO_SIZE entries. One per tagger."""

    MEMO_SIZE = 200_000

    def __init__(self, vocab: dict[str, int]) -> None:
        self.vocab = vocab
        self.prefixes = {feature.split("=", 1)[0] for feature in vocab}
        self.memos: dict[str, dict] = {}

    def memo(self, kind: str) -> dict:
        """The ids kept for one kind of key ("role words", "cue syntax", ...)."""
        return self.memos.setdefault(kind, {})

    def forget_if_full(self) -> None:
        for memo in self.memos.values():
            if len(memo) > self.MEMO_SIZE:
                memo.clear()


def _known(vocab: dict[str, int] | Vocabulary) -> Vocabulary:
    return vocab if isinstance(vocab, Vocabulary) else Vocabulary(vocab)


class RoleIds:
    """One report's role features as ids of one vocabulary; `window` gives a cue's."""

    def __init__(self, doc: Tokenized, vocab: dict[str, int] | Vocabulary) -> None:
        self.known = _known(vocab)
        self.known.forget_if_full()
        self.doc, self.vocab = doc, self.known.vocab
        get = self.get
        tokens = doc.tokens
        self.lower = [t.text.lower() for t in tokens]
        ends = doc.sentence_ends
        words = self.known.memo("role words")
        for t in tokens:
            if t.text not in words:
                w = t.text.lower()
                words[t.text] = [get("bias"), get(f"w={w}"), get(f"s3={w[-3:]}"),
                                 get(f"sh={shape(t.text)}"), get(f"-1w={w}"), get(f"1w={w}")]
        table = np.array([words[t.text] for t in tokens], dtype=np.int64).reshape(
            len(tokens), 6)
        self.word, self.before, self.after = table[:, :4], table[:, 4], table[:, 5]
        self.quote = np.array([t.in_quote for t in tokens], dtype=np.int64)
        self.q_ids = self._ids(self.quote, lambda q: f"q={q}")
        self.eos = np.array([get(f"eos={int(i in ends)}{int(i + 1 in ends)}")
                             for i in range(len(tokens))], dtype=np.int64)
        tags = {t.tag: get(f"t={t.tag}") for t in tokens}
        deps = {t.dep: get(f"dep={t.dep}") for t in tokens}
        self.tag = np.array([tags[t.tag] for t in tokens], dtype=np.int64)
        self.dep = np.array([deps[t.dep] for t in tokens], dtype=np.int64)
        self.sent = np.array([t.sent for t in tokens], dtype=np.int64)
        self.para = np.array([t.para for t in tokens], dtype=np.int64)
        self.marks = np.array([_mark_bits(t.text) for t in tokens], dtype=np.int64)
        self.parsed = doc.parsed
        self.d_ids = np.array([[get(f"d={s}{b}") for b in BUCKETS] for s in SIDES])
        self.d_ids[IN, :] = get("d=in0")
        self.between_ids = np.array([[get(f"between={c}|{s}") for s in SIDES] for c in CODES])
        self.relations = self.known.memo("role relations")
        # the ids of features with a few values, looked up once per report, not per window
        self.side_ids = np.array([get(f"side={s}") for s in SIDES])
        self.sent_ids = np.array([get(f"sent={d}") for d in range(-2, 3)])
        self.cq_ids = np.array([[get(f"cq={c}{q}") for q in (0, 1)] for c in (0, 1)])
        self.other_ids = np.array([get(f"other={o}") for o in (0, 1)])
        self.other_before_ids = np.array([get(f"-1other={o}") for o in (0, 1)])
        self.other_after_ids = np.array([get(f"1other={o}") for o in (0, 1)])
        self.edge_before, self.edge_after = get("-1w=<edge>"), get("1w=<edge>")

    def get(self, feature: str) -> int:
        return self.vocab.get(feature, UNKNOWN)

    def _ids(self, values: np.ndarray, name: Callable[[int], str]) -> np.ndarray:
        """`values` (small integers) mapped to the ids of the features `name` makes of them."""
        if not len(values):
            return values
        uniques, inverse = np.unique(values, return_inverse=True)
        return np.array([self.get(name(int(u))) for u in uniques], dtype=np.int64)[inverse]

    def window(self, cue: tuple[int, int], others: set[int]) -> FeatureRows:
        """The ids of `features.role_features(doc, cue, others)`, token after token."""
        first, last = role_window(self.doc, cue)
        size, get = last - first, self.get
        at = np.arange(first, last)
        side = np.where(at < cue[0], L, np.where(at < cue[1], IN, R))
        distance = np.where(side == L, cue[0] - at, at - cue[1] + 1)
        bucket = np.searchsorted(LIMITS, distance, side="left")
        cue_sent, cue_para = self.sent[cue[0]], self.para[cue[0]]
        cue_quote = int(self.quote[cue[0]])
        cue_words = " ".join(self.lower[cue[0] : cue[1]])
        other = np.zeros(size + 2, dtype=np.int64)  # tokens first - 1 .. last: another cue's?
        other[[i - first + 1 for i in others if first - 1 <= i <= last]] = 1
        quotes = _quote_places(self.doc, first, last, cue)
        columns = [
            self.word[first:last],
            self.side_ids[side],
            self.d_ids[side, bucket],
            self.sent_ids[np.clip(self.sent[first:last] - cue_sent, -2, 2) + 2],
            self.q_ids[first:last],
            self.cq_ids[cue_quote][self.quote[first:last]],
            np.array([get(f"cue={cue_words}|{s}") for s in SIDES])[side],
            self.other_ids[other[1:-1]],
            self._ids(self.para[first:last] - cue_para, lambda p: f"para={p}"),
            self.between_ids[self._between(first, last, cue, cue_sent), side],
            *self._quote_ids(quotes, side),
            self.eos[first:last],
            self._near(first, last, side, distance),
        ]
        if self.parsed:
            columns += [self.tag[first:last], self.dep[first:last],
                        self._relation_ids(first, last, cue, side)]
        before = self.before[first - 1 : last - 1].copy() if first else np.r_[0, self.before[
            : last - 1]]
        before[0] = self.edge_before
        after = np.r_[self.after[first + 1 : last], self.edge_after]
        columns += [before, self.other_before_ids[other[:-2]], after,
                    self.other_after_ids[other[2:]]]
        table = np.column_stack([c.reshape(size, -1) for c in columns])
        present = table >= 0
        return FeatureRows(table[present], _starts(present.sum(axis=1)))

    def _between(self, first: int, last: int, cue: tuple[int, int], cue_sent: int) -> np.ndarray:
        """`features._between_marks` as bit codes: the marks strictly between each token and
        the cue (in-cue tokens: none)."""
        bits = self.marks[first:last] | np.where(self.sent[first:last] != cue_sent, SENTENCE, 0)
        codes = np.zeros(last - first, dtype=np.int64)
        left, right = cue[0] - first, cue[1] - first
        if left > 1:  # token i: the marks of tokens i+1 .. cue start - 1
            codes[: left - 1] = np.bitwise_or.accumulate(bits[1:left][::-1])[::-1]
        if last - first - right > 1:  # token i: the marks of tokens cue end .. i-1
            codes[right + 1 :] = np.bitwise_or.accumulate(bits[right:-1])
        return codes

    def _quote_ids(self, quotes: list[str], side: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        names = sorted(set(quotes))
        index = np.array([names.index(q) for q in quotes], dtype=np.int64)
        place = np.array([self.get(f"qr={q}") for q in names])[index]
        by_side = np.array([[self.get(f"qr|side={q}|{s}") for s in SIDES] for q in names])
        return place, by_side[index, side]

    def _near(self, first: int, last: int, side: np.ndarray, distance: np.ndarray) -> np.ndarray:
        near = np.full(last - first, ABSENT, dtype=np.int64)
        for n in np.flatnonzero((side != IN) & (distance <= 3)).tolist():
            word = self.lower[first + n]
            near[n] = self.get(f"near={SIDES[side[n]]}{distance[n]}|{word}")
        return near

    def _relation_ids(
        self, first: int, last: int, cue: tuple[int, int], side: np.ndarray
    ) -> np.ndarray:
        """The rel=, rel|side= and rel|dep= ids (tokens x 3), `features._relations`."""
        tokens = self.doc.tokens
        cue_head = _cue_head(self.doc, cue)
        ancestors: dict[int, int] = {}  # as `features._relations`
        node, depth = tokens[cue_head].head, 1
        while node >= 0 and node not in ancestors and depth < 50:
            ancestors[node] = depth
            node, depth = tokens[node].head, depth + 1
        known, get = self.relations, self.get
        rows = []  # one array from a list at the end: a numpy row assignment per token cost more
        for i, s in zip(range(first, last), side.tolist(), strict=True):
            relation = _relation(tokens, i, cue_head, ancestors)
            key = (relation, s, tokens[i].dep)
            if key not in known:
                known[key] = (get(f"rel={relation}"), get(f"rel|side={relation}|{SIDES[s]}"),
                              get(f"rel|dep={relation}|{key[2]}"))
            rows.append(known[key])
        return np.array(rows, dtype=np.int64).reshape(last - first, 3)


def _mark_bits(word: str) -> int:
    if word in OPEN_QUOTES or word in CLOSE_QUOTES or word in STRAIGHT_QUOTES:
        return QUOTE
    return CLAUSE if word in CLAUSE_MARKS else 0


# the cue tagger's neighbours (`features.cue_features`): offset, and the columns of the
# per-word table below holding "{off}w=" and "{off}sh=" of a word
NEIGHBOURS = (-2, -1, 1, 2)
LEX_HITS = ("", "B", "I")
POSITIONS = ("first", "last", "mid", "near-edge")


class CueIds:
    """One report's cue features (`features.cue_features`) as ids of one vocabulary: the
    same ids in the same order, each token's features built once from per-word tables
    instead of about 35 strings."""

    def __init__(self, doc: Tokenized, vocab: dict[str, int] | Vocabulary) -> None:
        self.doc = doc
        self.known = _known(vocab)
        self.known.forget_if_full()
        self.vocab, self.prefixes = self.known.vocab, self.known.prefixes
        self.memo = self.known.memo("cue syntax")

    def get(self, feature: str) -> int:
        return self.vocab.get(feature, UNKNOWN)

    def sentences(self) -> list[FeatureRows]:
        """The ids of each sentence's features, `cue_features(doc)` sentence by sentence."""
        table = self._table()
        present = table >= 0
        counts = present.sum(axis=1)
        return [FeatureRows(table[first:last][present[first:last]], _starts(counts[first:last]))
                for first, last in self.doc.sentences]

    def _table(self) -> np.ndarray:
        """Tokens x feature slots: every token's ids in `cue_features` order, ABSENT where a
        token has fewer features (at a sentence edge, untagged, fewer supersenses)."""
        doc, get = self.doc, self.get
        tokens, size = doc.tokens, len(doc.tokens)
        texts = [t.text for t in tokens]
        uniques = list(dict.fromkeys(texts))
        words = self.known.memo("cue words")
        for text in uniques:
            if text not in words:
                words[text] = self._word_ids(text)
        word = np.array([words[text] for text in uniques], dtype=np.int64).reshape(
            len(uniques), 11)
        index = {text: n for n, text in enumerate(uniques)}
        at = np.array([index[text] for text in texts], dtype=np.int64)
        first, last = np.zeros(size, dtype=np.int64), np.zeros(size, dtype=np.int64)
        for a, b in doc.sentences:
            first[a:b], last[a:b] = a, b
        here = np.arange(size)
        hits = np.array([LEX_HITS.index(h) for h in _lexicon_hits(tokens)], dtype=np.int64)
        columns = [
            np.full(size, get("bias")), word[at, 0:3],
            np.array([get(f"lex={h}") for h in LEX_HITS])[hits],
            np.array([get(f"q={q}") for q in (0, 1)])[[int(t.in_quote) for t in tokens]],
            np.array([get(f"pos={p}") for p in POSITIONS])[_positions(here - first,
                                                                      last - here - 1)],
        ]
        for n, off in enumerate(NEIGHBOURS):
            j = here + off
            inside = (first <= j) & (j < last)
            k = at[np.clip(j, 0, size - 1)]
            lex = np.array([get(f"{off}lex={h}") for h in LEX_HITS])[hits[np.clip(j, 0,
                                                                               size - 1)]]
            columns += [np.where(inside, word[k, 3 + n], get(f"{off}w=<edge>")),
                        np.where(inside, lex, ABSENT), np.where(inside, word[k, 7 + n], ABSENT)]
        columns.append(self._pairs(texts, first, last))
        columns.append(self._syntax(first, last))
        columns.append(self._supersenses())
        return np.column_stack([c.reshape(size, -1) for c in columns])

    def _word_ids(self, text: str) -> list[int]:
        """w=, s3=, sh=, then "{off}w=" of the four neighbours, then "{off}sh=" of them."""
        lower, form, get = text.lower(), shape(text), self.get
        return [get(f"w={lower}"), get(f"s3={lower[-3:]}"), get(f"sh={form}"),
                *(get(f"{off}w={lower}") for off in NEIGHBOURS),
                *(get(f"{off}sh={form}") for off in NEIGHBOURS)]

    def _pairs(self, texts: list[str], first: np.ndarray, last: np.ndarray) -> np.ndarray:
        """bi-= and bi+= (words with the one before and after); training drops them from
        the shipped vocabularies, so they are built only when the vocabulary has some."""
        pairs = np.zeros((len(texts), 2), dtype=np.int64)
        if not {"bi-", "bi+"} & self.prefixes:
            return pairs
        lower = [t.lower() for t in texts]
        for i, word in enumerate(lower):
            prev = lower[i - 1] if i > first[i] else "<s>"
            nxt = lower[i + 1] if i + 1 < last[i] else "</s>"
            pairs[i] = self.get(f"bi-={prev}|{word}"), self.get(f"bi+={word}|{nxt}")
        return pairs

    def _syntax(self, first: np.ndarray, last: np.ndarray) -> np.ndarray:
        """`features._syntax_features` of tagged tokens (ABSENT for untagged ones)."""
        doc, memo = self.doc, self.memo
        tokens, kids = doc.tokens, doc.child_deps if doc.tokens else []
        out = np.full((len(tokens), 7), ABSENT, dtype=np.int64)
        for i, token in enumerate(tokens):
            if not token.tag:
                continue
            head = tokens[token.head].tag if token.head >= 0 else "ROOT"
            before = tokens[i - 1].tag if i - 1 >= first[i] else "<edge>"
            after = tokens[i + 1].tag if i + 1 < last[i] else "<edge>"
            key = (token.tag, token.dep, kids[i], head, before, after)
            if key not in memo:
                memo[key] = self._syntax_ids(*key)
            out[i] = memo[key]
        return out

    def _syntax_ids(
        self, tag: str, dep: str, kids: str, head: str, before: str, after: str
    ) -> tuple[int, ...]:
        get = self.get
        return (get(f"t={tag}"), get(f"dep={dep}"), get(f"kids={kids}"),
                get(f"t|kids={tag}|{kids}"), get(f"ht={head}|{dep}"), get(f"-1t={before}"),
                get(f"1t={after}"))

    def _supersenses(self) -> np.ndarray:
        found = [supersense_features(t.text, t.tag) for t in self.doc.tokens]
        width = max(map(len, found), default=0)
        out = np.full((len(found), width), ABSENT, dtype=np.int64)
        for i, features in enumerate(found):
            out[i, : len(features)] = [self.get(f) for f in features]
        return out


def _positions(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """`features._position` as an index into POSITIONS."""
    mid = np.where((before > 2) & (after > 2), 2, 3)
    return np.where(before == 0, 0, np.where(after == 0, 1, mid))
