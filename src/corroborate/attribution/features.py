"""Tokens and CRF features for attribution tagging.

Two taggers share this module: the cue tagger labels every sentence (B-CUE / I-CUE / O),
then, for each cue, the role tagger labels a window of sentences around it with the cue's
source (S) and content (C). Role features are relative to that one cue (direction,
distance, same sentence, quotes and commas in between), which lets nested and overlapping
attributions each get their own source and content, something one BIO layer over the text
cannot express.

Tokenization is spaCy's rule-based English tokenizer and sentencizer (`spacy.blank("en")`),
run paragraph by paragraph so a line break always ends a sentence.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import spacy
from spacy.attrs import DEP, HEAD, IDX, IS_SPACE, LENGTH, SENT_START, TAG
from spacy.language import Language
from spacy.tokens import Doc

from corroborate.attribution.supersenses import token_features as supersense_features
from corroborate.resources import lexicon_sections

OPEN_QUOTES = frozenset("“‘«")
CLOSE_QUOTES = frozenset("”’»")
STRAIGHT_QUOTES = frozenset("\"")
ALL_QUOTES = OPEN_QUOTES | CLOSE_QUOTES | STRAIGHT_QUOTES | {"''", "``"}
# marks that open a quotation where none is open and close it otherwise, for
# `Tokenized.quotations` (the features' `in_quote` knows STRAIGHT_QUOTES only)
PAIRED_QUOTES = STRAIGHT_QUOTES | {"''"}
# sentences of context around a cue's sentence in which its source and content are sought;
# on PolNeAR train these hold the whole content of about 95% of attributions
WINDOW_BEFORE = 1
WINDOW_AFTER = 2
# longest sentence the taggers read in one piece: a longer run (a page's furniture with no
# sentence punctuation, 4,000 words of it) is cut into pieces of this many tokens, so that a
# cue's window (WINDOW_BEFORE + 1 + WINDOW_AFTER sentences) is bounded and a page costs
# linear time; the longest sentence of PolNeAR dev has 105 tokens, so none is cut there
MAX_SENTENCE_TOKENS = 150


# pipeline components whose output the features read (the rest are skipped for speed)
# children that mark a verb as taking a subject and a clause or object: reporting verbs do
_CLAUSE_DEPS = frozenset({"nsubj", "ccomp", "xcomp", "obj", "parataxis", "mark", "obl"})


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    sent: int  # sentence number in the document
    para: int  # paragraph (line) number
    in_quote: bool  # inside quotation marks opened earlier in the same paragraph
    tag: str = ""  # fine-grained part of speech, when a tagger ran
    dep: str = ""  # dependency label, when a parser ran
    head: int = -1  # index of the syntactic head in the document's tokens (-1: root or none)


@dataclass(frozen=True)
class Tokenized:
    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[tuple[int, int], ...]  # (first token, one past last token) per sentence
    # per token, the English pipeline's contextual tok2vec vector (doc.tensor), when it ran
    vectors: np.ndarray | None = field(default=None, compare=False, repr=False)

    @functools.cached_property
    def token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    @functools.cached_property
    def token_ends(self) -> list[int]:
        return [t.end for t in self.tokens]

    @functools.cached_property
    def child_deps(self) -> list[str]:
        """Per token: the sorted, distinct dependency labels of its children ('' unparsed)."""
        labels: list[set[str]] = [set() for _ in self.tokens]
        for token in self.tokens:
            if token.head >= 0:
                labels[token.head].add(token.dep.split(":")[0])
        return ["+".join(sorted(kids & _CLAUSE_DEPS)) if kids else "" for kids in labels]

    @functools.cached_property
    def quote_regions(self) -> list[int]:
        """Per token: the number of the quotation (marks included) it belongs to, or -1."""
        return _regions(self.tokens, [token.in_quote for token in self.tokens])

    @functools.cached_property
    def quotations(self) -> tuple[list[bool], list[int]]:
        """Per token: whether it is inside a quotation, and the quotation's number (marks
        included) or -1, with the doubled apostrophes of some newspapers ('' ... '', ``)
        counted as marks too, which `in_quote` and `quote_regions`, the taggers' features,
        do not count (the shipped networks were trained so). For post-processing the
        taggers' runs (`tagger.close_quotes`)."""
        inside, opened = [], False
        for n, token in enumerate(self.tokens):
            if n and token.para != self.tokens[n - 1].para:
                opened = False
            word = token.text
            opens = word in OPEN_QUOTES or word == "``" or (word in PAIRED_QUOTES and not opened)
            closes = word in CLOSE_QUOTES or (word in PAIRED_QUOTES and opened)
            inside.append(opened and not closes)
            opened = (opened or opens) and not closes
        return inside, _regions(self.tokens, inside)

    @functools.cached_property
    def sentence_ends(self) -> set[int]:
        return {last - 1 for _, last in self.sentences}

    @property
    def parsed(self) -> bool:
        return any(token.dep for token in self.tokens)


