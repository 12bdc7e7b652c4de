"""Assemble claims: sentences -> clauses -> attribution -> certainty, with quotes carried.

A quotation with no frame of its own belongs to the speaker named around it: the frame
that closes it ("“...,” added X."), the frame that opened it ("X told Y: “..."), or the
speaker of the sentence just before (a quote paragraph after "according to X").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from corroborate.attribution import Frame, Offsets, TaggedFrame, model_frames, read_frame
from corroborate.claims.certainty import read_certainty
from corroborate.claims.sentences import split_sentences
from corroborate.claims.speakers import resolve_speakers
from corroborate.claims.verification import carry_non_verification
from corroborate.model import Claim

MIN_CLAIM_WORDS = 4  # shorter pieces are labels, datelines and captions
MIN_CONTENT_WORDS = 2  # a frame with less content is "the attribution frame alone"
INHERIT_WINDOW = 2  # a bare quote takes the speaker of one of the 2 sentences before it
# Where one sentence may report two things from two sources ("X denied P, with Y saying Q").
CLAUSE_BREAK = re.compile(r",\s+(?=(?:with|while|whereas|though|although|but)\s)", re.I)
OPENING = '“"«'
# Reads the frame of text[start:end]; offsets in the frame are relative to `start`.
Attributor = Callable[[int, int], Frame | None]
CLOSING = '”"»'


@dataclass
class Piece:
    """A sentence or clause on its way to becoming a claim."""

    start: int
    end: int
    line: int
    attribution: Frame | None
    quote_only: bool  # the piece is (part of) a quotation with no frame of its own
    quote_open_after: bool  # a quotation is still open at the piece's end
    sentence_end: bool  # the piece ends with an end mark (or is one of several on its line)
    carried: bool = False  # the attribution was carried from a neighbouring sentence


def _quote_state(text: str, open_before: bool) -> bool:
    """Whether a double-quote quotation is open at the end of `text`."""
    is_open = open_before
    for i, char in enumerate(text):
        if char in "“«":
            is_open = True
        elif char in "”»":
            is_open = False
        elif char == '"':
            # A straight quote opens where a word may start (also re-opening a quotation
            # continued into a new paragraph) and closes anywhere else.
            before = text[i - 1] if i else " "
            is_open = before.isspace() or before in "([—-:"
    return is_open


def _clauses(
    text: str, start: int, end: int, attribute: Attributor
) -> list[tuple[int, int, Frame | None]]:
    """The sentence as one piece, or its clauses when they name different sources."""
    sentence = text[start:end]
    whole = attribute(start, end)
    if whole is not None and whole.trailing:
        return [(start, end, whole)]
    cuts = [m.start() for m in CLAUSE_BREAK.finditer(sentence)]
    if not cuts:
        return [(start, end, whole)]
    bounds = list(zip([0, *[c + 1 for c in cuts]], [*cuts, len(sentence)], strict=True))
    found = [(a, b, _attribute_stripped(text, start + a, start + b, attribute)) for a, b in bounds]
    sources = {f[2].source if f[2] else None for f in found}
    if len(sources) < 2 or all(f[2] is None for f in found[1:]):
        return [(start, end, whole)]
    pieces = []
    for a, b, attribution in found:
        offset = len(sentence[a:b]) - len(sentence[a:b].lstrip())
        pieces.append((start + a + offset, start + b, attribution))
    return pieces


def _attribute_stripped(
    text: str, start: int, end: int, attribute: Attributor
) -> Frame | None:
    """The frame of a clause without the spaces around it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return attribute(start, end)


def _line_numbers(text: str, spans: Sequence[tuple[int, int]]) -> list[int]:
    numbers, line, previous_end = [], 0, None
    for start, end in spans:
        if previous_end is not None and "\n" in text[previous_end:start]:
            line += 1
        numbers.append(line)
        previous_end = end
    return numbers


def _pieces(text: str, spans: Sequence[tuple[int, int]], attribute: Attributor) -> list[Piece]:
    pieces: list[Piece] = []
    lines = _line_numbers(text, spans)
    per_line = Counter(lines)
    open_quote = False
    for index, (start, end) in enumerate(spans):
        line = lines[index]
        if index and line != lines[index - 1]:
            # A quotation runs on into the next paragraph only if that one continues it.
            open_quote = open_quote and _continues_quote(text, start)
        ends = text[start:end].rstrip('”"’»)] ')[-1:] in ".!?…" or per_line[line] > 1
        quote_only = open_quote or text[start] in OPENING
        for a, b, attribution in _clauses(text, start, end, attribute):
            open_quote = _quote_state(text[a:b], open_quote)
            pieces.append(Piece(a, b, line, attribution, quote_only, open_quote, ends))
    return pieces


def _continues_quote(text: str, start: int) -> bool:
    """A paragraph continues an open quotation when it opens with a quote mark, or when
    it closes one it never opened."""
    line = text[start:].split("\n", 1)[0]
    if line[:1] in OPENING:
        return True
    first_close = min((line.find(c) for c in "”»" if c in line), default=-1)
    first_open = min((line.find(c) for c in "“«" if c in line), default=len(line))
    return first_close != -1 and first_close < first_open


