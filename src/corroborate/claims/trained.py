"""Attribution read by the trained extractor (`corroborate.attribution`), for the claims stage.

The extractor is trained on PolNeAR and finds cue, source and content spans over a whole
report; the claims stage thinks in sentences. This module runs the extractor once per report
on the pipeline's own parse (no second parse) and hands each sentence the attribution whose
cue lies in it, or, for a quotation running over several sentences, whose content covers it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from corroborate.attribution.features import (
    CLOSE_QUOTES,
    OPEN_QUOTES,
    STRAIGHT_QUOTES,
    Token,
    Tokenized,
)
from corroborate.attribution.model import shipped_tagger
from corroborate.attribution.spans import Attribution as Found
from corroborate.attribution.spans import Span
from corroborate.claims.attribution import Attribution, FrameSpans, Offsets, strip_time
from corroborate.claims.certainty import certainty_of

MIN_CONTENT_WORDS = 2
DATELINE_DASHES = ("—", "–", " - ")
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})


@dataclass(frozen=True)
class ModelFrame:
    """One attribution found by the model, its spans as (start, end) into the clean text."""

    cue: Span
    source: Span | None
    content: Span | None

    def cue_in(self, start: int, end: int) -> bool:
        return start <= self.cue.start and self.cue.end <= end


def _paragraph_numbers(text: str, starts: Sequence[int]) -> list[int]:
    """The paragraph of each offset, counting non-blank lines as `tokenize` does."""
    lines = [m.start() for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    return [max(0, bisect.bisect_right(lines, start) - 1) for start in starts]


def tokenized_from_doc(doc: Doc) -> Tokenized:
    """The extractor's view of a parsed report: the same tokens, tags and tree, with a
    sentence break at every line break and quote state reset per paragraph, as
    `attribution.features.tokenize` produces when it parses paragraph by paragraph."""
    words = [tok for tok in doc if not tok.is_space]
    index = {tok.i: n for n, tok in enumerate(words)}
    paras = _paragraph_numbers(doc.text, [tok.idx for tok in words])
    tokens: list[Token] = []
    sentences: list[tuple[int, int]] = []
    in_quote, first = False, 0
    for n, tok in enumerate(words):
        starts_sentence = n == 0 or tok.is_sent_start or paras[n] != paras[n - 1]
        if starts_sentence and n > first:
            sentences.append((first, n))
            first = n
        if n and paras[n] != paras[n - 1]:
            in_quote = False
        word = tok.text
        opens = word in OPEN_QUOTES or (word in STRAIGHT_QUOTES and not in_quote)
        closes = word in CLOSE_QUOTES or (word in STRAIGHT_QUOTES and in_quote)
        head = index.get(tok.head.i, -1) if tok.head.i != tok.i else -1
        tokens.append(Token(tok.idx, tok.idx + len(word), word, len(sentences), paras[n],
                            in_quote and not closes, tok.tag_, tok.dep_, head))
        if opens and not closes:
            in_quote = True
        elif closes:
            in_quote = False
    if len(words) > first:
        sentences.append((first, len(words)))
    return Tokenized(doc.text, tuple(tokens), tuple(sentences))


def model_frames(doc: Doc) -> list[ModelFrame]:
    """Every attribution the shipped extractor finds in the parsed report, in cue order."""
    found: list[Found] = shipped_tagger().extract_doc(tokenized_from_doc(doc))
    return [ModelFrame(f.cue, f.source, f.content) for f in found]


def frame_for(
    text: str, start: int, end: int, rules: Attribution | None, frames: Sequence[ModelFrame]
) -> Attribution | None:
    """The attribution of text[start:end]: the model's where it found a cue with a source in
    it, else the rules' reading. The rules stay as a fallback because the model misses
    about a third of PolNeAR's cues; where both read a frame, the model's frame is the one
    whose cue the rules also read, if any (the main verb, not "calling" in "rejected the
    accusation, calling it ..."), else the first."""
    own = [
        f for f in frames
        if f.source is not None and f.cue_in(start, end) and not _in_hedge(text, start, end, f)
    ]
    if not own:
        return rules
    agreeing = [f for f in own if rules is not None and _same_cue(f.cue.text, rules.cue)]
    return _from_model(text, start, end, (agreeing or own)[0], rules)


def _in_hedge(text: str, start: int, end: int, frame: ModelFrame) -> bool:
    """A cue inside a hedge of the sentence is no attribution: PolNeAR reads "I could not
    confirm X" and "some estimates put X" as attributions; our guidelines read them as the
    outlet hedging its own claim."""
    _, hedges = certainty_of(text[start:end])
    return any(_same_words(frame.cue.text, hedge) for hedge in hedges)


def _too_short(content: str) -> bool:
    return len(re.findall(r"\w+", content)) < MIN_CONTENT_WORDS


def _same_cue(model_cue: str, rules_cue: str) -> bool:
    """The rules' cue is one of the words of the model's (or the other way round)."""
    model_words = model_cue.casefold().split()
    rules_words = rules_cue.casefold().split()
    return all(w in model_words for w in rules_words) or all(
        w in rules_words for w in model_words
    )


def _same_words(part: str, whole: str) -> bool:
    return part.casefold() in whole.casefold()


def _covered(span: Span | None, start: int, end: int) -> int:
    if span is None:
        return 0
    return sum(max(0, min(b, end) - max(a, start)) for a, b in span.fragments)


def _clip(span: Span | None, start: int, end: int) -> Offsets | None:
    """The part of a span inside [start, end), first to last character."""
    if span is None:
        return None
    inside = [(max(a, start), min(b, end)) for a, b in span.fragments if a < end and b > start]
    return (inside[0][0], inside[-1][1]) if inside else None


def _trim_source(text: str, source: Span) -> Offsets:
    """The source span without a dateline before a dash ("Geneva, 3 May 2021 — X") or a
    time word after it ("X today"), which the model, trained on bylined news without
    datelines, takes in."""
    start, end = source.start, source.end
    dash = max(text.rfind(mark, start, end) for mark in DATELINE_DASHES)
    if dash >= 0 and any(c.isdigit() for c in text[start:dash]):
        start = dash + 1
        while start < end and text[start].isspace():
            start += 1
    kept = strip_time(text[start:end])
    return (start, start + len(kept)) if kept and text.startswith(kept, start) else (start, end)


def _locate(text: str, words: str, near: int) -> Offsets | None:
    """The occurrence of `words` in `text` closest to offset `near`."""
    found = [m.start() for m in re.finditer(re.escape(words), text)]
    if not found:
        return None
    at = min(found, key=lambda i: abs(i - near))
    return (at, at + len(words))


def _matching_link(chain: tuple[str, ...], source: str) -> int | None:
    """The last link of a rules chain naming the same speaker as the model's source."""
    wanted = source.casefold()
    for at in range(len(chain) - 1, -1, -1):
        link = chain[at].casefold()
        if link in wanted or wanted in link:
            return at
    return None


def _from_model(
    text: str, start: int, end: int, frame: ModelFrame, rules: Attribution | None
) -> Attribution:
    assert frame.source is not None
    source_span = _trim_source(text, frame.source)
    source, cue = text[source_span[0] : source_span[1]], frame.cue.text
    chain, path_cues = (source,), (cue,)
    if rules is not None and _same_cue(cue, rules.cue):
        # PolNeAR's cues take in auxiliaries and what follows ("has claimed", "said at the
        # meeting:"); the guidelines' cue is the reporting word or phrase itself
        cue = rules.cue
    if rules is not None and source.casefold() in RELATIVE_PRONOUNS and rules.cue == cue:
        return rules  # "the police, which reported": the tree rules resolve "which"
    if rules is not None:
        at = _matching_link(rules.chain, source)
        if at is not None and len(rules.chain) > 1:
            return rules  # a chain the model has no way to express: the rules read it
        if at is not None:
            # Same speaker: the tree's phrase is the subject with all its modifiers ("A group
            # calling itself X"), where the model, trained on shorter PolNeAR sources, may
            # stop early or run into a dateline.
            source = rules.source
            chain = rules.chain
            path_cues = (*rules.path_cues[:-1], cue)
            source_span = _locate(text, source, frame.source.start) or source_span
    content = _clip(frame.content, start, end)
    if content is not None and _too_short(text[content[0] : content[1]]) and rules is not None:
        content = None  # a one-word content ("that") is a tagging slip: take the rules'
    if content is not None:
        relative = (content[0] - start, content[1] - start)
    elif rules is not None:
        relative = (rules.content_start, rules.content_end)
        content = (start + rules.content_start, start + rules.content_end)
    else:
        relative = (end - start, end - start)
    spans = FrameSpans(
        source=source_span,
        cue=(frame.cue.start, frame.cue.end),
        content=content,
    )
    trailing = content is not None and content[0] < frame.cue.start
    return Attribution(chain, cue, path_cues, *relative, trailing=trailing, by="model",
                       spans=spans)