def _regions(tokens: Sequence[Token], inside: Sequence[bool]) -> list[int]:
    """Per token: the number of the quotation (marks included) it belongs to, or -1, given
    which tokens are inside one."""
    regions = [-1] * len(tokens)
    current, count = -1, 0
    for i, token in enumerate(tokens):
        is_mark = token.text in ALL_QUOTES
        if inside[i]:
            if current < 0:
                current, count = count, count + 1
            regions[i] = current
        elif is_mark and current >= 0 and tokens[i - 1].para == token.para:
            regions[i], current = current, -1  # the closing mark
        elif is_mark and i + 1 < len(tokens) and inside[i + 1]:
            current, count = count, count + 1  # the opening mark
            regions[i] = current
        else:
            current = -1
    return regions


@functools.cache
def _tokenizer() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@functools.cache
def cue_lexicon() -> frozenset[str]:
    """Lower-cased reporting words and phrases (data file, one a line, `#` comments)."""
    return frozenset(entry.lower() for entry in lexicon_sections("cues.txt")["tagger"])


def token_vectors(doc: Doc) -> np.ndarray | None:
    """The contextual vectors (doc.tensor rows) of a parsed doc's non-space tokens, in the
    order `Tokenized.tokens` keeps them, followed by each token's static word vector when
    the pipeline's vocab has a table (GloVe; zeros for a word outside it); None when no
    tok2vec ran. For a `Tokenized` built from a spaCy Doc elsewhere: pass these as its
    `vectors` (the BiLSTM taggers read them; without them they run on zeros, a weaker
    model)."""
    if doc.tensor.shape[0] != len(doc) or not doc.tensor.size:
        return None
    kept = np.flatnonzero(doc.to_array(IS_SPACE) == 0)  # no Python token per word
    contextual = doc.tensor[kept]
    table = doc.vocab.vectors
    if not table.size:
        return contextual
    rows = table.find(keys=doc.to_array(table.attr)[kept])  # -1: no vector
    static = np.where((rows >= 0)[:, None], table.data[rows], 0.0).astype(np.float32)
    return np.concatenate([contextual, static], axis=1)


def tokenize(text: str, nlp: Language | None = None) -> Tokenized:
    """Tokens (whitespace dropped) and sentences of `text`, with quote state; with `nlp` (a
    pipeline with a tagger and parser) also tags, dependency labels, heads and vectors.

    The one tokenisation path of training, evaluation and run time: the text is parsed in
    windows of whole paragraphs (`nlp.parsing.parse`), as the ingest pipeline parses a report."""
    from corroborate.nlp.parsing import parse

    return tokenized_from_doc(next(parse([text], nlp or _tokenizer())))