def _carry_speakers(pieces: list[Piece]) -> None:
    """Give frameless quotations the speaker named around them."""
    for i, piece in enumerate(pieces):
        if piece.attribution is not None or not piece.quote_only:
            continue
        piece.attribution = _closing_frame(pieces, i) or _earlier_speaker(pieces, i)
        piece.carried = piece.attribution is not None


def _closing_frame(pieces: list[Piece], i: int) -> Frame | None:
    """The trailing frame of the sentence where this quotation closes ("“...,” added X.")."""
    for later in pieces[i:]:
        if later.attribution is not None:
            return later.attribution if later.attribution.trailing else None
        if not later.quote_open_after:
            return None
    return None


def _earlier_speaker(pieces: list[Piece], i: int) -> Frame | None:
    for earlier in reversed(pieces[max(0, i - INHERIT_WINDOW) : i]):
        if earlier.attribution is not None and pieces[i].line - earlier.line <= 1:
            return earlier.attribution
    return None


def _is_claim(text: str, piece: Piece) -> bool:
    body = text[piece.start : piece.end]
    if len(re.findall(r"\w+", body)) < MIN_CLAIM_WORDS or not piece.sentence_end:
        return False
    if body.rstrip('”"’»)] ').endswith("?"):
        return False
    attribution = piece.attribution
    if attribution is None or piece.carried:
        return True
    content = body[attribution.content_start : attribution.content_end]
    return len(re.findall(r"\w+", content)) >= MIN_CONTENT_WORDS


def _claim(text: str, piece: Piece, doc: Doc | None) -> Claim:
    body = text[piece.start : piece.end]
    attribution = piece.attribution
    if attribution is None:
        reading = read_certainty(body, doc=doc, start=piece.start)
        return Claim(
            piece.start, piece.end, body, certainty=reading.certainty, hedges=reading.hedges,
            certainty_score=reading.score, certainty_by=reading.by,
        )
    source_span, cue_span, content_span = _spans(text, piece, attribution)
    reading = read_certainty(
        body, attribution.path_cues, doc, piece.start, content_span, attributed=True,
        source=attribution.source,
    )
    return Claim(
        piece.start,
        piece.end,
        body,
        source=attribution.source,
        chain=attribution.chain,
        cue=attribution.cue,
        certainty=reading.certainty,
        hedges=reading.hedges,
        source_span=source_span,
        cue_span=cue_span,
        content_span=content_span,
        attributed_by=attribution.by,
        certainty_score=reading.score,
        certainty_by=reading.by,
    )


def _spans(text: str, piece: Piece, attribution: Frame) -> tuple[Offsets | None, ...]:
    """Source, cue and content spans: the model's own, or, for a frame the rules read (as
    words, not offsets), where its source and cue are first written in the claim."""
    if piece.carried:  # the frame is written in another sentence: the whole piece is content
        return None, None, (piece.start, piece.end)
    if attribution.spans is not None:
        spans = attribution.spans
        return (
            _inside(spans.source, piece),
            _inside(spans.cue, piece),
            _inside(spans.content, piece),
        )
    content = (piece.start + attribution.content_start, piece.start + attribution.content_end)
    return (
        _find(text, attribution.source, piece),
        _find(text, attribution.cue, piece),
        _inside(content, piece),
    )


def _inside(span: Offsets | None, piece: Piece) -> Offsets | None:
    """The part of `span` inside the piece: a claim's spans never point at another one."""
    if span is None:
        return None
    start, end = max(span[0], piece.start), min(span[1], piece.end)
    return (start, end) if start < end else None


def _find(text: str, words: str, piece: Piece) -> Offsets | None:
    at = text.find(words, piece.start, piece.end)
    return (at, at + len(words)) if at >= 0 else None


def extract_claims(
    text: str, doc: Doc | None = None, body_start: int = 0,
    frames: Sequence[TaggedFrame] | None = None,
) -> list[Claim]:
    """The claims of a report's clean text, in text order; spans index into `text`.

    `body_start`: where the body's words start, after a wire dateline ("BEIRUT, March 3
    (Reuters) - "), which is then no part of any claim.

    `doc`, the pipeline's parse of exactly `text`, lets the trained extractor find source,
    cue and content (`trained.py`), with the tree rules (`parse.py`) as fallback; without it
    the patterns of `attribution.py` read the frame. `frames`: the tagger's frames of
    `doc` (`model_frames`), where the caller ran the tagger over several reports at once.
    """
    if doc is not None and doc.text != text:
        raise ValueError("extract_claims: `doc` must be the parse of exactly `text`")

    if frames is None:
        frames = model_frames(doc) if doc is not None else []

    def attribute(start: int, end: int) -> Frame | None:
        return read_frame(text, start, end, doc, frames)

    # Sentences come from the rule splitter even when a parse is given: it knows our
    # abbreviations and quote placement, where the parser's own boundaries are weaker
    # (sentence F about 0.79 on EWT dev). It only tokenises, so the cost is small.
    spans = [(max(a, body_start), b) for a, b in split_sentences(text) if b > body_start]
    pieces = _pieces(text, spans, attribute)
    _carry_speakers(pieces)
    claims = [_claim(text, piece, doc) for piece in pieces if _is_claim(text, piece)]
    return carry_non_verification(resolve_speakers(claims, doc, text if doc is not None else None))
