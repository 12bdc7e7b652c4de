"""Sentence spans of a clean report.

The tokenizer is spaCy's (`spacy.blank("en")`), which already keeps most abbreviations and
initials ("Dr.", "J.") as single tokens. Sentence ends are decided by one small component,
`corroborate_sentences`, because spaCy's rule `sentencizer` puts an opening quote with the
sentence before it ("Go." "Next" -> 'He said: "Go." "' + 'Next'). Any other `nlp` with a
sentence splitter (a trained parser or `senter`) can be passed instead; line ends and
closing quotes are repaired on top of whatever it returns.
"""

from __future__ import annotations

import functools
import re

import numpy as np
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

from corroborate.lexicon import lexicon

TERMINALS = frozenset({".", "!", "?", "…", "...", "?!", "!?", "!!", "??"})
OPENING_QUOTES = frozenset("“‘«")
CLOSING_QUOTES = frozenset("”’»")
STRAIGHT_QUOTES = frozenset("\"'")
CLOSING_BRACKETS = frozenset(")]}")
LEADING_CLOSERS = re.compile(r"^[”’»)\]]+|^[\"'](?=\s|$)")
TRAILING_OPENERS = re.compile(r"\s[“‘«\"]+$")


def is_closing_quote(token: Token) -> bool:
    """A quote mark that closes: a typographic closer, or a straight quote glued to the
    word before it (no space between) and not to the word after it."""
    if token.text in CLOSING_QUOTES or token.text in CLOSING_BRACKETS:
        return True
    if token.text not in STRAIGHT_QUOTES or token.i == 0:
        return False
    glued_before = token.doc[token.i - 1].whitespace_ == ""
    return glued_before and (token.whitespace_ != "" or token.i == len(token.doc) - 1)


def _is_abbreviation_period(token: Token) -> bool:
    """A lone "." that the tokenizer split off an abbreviation we know ("Lt" + ".")."""
    if token.i == 0 or token.doc[token.i - 1].whitespace_:
        return False
    word = token.doc[token.i - 1].text + "."
    lex = lexicon()
    if word in lex.abbreviations:
        return True
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return word in lex.number_abbreviations and following is not None and following.like_num


def _ends_sentence(token: Token) -> bool:
    return token.text in TERMINALS and not _is_abbreviation_period(token)


def _next_starts_lowercase(doc: Doc, start: int) -> bool:
    """True when the text after an end mark goes on in lower case ("e.g. the", '?" she asked')."""
    for i in range(start, len(doc)):  # by index: a slice `doc[start:]` rebuilds doc.text
        token = doc[i]
        if token.is_space or token.text in STRAIGHT_QUOTES or token.is_punct:
            continue
        return token.text[:1].islower()
    return False


@Language.component("corroborate_sentences")
def corroborate_sentences(doc: Doc) -> Doc:
    """Mark sentence starts: after an end mark and the closing quotes or brackets after it."""
    # set all at once: spaCy's per-token setter rescans the whole doc on every call
    starts = np.full((len(doc), 1), -1, dtype=np.int64)  # 1 starts a sentence, -1 does not
    starts[:1] = 1
    pending = False
    for token in doc[1:]:
        if pending and not is_closing_quote(token) and not token.is_space:
            starts[token.i] = 1
            pending = False
        elif _ends_sentence(token) and not _next_starts_lowercase(doc, token.i + 1):
            pending = True
    return doc.from_array([SENT_START], starts.astype(np.uint64))  # spaCy's array type


@functools.cache
def rule_nlp() -> Language:
    """spaCy's English tokenizer with our abbreviations and the quote-aware splitter."""
    nlp = spacy.blank("en")
    lex = lexicon()
    for abbreviation in sorted(lex.abbreviations):
        nlp.tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])
    nlp.add_pipe("corroborate_sentences")
    return nlp


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _repair_quotes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Give a closing quote that starts a sentence to the one before, and an opening quote
    that ends a sentence to the one after (spaCy's `sentencizer` does the latter)."""
    repaired: list[tuple[int, int]] = []
    for index, (start, end) in enumerate(spans):
        if index + 1 < len(spans) and (opener := TRAILING_OPENERS.search(text[start:end])):
            spans[index + 1] = (start + opener.start() + 1, spans[index + 1][1])
            end = start + opener.start()
        moved = LEADING_CLOSERS.match(text[start:end])
        if moved and repaired:
            previous = repaired.pop()
            repaired.append((previous[0], start + moved.end()))
            start, end = _strip(text, start + moved.end(), end)
        if start < end:
            repaired.append((start, end))
    return repaired


def split_sentences(text: str, nlp: Language | None = None) -> list[tuple[int, int]]:
    """Character spans (start, end) of the sentences of `text`; every line ends a sentence.

    `nlp` is any spaCy pipeline that sets sentence starts; by default `rule_nlp()`.
    """
    nlp = nlp or rule_nlp()
    line_spans = [span for span in _line_spans(text) if text[span[0] : span[1]].strip()]
    spans: list[tuple[int, int]] = []
    docs = nlp.pipe(text[start:end] for start, end in line_spans)
    for (line_start, _), doc in zip(line_spans, docs, strict=True):
        pieces = []
        for sent in doc.sents:
            piece = _strip(text, line_start + sent.start_char, line_start + sent.end_char)
            if piece[0] < piece[1]:
                pieces.append(piece)
        spans.extend(_repair_quotes(text, pieces))
    return spans
