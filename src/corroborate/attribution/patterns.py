"""Who says it: the attribution frame of one sentence or clause, read by patterns.

The patterns are built from the cue lexicon and plain sentence structure (the frame before
the content, after it, "according to", "citing", "cited ... as saying"). They read text
that has no parse, and text where the parse shows no frame (`parse.read_attribution`
prefers the tree).
"""

from __future__ import annotations

import functools
import re

from corroborate.attribution.frame import Frame
from corroborate.lexicon import grouped_alternation, lexicon

MAX_SOURCE_WORDS = 14  # longer "sources" are clauses the patterns misread
ADDRESSEE_WORDS = 8  # "told reporters in the capital on Friday that"
ADVERBIAL_WORDS = 15  # "said during a meeting of the Security Council on Friday that"
# "P, said the district governor.": longer phrases after a plain comma are content
# ("A spokesperson, Colonel X, said the strike hit a depot").
INVERTED_SOURCE_WORDS = 4
QUOTES = "“”\"‘’'«»"
CITED_AS_SAYING = "cited … as saying"


@functools.cache
def _cue_regex() -> re.Pattern[str]:
    cues = sorted(lexicon().all_cues, key=lambda c: (-len(c.split()), -len(c)))
    # the same as the alternation of each cue's `phrase_pattern`, faster (grouped_alternation)
    return re.compile(grouped_alternation(cues, capture=False)[0], re.IGNORECASE)


def _cue_alternation() -> str:
    return _cue_regex().pattern


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’.-]+", text)


def strip_time(phrase: str) -> str:
    """Drop time adverbs from the end: "X on Friday", "X yesterday", "X last week"."""
    lex = lexicon()
    words = phrase.split()
    while words:
        last = words[-1].lower().strip(",")
        if last in lex.time_words or re.fullmatch(r"\d{1,2}|\d{4}", last):
            words.pop()
            while words and words[-1].lower() in {"on", "last", "this", "earlier", "of"}:
                words.pop()
        else:
            break
    return " ".join(words)


def _drop_leading(segments: list[str]) -> list[str]:
    """Drop adverbial segments ("In this context,") and the name that may follow one."""
    lex, dropped = lexicon(), False
    last = strip_conjunctions(segments[-1]) if segments else ""
    if len(segments) > 1 and last.lower() in lex.pronouns:
        return [last]  # "He paused, looking at ..., then he added:"
    while len(segments) > 1:
        first = strip_conjunctions(segments[0]).split()
        if not first or first[0].lower() in lex.openers:
            segments, dropped = segments[1:], True
        elif first and first[0].lower() in lex.conjunctions and len(first) <= 2:
            segments = segments[1:]
        else:
            break
    # "In the capital, Damascus, informed sources": a short name after a dropped adverbial.
    if dropped and len(segments) > 1:
        words = segments[0].split()
        if len(words) <= 3 and all(w[:1].isupper() for w in words):
            segments = segments[1:]
    return segments


def strip_conjunctions(phrase: str) -> str:
    lex = lexicon()
    words = phrase.split()
    while words and words[0].lower() in lex.conjunctions:
        words.pop(0)
    return " ".join(words)


def strip_dateline(text: str) -> str:
    """Drop a leading "(Agency)-" or "CITY (Agency) -" credit."""
    return re.sub(r"^(?:[A-Z][\w ,.'-]*)?\([^)]{1,40}\)\s*[-–—]+\s*", "", text)


def clean_source(candidate: str, *, front: bool) -> str | None:
    """The source phrase as written, or None when `candidate` cannot be a speaker.

    A source before its cue may carry adverbials and a conjunction in front and a time
    adverb behind; a source after "according to" or an inverted cue may carry an
    appositive (", a member of ...") that is cut.
    """
    text = strip_dateline(candidate.strip())
    if front:
        segments = [s.strip() for s in _split_commas(text)]
        segments = [s for s in segments if strip_time(s)]
        segments = _drop_leading(segments)
        text = _with_name_appositive(segments)
        text = _after_subordinator(text)
    else:
        text = re.split(r"\s*[,(\[;]|\s+[-–—]\s+", text, maxsplit=1)[0]
    text = strip_time(strip_conjunctions(text)).strip(" ,.:;")
    return text if _plausible_source(text) else None


