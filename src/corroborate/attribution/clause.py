"""The parsed text as seen by the attribution reader: one clause's tokens as a tree, and
speaker phrases read from it as written.

The document is parsed whole, so a head may lie in another sentence; a `Clause` treats
such a token as a root of its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from corroborate.attribution.patterns import (
    MAX_SOURCE_WORDS,
    strip_conjunctions,
    strip_dateline,
    strip_time,
)
from corroborate.lexicon import lexicon

# Where a source phrase ends: its own parenthetical or appositive starts after one of these.
PHRASE_BREAKS = frozenset({",", "(", "[", ";", ":", "–", "—"})
NAME_APPOSITIVE_WORDS = 5  # "A spokesperson for the garrison, Major Lio Tann"
QUOTE_MARKS = frozenset('“”"«»')
NOUN_PHRASE_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADJ", "DET", "ADP", "PART"})


class Clause:
    """The tokens of one sentence or clause of the parsed text, as a small tree view."""

    def __init__(self, doc: Doc, start: int, end: int) -> None:
        span = doc.char_span(start, end, alignment_mode="expand")
        self.tokens: Span = span if span is not None else doc[0:0]
        self.start_char = start
        self.end_char = end

    def has(self, token: Token) -> bool:
        return self.tokens.start <= token.i < self.tokens.end

    def children(self, token: Token, *deps: str) -> list[Token]:
        return [c for c in token.children if self.has(c) and (not deps or c.dep_ in deps)]

    def head(self, token: Token) -> Token | None:
        """The token's head inside the clause (None at its root)."""
        return token.head if token.head.i != token.i and self.has(token.head) else None

    def depth(self, token: Token) -> int:
        depth, current = 0, token
        while (parent := self.head(current)) is not None and depth < len(self.tokens):
            depth, current = depth + 1, parent
        return depth

    def offset(self, char: int) -> int:
        """A document character offset made relative to the clause, within its bounds."""
        return min(max(char - self.start_char, 0), self.end_char - self.start_char)

    def left(self, token: Token) -> int:
        return min(t.i for t in token.subtree if self.has(t))

    def right(self, token: Token) -> int:
        return max(t.i for t in token.subtree if self.has(t))


def phrase(clause: Clause, head: Token, skip: Iterable[Token] = ()) -> str | None:
    """The phrase headed by `head` as written, cut before a described appositive or a
    parenthetical (a name in apposition is kept), without leading conjunctions or
    trailing time adverbs; None when it cannot be a speaker."""
    skipped = {t.i for s in skip for t in s.subtree}
    tokens = [t for t in _subject_tokens(clause, head) if t.i not in skipped]
    tokens = _contiguous(tokens, head)
    if not tokens:
        return None
    return _cleaned(_cut_at_break(tokens, head))


def span_phrase(clause: Clause, first: Token, last: Token) -> str | None:
    """The words from `first` to `last` as a speaker phrase, or None."""
    return _cleaned([t for t in clause.tokens if first.i <= t.i <= last.i])


def words_before(clause: Clause, verb: Token) -> Token | None:
    """The first word of a noun phrase between a comma (or the clause start) and the
    verb, whatever the parser made of it; None when a word there is not a noun phrase's."""
    i = verb.i - 1
    while i >= clause.tokens.start and verb.doc[i].text != ",":
        if not _fits_noun_phrase(verb.doc[i]) or verb.doc[i].tag_ in {"VBG", "VBN"}:
            return None
        i -= 1
    words = verb.doc[i + 1 : verb.i]
    if not any(t.pos_ in {"NOUN", "PROPN", "PRON"} for t in words) or words[0].pos_ == "ADP":
        return None
    return words[0]


def _cleaned(tokens: list[Token]) -> str | None:
    if not tokens:
        return None
    # The span's own text, not a slice of `doc.text`: spaCy builds `doc.text` anew from every
    # token on each access, which made long reports quadratic (a phrase per clause).
    text = tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text
    text = strip_time(strip_conjunctions(strip_dateline(text))).strip(" ,.:;")
    return text if _plausible(text) else None


