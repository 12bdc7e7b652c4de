"""Frame read by the trained extractor (`corroborate.attribution`), for the claims stage.

The extractor is trained on PolNeAR and finds cue, source and content spans over a whole
report; the claims stage thinks in sentences. This module runs the extractor once per report
on the pipeline's own parse (no second parse) and hands each sentence the attribution whose
cue lies in it; quotations running over several sentences then take that speaker by the
claims stage's own carrying rules (`extract._carry_speakers`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from spacy.tokens import Doc

from corroborate.attribution.clause import PHRASE_BREAKS
from corroborate.attribution.features import tokenized_from_doc
from corroborate.attribution.frame import Frame, FrameSpans, Offsets
from corroborate.attribution.parse_check import checked
from corroborate.attribution.patterns import strip_time

# the extractor's own value: cue, source and content spans as offsets into the clean text
from corroborate.attribution.spans import Span, TaggedFrame
from corroborate.attribution.tagger import shipped_tagger
from corroborate.attribution.tree import read_attribution
from corroborate.lexicon import find_phrases, lexicon

MIN_CONTENT_WORDS = 2
NEAR_CHARS = 2_000  # a frame's words lie within its sentence and the ones around it
DATELINE_DASHES = ("—", "–", " - ")
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
COMPLEMENTIZER = re.compile(r"that\s+", re.IGNORECASE)


def _cues_in(frames: Sequence[TaggedFrame], start: int, end: int) -> list[TaggedFrame]:
    """The frames whose cue lies in [start, end): `frames` are in cue order, so a binary
    search finds them (a scan per sentence made long reports quadratic)."""
    first = bisect.bisect_left(frames, start, key=lambda f: f.cue.start)
    last = bisect.bisect_left(frames, end, key=lambda f: f.cue.start)
    return [f for f in frames[first:last] if f.cue.end <= end]


def model_frames(doc: Doc) -> list[TaggedFrame]:
    """Every attribution the shipped extractor finds in the parsed report, in cue order (as
    `frame_for` and `read_frame` need them)."""
    return model_frames_many([doc])[0]


def model_frames_many(docs: Sequence[Doc]) -> list[list[TaggedFrame]]:
    """`model_frames` of each parsed report, the tagger running over all of them at once
    (the claims stage hands it a pipeline batch: fewer, fuller network calls)."""
    found = shipped_tagger().extract_docs([tokenized_from_doc(doc) for doc in docs])
    return [sorted(frames, key=lambda frame: frame.cue.start) for frames in found]


def frame_for(
    text: str, start: int, end: int, rules: Frame | None, frames: Sequence[TaggedFrame]
) -> Frame | None:
    """The attribution of text[start:end]: the model's where it found a cue in it, else the
    rules' reading. The rules stay as a fallback because the model misses about a third of
    PolNeAR's cues. Where both read a frame, the model's frame is the one whose cue the
    rules also read (the main verb, not "calling" in "rejected the accusation, calling it
    ..."), else the first one with a source."""
    hedges = [h.written for h in find_phrases(text[start:end], lexicon().hedge_phrases)]
    found = [
        f for f in _cues_in(frames, start, end)
        if not _in_hedge(f, hedges)
        and not _inside_speaker(f, rules) and not _slip(text, start, end, f, rules)
    ]
    agreeing = [f for f in found if rules is not None and _same_cue(f.cue.text, rules.cue)]
    with_source = [f for f in found if f.source is not None]
    if not agreeing and (not with_source or _same_speaker_other_cue(rules, with_source)):
        return rules
    return _from_model(text, start, end, (agreeing or with_source)[0], rules)


def _same_speaker_other_cue(rules: Frame | None, frames: list[TaggedFrame]) -> bool:
    """The rules read a cue the model missed for the very speaker the model found ("X
    rejected the claim, saying ...": the model marked only "saying"): the rules' cue is the
    sentence's main frame."""
    return rules is not None and all(
        f.source is not None and _matching_link(rules.chain, f.source.text) is not None
        for f in frames
    )


def _in_hedge(frame: TaggedFrame, hedges: list[str]) -> bool:
    """A cue inside a hedge of the sentence is no attribution: PolNeAR reads "I could not
    confirm X" and "some estimates put X" as attributions; our guidelines read them as the
    outlet hedging its own claim. Nor is a cue holding a hedge ("allegedly ignored"): its
    subject is the claim's actor, not a source."""
    cue = frame.cue.text
    return any(
        _same_words(cue, hedge) or re.search(rf"\b{re.escape(hedge)}\b", cue, re.IGNORECASE)
        for hedge in hedges
    )


def _inside_speaker(frame: TaggedFrame, rules: Frame | None) -> bool:
    """A cue that is part of how the speaker the rules read is described ("A group calling
    itself X claimed ...") frames nothing of its own."""
    return rules is not None and _same_words(frame.cue.text, rules.source)


def _slip(text: str, start: int, end: int, frame: TaggedFrame, rules: Frame | None) -> bool:
    """A frame only the model reads whose content is a single word is a tagging slip ("The
    Russian declared ceasefire is only a pause": "declared" modifies a noun)."""
    content = _clip(frame.content, start, end)
    return rules is None and content is not None and _too_short(text[content[0] : content[1]])


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
    """The occurrence of `words` in `text` closest to offset `near`. Looked for within
    NEAR_CHARS of `near` first (the closest one there is the closest anywhere): searching
    the whole report for every claim made long reports quadratic."""
    window = max(0, near - NEAR_CHARS), near + NEAR_CHARS + len(words)
    for first, last in (window, (0, len(text))):
        found = [m.start() for m in re.compile(re.escape(words)).finditer(text, first, last)]
        if found:
            at = min(found, key=lambda i: abs(i - near))
            return (at, at + len(words))
    return None


def _matching_link(chain: tuple[str, ...], source: str) -> int | None:
    """The last link of a rules chain naming the same speaker as the model's source."""
    wanted = source.casefold()
    for at in range(len(chain) - 1, -1, -1):
        link = chain[at].casefold()
        if link in wanted or wanted in link:
            return at
    return None


def _rules_read_it_better(rules: Frame, source: str, cue: str) -> bool:
    """Frames the tree rules read and the model cannot: a relative pronoun as the source
    ("the police, which reported": the rules resolve "which"), and a chain ("X, citing Y,
    reported") where the model found one of its links."""
    if source.casefold() in RELATIVE_PRONOUNS and _same_cue(cue, rules.cue):
        return True
    return len(rules.chain) > 1 and _matching_link(rules.chain, source) is not None


def _appositive_of(longer: str, source: str) -> bool:
    """`longer` is `source` followed by a break and more (an appositive, a parenthetical)."""
    rest = longer[len(source) :].lstrip()
    return longer.startswith(source) and rest[:1] in PHRASE_BREAKS


def _from_model(
    text: str, start: int, end: int, frame: TaggedFrame, rules: Frame | None
) -> Frame:
    if frame.source is None:  # a cue the rules read too: they name its speaker
        assert rules is not None
        source_span = _locate(text, rules.source, frame.cue.start) or frame.cue.fragments[0]
    else:
        source_span = _trim_source(text, frame.source)
    source, cue = text[source_span[0] : source_span[1]], frame.cue.text
    cue_span = (frame.cue.start, frame.cue.end)
    chain, path_cues = (source,), (cue,)
    if rules is not None:
        if _rules_read_it_better(rules, source, cue):
            return rules
        if _same_cue(cue, rules.cue):
            # PolNeAR's cues take in auxiliaries and what follows ("has claimed", "said at
            # the meeting:"); the guidelines' cue is the reporting word or phrase itself
            cue = rules.cue
            cue_span = _locate(text, cue, frame.cue.start) or cue_span
            path_cues = (cue,)
        if _matching_link(rules.chain, source) is not None:
            # Same speaker: the tree's phrase is the subject with all its modifiers ("A group
            # calling itself X"), where the model, trained on shorter PolNeAR sources, may
            # stop early or run into a dateline; but not a described appositive the parse
            # gave the tree's phrase ("X, one of the returnees": `parse_check` cut it).
            if _appositive_of(rules.source, source):
                chain = (*rules.chain[:-1], source)
            else:
                source, chain = rules.source, rules.chain
                source_span = _locate(text, source, source_span[0]) or source_span
    content = _content(text, start, end, frame, rules)
    if content is not None:
        relative = (content[0] - start, content[1] - start)
    else:
        relative = (end - start, end - start)
    spans = FrameSpans(source=source_span, cue=cue_span, content=content)
    trailing = content is not None and content[0] < frame.cue.start
    return Frame(chain, cue, path_cues, *relative, trailing=trailing, by="model",
                       spans=spans)


def _without_complementizer(text: str, content: Offsets) -> Offsets:
    """PolNeAR's contents open with "that" ("said that the talks …"); the ledger's content
    is the proposition itself."""
    start, end = content
    found = COMPLEMENTIZER.match(text, start, end)
    return (found.end(), end) if found and found.end() < end else content


def _content(
    text: str, start: int, end: int, frame: TaggedFrame, rules: Frame | None
) -> Offsets | None:
    """The model's content inside the sentence; the rules' where the model's is one word
    ("that": a tagging slip) or missing."""
    content = _clip(frame.content, start, end)
    if content is not None and not (_too_short(text[content[0] : content[1]]) and rules):
        return _without_complementizer(text, content)
    if rules is not None and rules.content_start < rules.content_end:
        return (start + rules.content_start, start + rules.content_end)
    return content


def read_frame(
    text: str, start: int, end: int, doc: Doc | None, tagged: Sequence[TaggedFrame]
) -> Frame | None:
    """The frame of the clause text[start:end]: the tagger's (`tagged`, from `model_frames`)
    settled against the tree and pattern rules (`tree.read_attribution`), once checked
    against the parse (`parse_check`)."""
    found = _cues_in(tagged, start, end)
    if doc is not None:
        found = checked(found, doc)
    return frame_for(text, start, end, read_attribution(text, start, end, doc), found)