def _with_name_appositive(segments: list[str]) -> str:
    """The first segment, with a name in apposition kept as written ("A spokesperson for
    the coalition, Colonel Dan Mercer"); a described appositive is dropped."""
    if not segments:
        return ""
    if len(segments) == 2:
        words = segments[1].split()
        if len(words) <= 5 and all(w[:1].isupper() for w in words):
            return f"{segments[0]}, {segments[1]}"
    return segments[0]


def _after_subordinator(text: str) -> str:
    """The part after the last clause boundary word inside a source phrase."""
    words = text.split()
    cuts = [i for i, w in enumerate(words) if i and w in lexicon().subordinators]
    return " ".join(words[cuts[-1] + 1 :]) if cuts else text


def _split_commas(text: str) -> list[str]:
    return [part for part in re.split(r",\s*", text) if part]


def _plausible_source(text: str) -> bool:
    lex, words = lexicon(), _words(text)
    lowered = {w.lower() for w in words}
    if not words or len(words) > MAX_SOURCE_WORDS or any(q in text for q in QUOTES[:3]):
        return False
    if lowered & lex.auxiliaries or (len(words) == 1 and words[0].lower() in lex.not_sources):
        return False
    return words[0].lower() not in lex.prepositions | lex.conjunctions | lex.not_source_starts


def _content_start(text: str, cue_end: int, cue: str) -> int:
    """Where the content begins after a cue: past an addressee or adverbial, "that", ":"."""
    lex = lexicon()
    rest = text[cue_end:]
    first = (_words(rest)[:1] or [""])[0].lower()
    limit = ADDRESSEE_WORDS if cue.lower() in lex.addressee_verbs else 0
    if first in lex.prepositions or first in lex.time_words:
        limit = ADVERBIAL_WORDS
    if limit:
        intro = _intro_end(rest, limit)
        if intro is not None:
            return cue_end + intro
        if cue.lower() in lex.addressee_verbs and first:
            return cue_end + re.match(r"\s*\S+", rest).end()  # "told Reuters the ..."
    opener = re.match(r"\s*(?:as saying\b)?\s*(?:that\b)?\s*:?", rest)
    return cue_end + (opener.end() if opener else 0)


def _intro_end(rest: str, limit: int) -> int | None:
    """End of "<up to `limit` words> that" or "<words>:" at the start of `rest`, if any."""
    for count, word in enumerate(re.finditer(r"[^\s:]+:?|:", rest)):
        if count > limit or any(q in word.group(0) for q in '“"'):
            return None
        if count and word.group(0).lower() == "that" or word.group(0).endswith(":"):
            return word.end()
    return None


def _content_is_clause(content: str) -> bool:
    """Content that starts with an auxiliary shows the cue word was a noun or passive
    ("these claims were confirmed", "was reported fighting")."""
    words = _words(content)
    return bool(words) and words[0].lower() not in lexicon().copulas


def _cited_as_saying(text: str) -> Frame | None:
    match = re.search(r"\b(cited|quoted)\s+(.{1,120}?)\s+as\s+saying\b(?:\s+that\b)?\s*", text)
    if not match:
        return None
    outer = clean_source(text[: match.start()], front=True)
    inner = clean_source(match.group(2), front=False)
    if not outer or not inner:
        return None
    cue = CITED_AS_SAYING if match.group(1) == "cited" else "quoted … as saying"
    return Frame((outer, inner), cue, (cue,), match.end(), len(text))


def _citing(text: str) -> Frame | None:
    pattern = rf",\s*citing\s+([^,]{{1,120}}),\s*(?:has\s+|have\s+|had\s+)?({_cue_alternation()})"
    match = re.search(pattern, text, re.IGNORECASE)
    if not match:
        return None
    outer = clean_source(text[: match.start()], front=True)
    inner = clean_source(match.group(1), front=False)
    if not outer or not inner:
        return None
    start = _content_start(text, match.end(), match.group(2))
    return Frame((outer, inner), match.group(2), (match.group(2),), start, len(text))


def _according_to_first(text: str) -> Frame | None:
    match = re.match(r"(.{0,60}?)\baccording to\s+([^,]{1,120}),\s*", text, re.IGNORECASE)
    if not match or not _only_adverbials(match.group(1)):
        return None
    source = clean_source(match.group(2), front=False)
    if not source:
        return None
    cue = text[match.start(2) - len("according to ") : match.start(2)].strip()
    return Frame((source,), cue, (cue,), match.end(), len(text))