def _subject_tokens(clause: Clause, head: Token) -> list[Token]:
    """The phrase's subtree, with what the parser split off it: a second subject beside it
    ("An activist with the group the Free Army told": two nsubj) and words right before
    it left outside the verb's tree ("Regional governor Ihor" as a root of its own)."""
    tokens = {t.i: t for t in head.subtree if clause.has(t)}
    verb = clause.head(head)
    if head.dep_ == "nsubj" and verb is not None:
        for other in clause.children(verb, "nsubj"):  # `_contiguous` drops distant ones
            tokens.update({t.i: t for t in other.subtree if clause.has(t)})
        name = [tokens[i] for i in sorted(tokens)]
        tokens.update({t.i: t for t in _stray_words_before(clause, name, verb)})
    return list(tokens.values())


def _stray_words_before(clause: Clause, subject: list[Token], verb: Token) -> list[Token]:
    """Noun-phrase words right before the subject that are outside the verb's tree; across
    one comma when the subject is a name ("A spokesperson for the garrison, Major Lio
    Tann, said"). None when they start with a preposition (an adverbial: "In an
    interview X said")."""
    in_verb_tree = {t.i for t in verb.subtree}
    doc, found = verb.doc, []
    i, crossed = subject[0].i - 1, False
    while i >= clause.tokens.start and i not in in_verb_tree:
        token = doc[i]
        if token.text == "," and not crossed and not found and _is_name(subject):
            crossed = True
        elif not _fits_noun_phrase(token):
            break
        found.append(token)
        i -= 1
    if crossed and not any(t.pos_ in {"NOUN", "PROPN"} for t in found):
        return []
    return [] if found and found[-1].pos_ == "ADP" else found


def _fits_noun_phrase(token: Token) -> bool:
    if token.pos_ == "VERB":
        return token.tag_ in {"VBG", "VBN"}  # "A group calling itself X"
    if token.is_punct:
        return token.text == "-" and not _is_break(token)  # "al-Tarn"
    return token.pos_ in NOUN_PHRASE_POS


def _contiguous(tokens: list[Token], head: Token) -> list[Token]:
    """The run of consecutive tokens around the head (a skipped "citing Y" splits it)."""
    tokens = sorted(tokens, key=lambda t: t.i)
    position = next((n for n, t in enumerate(tokens) if t.i == head.i), None)
    if position is None:
        return []
    first = last = position
    while first > 0 and tokens[first - 1].i == tokens[first].i - 1:
        first -= 1
    while last + 1 < len(tokens) and tokens[last + 1].i == tokens[last].i + 1:
        last += 1
    return tokens[first : last + 1]


def _cut_at_break(tokens: list[Token], head: Token) -> list[Token]:
    """Drop what follows the first comma or bracket after the head, unless it is a short
    name in apposition; drop punctuation and conjunctions at the edges."""
    for n, token in enumerate(tokens):
        if token.i > head.i and _is_break(token):
            rest = _until_break(tokens[n + 1 :])
            kept = tokens[:n]
            if token.text == "," and _is_name(rest):
                kept = tokens[: n + 1 + len(rest)]
            tokens = kept
            break
    while tokens and (tokens[0].is_punct or tokens[0].dep_ == "cc"):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    return tokens


def _is_break(token: Token) -> bool:
    """A comma, bracket or dash; a hyphen only with spaces around it ("al-Sahra" is a name)."""
    if token.text == "-":
        before = token.i > 0 and token.doc[token.i - 1].whitespace_ != ""
        return before and token.whitespace_ != ""
    return token.text in PHRASE_BREAKS


def _until_break(tokens: list[Token]) -> list[Token]:
    for n, token in enumerate(tokens):
        if _is_break(token):
            return tokens[:n]
    return tokens


def _is_name(tokens: list[Token]) -> bool:
    words = [t for t in tokens if not t.is_punct]
    if not words or len(words) > NAME_APPOSITIVE_WORDS:
        return False
    return all(t.text[:1].isupper() for t in words)


def _plausible(text: str) -> bool:
    lex, words = lexicon(), text.split()
    if not words or len(words) > MAX_SOURCE_WORDS or any(q in text for q in QUOTE_MARKS):
        return False
    if len(words) == 1 and words[0].lower() in lex.not_sources:
        return False  # "which said", "that said"
    return words[0].lower() not in lex.prepositions | lex.not_source_starts