def _paragraph_numbers(text: str, starts: Sequence[int]) -> list[int]:
    """The paragraph of each offset, counting non-blank lines."""
    lines = [m.start() for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    return [max(0, bisect.bisect_right(lines, start) - 1) for start in starts]


def tokenized_from_doc(doc: Doc) -> Tokenized:
    """The tagger's view of a parsed text: its non-space tokens with tags, tree and tok2vec
    vectors, a sentence break at every line break and after MAX_SENTENCE_TOKENS tokens
    without one, quote state reset per paragraph.

    Read from `doc.to_array` columns and `doc.text` sliced, not token by token: spaCy makes
    a Python object per token and per head on every access (this was 3% of ingest)."""
    text = doc.text  # once: spaCy rebuilds it from every token on each access
    columns = doc.to_array([IDX, LENGTH, HEAD, SENT_START, IS_SPACE, TAG, DEP])
    kept = np.flatnonzero(columns[:, 4] == 0)
    index = np.full(len(doc), -1, dtype=np.int64)
    index[kept] = np.arange(len(kept))
    starts = columns[kept, 0].tolist()
    ends = (columns[kept, 0] + columns[kept, 1]).tolist()
    relative = columns[kept, 2].view(np.int64)  # head.i - i, stored unsigned
    heads = np.where(relative != 0, index[kept + relative], -1).tolist()
    opens_sentence = (columns[kept, 3].view(np.int64) == 1).tolist()
    strings = doc.vocab.strings
    names = {key: strings[key] for key in set(columns[kept, 5:7].ravel().tolist())}
    tags = [names[key] for key in columns[kept, 5].tolist()]
    deps = [names[key] for key in columns[kept, 6].tolist()]
    paras = _paragraph_numbers(text, starts)
    tokens: list[Token] = []
    sentences: list[tuple[int, int]] = []
    in_quote, first = False, 0
    for n, (start, end) in enumerate(zip(starts, ends, strict=True)):
        starts_sentence = (n == 0 or opens_sentence[n] or paras[n] != paras[n - 1]
                           or n - first >= MAX_SENTENCE_TOKENS)
        if starts_sentence and n > first:
            sentences.append((first, n))
            first = n
        if n and paras[n] != paras[n - 1]:
            in_quote = False
        word = text[start:end]
        opens = word in OPEN_QUOTES or (word in STRAIGHT_QUOTES and not in_quote)
        closes = word in CLOSE_QUOTES or (word in STRAIGHT_QUOTES and in_quote)
        tokens.append(Token(start, end, word, len(sentences), paras[n], in_quote and not closes,
                            tags[n], deps[n], heads[n]))
        in_quote = (opens and not closes) or (in_quote and not closes)
    if len(starts) > first:
        sentences.append((first, len(starts)))
    return Tokenized(text, tuple(tokens), tuple(sentences), token_vectors(doc))


@functools.lru_cache(maxsize=1 << 16)  # words repeat: this was about 12% of ingest time
def shape(word: str) -> str:
    """Collapsed word shape: 'Obama' -> 'Xx', '2016' -> 'd', 'U.S.' -> 'X.X.'."""
    mapped = re.sub(r"\d", "d", re.sub(r"[A-Z]", "X", re.sub(r"[a-z]", "x", word)))
    return re.sub(r"(.)\1+", r"\1", mapped)


def word_features(word: str, prefix: str) -> list[str]:
    lower = word.lower()
    return [f"{prefix}w={lower}", f"{prefix}s3={lower[-3:]}", f"{prefix}sh={shape(word)}"]


@functools.cache
def _cue_first_words() -> frozenset[str]:
    return frozenset(entry.split(" ")[0] for entry in cue_lexicon())


def _lexicon_hits(tokens: tuple[Token, ...]) -> list[str]:
    """Per token: 'B'/'I' where a lexicon phrase (up to three words) starts or continues."""
    lexicon, firsts = cue_lexicon(), _cue_first_words()
    hits = [""] * len(tokens)
    for i, token in enumerate(tokens):
        word = token.text.lower()
        if word not in firsts and " " not in word:
            continue  # no phrase of the lexicon starts with this word (the loop's answer)
        for size in (3, 2, 1):
            phrase = " ".join(t.text.lower() for t in tokens[i : i + size])
            if phrase in lexicon and len(tokens[i : i + size]) == size:
                hits[i] = hits[i] or "B"
                for j in range(i + 1, i + size):
                    hits[j] = "I"
                break
    return hits


def cue_features(doc: Tokenized) -> list[list[list[str]]]:
    """Feature lists for every token, grouped by sentence (the cue tagger's sequences)."""
    tokens = doc.tokens
    hits = _lexicon_hits(tokens)
    sequences = []
    for first, last in doc.sentences:
        sequence = []
        for i in range(first, last):
            token = tokens[i]
            feats = ["bias", *word_features(token.text, ""), f"lex={hits[i]}",
                     f"q={int(token.in_quote)}", f"pos={_position(i - first, last - i - 1)}"]
            for off in (-2, -1, 1, 2):
                j = i + off
                if first <= j < last:
                    feats += [f"{off}w={tokens[j].text.lower()}", f"{off}lex={hits[j]}",
                              f"{off}sh={shape(tokens[j].text)}"]
                else:
                    feats.append(f"{off}w=<edge>")
            prev = tokens[i - 1].text.lower() if i > first else "<s>"
            nxt = tokens[i + 1].text.lower() if i + 1 < last else "</s>"
            feats += [f"bi-={prev}|{token.text.lower()}", f"bi+={token.text.lower()}|{nxt}"]
            if token.tag:
                feats += _syntax_features(doc, i, first, last)
            feats += supersense_features(token.text, token.tag)
            sequence.append(feats)
        sequences.append(sequence)
    return sequences


def _syntax_features(doc: Tokenized, i: int, first: int, last: int) -> list[str]:
    tokens = doc.tokens
    token = tokens[i]
    head = tokens[token.head] if token.head >= 0 else None
    feats = [f"t={token.tag}", f"dep={token.dep}", f"kids={doc.child_deps[i]}",
             f"t|kids={token.tag}|{doc.child_deps[i]}",
             f"ht={head.tag if head else 'ROOT'}|{token.dep}"]
    for off in (-1, 1):
        j = i + off
        feats.append(f"{off}t={tokens[j].tag if first <= j < last else '<edge>'}")
    return feats


def _position(before: int, after: int) -> str:
    if before == 0:
        return "first"
    if after == 0:
        return "last"
    return "mid" if before > 2 and after > 2 else "near-edge"


def _bucket(distance: int) -> str:
    for limit in (1, 2, 3, 5, 8, 12, 20, 35):
        if distance <= limit:
            return str(limit)
    return "far"


def role_window(doc: Tokenized, cue: tuple[int, int]) -> tuple[int, int]:
    """Token range searched for the source and content of the cue at tokens [cue)."""
    first_sent, last_sent = doc.tokens[cue[0]].sent, doc.tokens[cue[1] - 1].sent
    first = doc.sentences[max(0, first_sent - WINDOW_BEFORE)][0]
    last = doc.sentences[min(len(doc.sentences) - 1, last_sent + WINDOW_AFTER)][1]
    return first, last


def role_features(doc: Tokenized, cue: tuple[int, int], others: set[int]) -> list[list[str]]:
    """Features of each token in the cue's window, relative to that cue. `others` holds the
    token indices of every other cue found in the document."""
    tokens = doc.tokens
    first, last = role_window(doc, cue)
    cue_words = " ".join(t.text.lower() for t in tokens[cue[0] : cue[1]])
    cue_sent = tokens[cue[0]].sent
    cue_quote = int(tokens[cue[0]].in_quote)
    marks = _between_marks(tokens, first, last, cue)
    relations = _relations(doc, first, last, cue) if doc.parsed else []
    quotes = _quote_places(doc, first, last, cue)
    ends = doc.sentence_ends
    sequence = []
    for i in range(first, last):
        token = tokens[i]
        side = "in" if cue[0] <= i < cue[1] else ("L" if i < cue[0] else "R")
        distance = cue[0] - i if side == "L" else i - cue[1] + 1
        dist = _bucket(distance) if side != "in" else "0"
        lower = token.text.lower()
        feats = ["bias", *word_features(token.text, ""), f"side={side}", f"d={side}{dist}",
                 f"sent={max(-2, min(2, token.sent - cue_sent))}", f"q={int(token.in_quote)}",
                 f"cq={cue_quote}{int(token.in_quote)}", f"cue={cue_words}|{side}",
                 f"other={int(i in others)}", f"para={token.para - tokens[cue[0]].para}",
                 f"between={marks[i - first]}|{side}", f"qr={quotes[i - first]}",
                 f"qr|side={quotes[i - first]}|{side}",
                 f"eos={int(i in ends)}{int(i + 1 in ends)}"]
        if side != "in" and distance <= 3:
            feats.append(f"near={side}{distance}|{lower}")
        if relations:
            relation = relations[i - first]
            feats += [f"t={token.tag}", f"dep={token.dep}", f"rel={relation}",
                      f"rel|side={relation}|{side}", f"rel|dep={relation}|{token.dep}"]
        for off in (-1, 1):
            j = i + off
            neighbour = tokens[j].text.lower() if first <= j < last else "<edge>"
            feats.append(f"{off}w={neighbour}")
            feats.append(f"{off}other={int(j in others)}")
        sequence.append(feats)
    return sequence


def _quote_places(doc: Tokenized, first: int, last: int, cue: tuple[int, int]) -> list[str]:
    """Per window token: which quotation it is in, counted from the cue: 'L1' the nearest
    one ending before the cue, 'R1' the nearest starting after it, 'C' the one holding the
    cue, '' none."""
    regions = doc.quote_regions
    window = regions[first:last]
    holding = {regions[i] for i in range(*cue)} - {-1}
    left = [r for r in dict.fromkeys(reversed(regions[first : cue[0]])) if r >= 0]
    right = [r for r in dict.fromkeys(regions[cue[1] : last]) if r >= 0]
    names = {r: f"R{n}" for n, r in enumerate(right[:3], start=1)}
    names.update({r: f"L{n}" for n, r in enumerate(left[:3], start=1)})
    names.update({r: "C" for r in holding})
    return [names.get(r, "far") if r >= 0 else "" for r in window]


def _cue_head(doc: Tokenized, cue: tuple[int, int]) -> int:
    """The cue token whose head lies outside the cue (the first one if several)."""
    for i in range(*cue):
        if not cue[0] <= doc.tokens[i].head < cue[1]:
            return i
    return cue[0]


def _relations(doc: Tokenized, first: int, last: int, cue: tuple[int, int]) -> list[str]:
    """Per window token, its place in the tree relative to the cue's head word h: 'under:R'
    when it lies in the subtree of h's child attached as R (nsubj, ccomp, ...), 'head' for h
    itself, 'anc' for an ancestor of h ('according to' hangs under the reported verb),
    'up:R' in the subtree of an ancestor's other child, else 'none'."""
    tokens = doc.tokens
    cue_head = _cue_head(doc, cue)
    ancestors: dict[int, int] = {}  # ancestor -> its depth above the cue head
    node, depth = tokens[cue_head].head, 1
    while node >= 0 and node not in ancestors and depth < 50:
        ancestors[node] = depth
        node, depth = tokens[node].head, depth + 1
    relations = []
    for i in range(first, last):
        relations.append(_relation(tokens, i, cue_head, ancestors))
    return relations


def _relation(tokens: tuple[Token, ...], i: int, cue_head: int, ancestors: dict[int, int]) -> str:
    if i == cue_head:
        return "head"
    if i in ancestors:
        return "anc"
    node, steps = i, 0
    while steps < 50:
        parent = tokens[node].head
        if parent < 0:
            return "none"
        if parent == cue_head:
            return f"under:{tokens[node].dep.split(':')[0]}"
        if parent in ancestors:
            return f"up:{tokens[node].dep.split(':')[0]}"
        node, steps = parent, steps + 1
    return "none"


def _marks_of(token: Token, cue_sent: int) -> set[str]:
    word = token.text
    marks = {"s"} if token.sent != cue_sent else set()
    if word in OPEN_QUOTES or word in CLOSE_QUOTES or word in STRAIGHT_QUOTES:
        marks.add("q")
    elif word in {",", ";", ":", "—", "–", "("}:
        marks.add("c")
    return marks


def _between_marks(
    tokens: tuple[Token, ...], first: int, last: int, cue: tuple[int, int]
) -> list[str]:
    """For each window token: which of sentence change (s), quote (q) and clause punctuation
    (c) lie strictly between it and the cue, as a compact code such as 'cq'."""
    cue_sent = tokens[cue[0]].sent
    codes = [""] * (last - first)
    for indices in (range(cue[0] - 1, first - 1, -1), range(cue[1], last)):
        seen: set[str] = set()
        for i in indices:
            codes[i - first] = "".join(sorted(seen))
            seen |= _marks_of(tokens[i], cue_sent)
    return codes


def token_range(doc: Tokenized, start: int, end: int) -> tuple[int, int] | None:
    """Tokens overlapping characters [start, end), as a token range, or None."""
    first = bisect.bisect_right(doc.token_ends, start)  # first token ending after start
    last = bisect.bisect_left(doc.token_starts, end)  # one past the last starting before end
    return (first, last) if first < last else None