def _only_adverbials(text: str) -> bool:
    """True for "", "However," or "On Monday," before a frame: nothing the content needs."""
    lex = lexicon()
    for segment in _split_commas(text.strip()):
        first = (segment.split() or [""])[0].lower()
        if first not in lex.openers and first not in lex.conjunctions:
            return False
    return True


def _according_to_last(text: str) -> Frame | None:
    match = re.search(r",\s*(according to)\s+(.+?)[.!]?[”\"]?$", text, re.IGNORECASE)
    if not match:
        return None
    source = clean_source(match.group(2), front=False)
    if not source:
        return None
    return Frame(
        (source,), match.group(1), (match.group(1),), 0, match.start(), trailing=True
    )


def _trailing_frame(text: str) -> Frame | None:
    """ "P, X said." / "“P,” X added." / "“P,” said X, a doctor." """
    cue = _cue_alternation()
    separator = r"(?:,\s*[”\"’]?|[”\"’]\s*,?|[.!?][”\"’])\s+"
    after = re.search(rf"{separator}([^,“”\"]{{1,100}}?)\s+({cue})\s*[.!]?$", text, re.I)
    if after:
        source = clean_source(after.group(1), front=True)
        if source and source.split()[0].lower() != "as":
            kinds = (after.group(2),)
            return Frame((source,), after.group(2), kinds, 0, after.start(), trailing=True)
    before = re.search(rf"{separator}({cue})\s+([^“”\"]{{1,200}}?)\s*[.!]?$", text, re.I)
    if before and _inverted_frame_fits(text, before):
        source = clean_source(before.group(2), front=False)
        if source:
            kinds = (before.group(1),)
            return Frame((source,), before.group(1), kinds, 0, before.start(), trailing=True)
    return None


def _inverted_frame_fits(text: str, match: re.Match[str]) -> bool:
    """ "“P,” said X" needs a quotation as its content (a title in quotes is not one); a
    plain "P, said X" needs a short speaker."""
    if match.group(1).lower() == "according to":
        return False
    if any(q in match.group(0)[:3] for q in QUOTES):
        # The quotation opens the sentence, or opened in an earlier one; a quoted title
        # inside the sentence ('One, titled "X," said ...') is not a quotation.
        content = text[: match.start()].lstrip()
        return content[:1] in "“\"‘'«" or not any(q in content for q in '“"«')
    return len(match.group(2).split()) <= INVERTED_SOURCE_WORDS


def _after_determiner(text: str, cue_start: int) -> bool:
    """A cue word after a determiner or a possessive is a noun or an adjective ("the
    alleged leader", "the channel's claims")."""
    previous = _words(text[:cue_start])[-1:]
    if not previous:
        return False
    word = previous[0].lower()
    return word in lexicon().determiners or word.endswith(("'s", "’s", "s'", "s’"))


def _front_frame(text: str) -> Frame | None:
    """ "X said (that) P", "X told reporters Friday that P", "X has denied P"."""
    for match in _cue_regex().finditer(text):
        cue = match.group(0)
        if cue.lower() == "according to" or re.match(r"\s+to\s+(?:be|have)\b", text[match.end() :]):
            continue
        if _after_determiner(text, match.start()):
            continue
        head = re.sub(r"\s+(?:has|have|had)(?:\s+also)?\s*$", "", text[: match.start()])
        source = clean_source(head, front=True)
        if not source:
            continue
        start = _content_start(text, match.end(), cue)
        if not _content_is_clause(text[start:]):
            continue
        introduced = re.search(r"\bthat\b|:", text[match.end() : start])
        nested = _front_frame(text[start:]) if introduced else None
        if nested is not None:
            return Frame(
                (source, *nested.chain),
                cue,
                (cue, *nested.path_cues),
                start + nested.content_start,
                start + nested.content_end,
            )
        return Frame((source,), cue, (cue,), start, len(text))
    return None


PATTERNS = (
    _cited_as_saying,
    _citing,
    _according_to_first,
    _according_to_last,
    _trailing_frame,
    _front_frame,
)


def find_attribution(text: str) -> Frame | None:
    """The attribution frame of a sentence or clause, or None when the outlet speaks."""
    for pattern in PATTERNS:
        found = pattern(text)
        if found is not None:
            return found
    return None
