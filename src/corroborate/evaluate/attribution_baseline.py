"""A small rules baseline, for `corroborate eval attribution --extractor rules`.

Cue: a phrase of the cue lexicon. Source: the words just before the cue in its sentence,
back to punctuation (at most four), or, for a cue that ends in "to" ("according to"), the
words after it up to punctuation. Content: the rest of the sentence after the cue (or after
the source), final punctuation dropped; when the cue ends the sentence, the part of the
sentence before the source.
"""

from __future__ import annotations

from corroborate.attribution.features import Tokenized, cue_lexicon, tokenize
from corroborate.attribution.spans import TaggedFrame, make_span

MAX_SOURCE_WORDS = 4


def _is_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _cue_runs(doc: Tokenized, first: int, last: int) -> list[tuple[int, int]]:
    lexicon, runs, i = cue_lexicon(), [], first
    while i < last:
        for size in (3, 2, 1):
            if i + size <= last and " ".join(
                t.text.lower() for t in doc.tokens[i : i + size]
            ) in lexicon:
                runs.append((i, i + size))
                i += size
                break
        else:
            i += 1
    return runs


def _word_run(doc: Tokenized, indices: range) -> list[int]:
    run = []
    for i in indices:
        if not _is_word(doc.tokens[i].text) or len(run) == MAX_SOURCE_WORDS:
            break
        run.append(i)
    return sorted(run)


def _trim(doc: Tokenized, first: int, last: int) -> tuple[int, int]:
    """Drop punctuation at both ends of the token range."""
    while first < last and not _is_word(doc.tokens[first].text):
        first += 1
    while last > first and not _is_word(doc.tokens[last - 1].text):
        last -= 1
    return first, last


def _attribution(doc: Tokenized, cue: tuple[int, int], sent: tuple[int, int]) -> TaggedFrame:
    forward = doc.tokens[cue[1] - 1].text.lower() == "to"
    if forward:
        source = _word_run(doc, range(cue[1], sent[1]))
        content = _trim(doc, (source[-1] + 1) if source else cue[1], sent[1])
        if content[0] >= content[1]:
            content = _trim(doc, sent[0], cue[0])
    else:
        source = _word_run(doc, range(cue[0] - 1, sent[0] - 1, -1))
        content = _trim(doc, cue[1], sent[1])
        if content[0] >= content[1]:
            content = _trim(doc, sent[0], source[0] if source else cue[0])
    text, tokens = doc.text, doc.tokens

    def span(first: int, last: int):  # noqa: ANN202 - local helper
        if first >= last:
            return None
        return make_span(text, ((tokens[first].start, tokens[last - 1].end),))

    cue_span = span(*cue)
    assert cue_span is not None  # a cue run is never empty
    source_span = span(source[0], source[-1] + 1) if source else None
    return TaggedFrame(cue_span, source_span, span(*content))


def extract_rules(text: str) -> list[TaggedFrame]:
    """Attributions found by the rules above."""
    doc = tokenize(text)
    return [
        _attribution(doc, cue, sentence)
        for sentence in doc.sentences
        for cue in _cue_runs(doc, *sentence)
    ]
