"""Speakers written as a pronoun or a role phrase, resolved to the speaker they refer to.

"“…,” said Rami. He paused, then he added: “…”" gives the second claim the source "Rami",
with "he" kept as `source_as_written`. Written as rules, because the coreference libraries
for spaCy do not fit offline: coreferee pins spaCy below 3.6 and downloads its models,
spacy-experimental's coref and fastcoref download transformer weights (and fastcoref runs
PyTorch at run time). A ledger needs a narrower answer anyway: which earlier speaker or
named person a written speaker is.

- Candidates: the speakers of earlier claims (as resolved) and the parse's PER mentions
  (ORG for "it"), written before the speaker and at most `MAX_DISTANCE` characters before.
- Compatible: number and gender from the parse's morphology of the pronoun (the word list
  `speakers.txt` where the parse gives none); a candidate is plural when the head of its
  phrase is, its gender comes from a title before the name ("Umm", "Mr") or from a pronoun
  already resolved to it; unknown gender fits either.
- The previous attribution's speaker wins when it is compatible and its claim is the one
  just before; otherwise the nearest compatible candidate.
- A role phrase ("the spokesman", "the ministry") refers to the nearest earlier named
  speaker or mention whose words include its head word ("Kremlin spokesman Dmitry Peskov").
- With no compatible candidate, or no parse, the source stays as written.
- "I" or "we" outside any quotation is the report's author, and an expletive or passive
  "it" names nobody: either way the claim becomes the outlet's.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from corroborate.model import Claim
from corroborate.resources import lexicon_sections

MAX_DISTANCE = 1500  # characters: about three paragraphs of news text
EDGE = "-–—,;:()[]\"'“”‘’ "  # punctuation the NER may leave at a name's ends
ROLE_PHRASE = re.compile(r"^the(?: [a-z][a-z-]*){1,2}$")
AUTHOR_PRONOUNS = frozenset({"i", "we"})
IMPERSONAL_DEPS = frozenset({"expl", "nsubj:pass"})  # our parser's UD labels
QUOTATION_MARKS = ('"', "“", "”", "«", "»")  # not "'": it is also the apostrophe


@dataclass(frozen=True)
class Candidate:
    name: str
    at: int  # where it is written (a carried speaker: where its claim starts)
    plural: bool
    # True: a PER mention, a title or a person noun ("official") heads it; False: an ORG or
    # LOC mention, or another common noun ("the channel"); None: a name the NER did not type
    person: bool | None
    named: bool  # a proper noun in it
    speaker: bool  # an earlier claim's speaker (else a mention)
    title_gender: str | None  # "masc" or "fem" from a title word before the name


@dataclass(frozen=True)
class Words:
    pronouns: dict[str, tuple[str, str]]  # pronoun -> (gender or "-", number)
    titles: dict[str, str]  # title word -> gender
    persons: frozenset[str]  # head nouns of a speaker who is a person


@functools.cache
def _words() -> Words:
    sections = lexicon_sections("speakers.txt")
    pronouns = {}
    for line in sections["pronouns"]:
        word, gender, number = line.split()
        pronouns[word] = (gender, number)
    titles = {word: gender for gender in ("masc", "fem") for word in sections[gender]}
    return Words(pronouns, titles, frozenset(sections["persons"]))


def resolve_speakers(
    claims: Sequence[Claim], doc: Doc | None, text: str | None = None
) -> list[Claim]:
    """The claims with `source_as_written` set, and pronoun or role-phrase sources resolved
    where an earlier speaker fits; `doc` is the parse of the text the claims index into
    (`text`, where the caller has it: spaCy rebuilds `doc.text` on each access)."""
    resolved: list[Claim] = []
    context = _Context(_mentions(doc) if doc is not None else [])
    if text is None:
        text = doc.text if doc is not None else ""
    for claim in claims:
        written = dataclasses.replace(claim, source_as_written=claim.source)
        name = None
        if doc is not None and (_authors_voice(claim, text) or _impersonal(claim, doc)):
            resolved.append(_as_outlets(written))
            continue
        if doc is not None and claim.source is not None and _refers_back(claim.source):
            name = _carried(claim, resolved) or _resolve(claim, doc, resolved, context)
            if name:  # the speaker named again here, for recency
                context.again(name, claim.source_span[0] if claim.source_span else claim.start)
        elif doc is not None and claim.source is not None:
            context.speakers.append(_speaker(claim, doc))
        resolved.append(_with_source(written, name) if name else written)
    return resolved


@dataclass
class _Context:
    """What a written speaker may refer to: mentions (in text order) and earlier speakers."""

    mentions: list[Candidate]
    speakers: list[Candidate] = dataclasses.field(default_factory=list)
    genders: dict[str, str] = dataclasses.field(default_factory=dict)  # name -> pronoun's

    def again(self, name: str, at: int) -> None:
        named = [c for c in self.before(at) if c.name == name]
        if named:
            self.speakers.append(dataclasses.replace(max(named, key=lambda c: c.at), at=at))

    def before(self, at: int) -> list[Candidate]:
        """Candidates written before `at`, at most MAX_DISTANCE characters before (linear
        in the window, not in the report: long reports stay fast)."""
        window = slice(
            bisect.bisect_left(self.mentions, at - MAX_DISTANCE, key=lambda c: c.at),
            bisect.bisect_left(self.mentions, at, key=lambda c: c.at),
        )
        speakers = []
        for speaker in reversed(self.speakers):
            if speaker.at < at - MAX_DISTANCE:
                break
            if speaker.at < at:
                speakers.append(speaker)
        return speakers + self.mentions[window]


def _authors_voice(claim: Claim, text: str) -> bool:
    """"I" or "we" outside any quotation: the report's own author speaking ("I predict that
    …", "we tend to think …"), which the ledger reads as the outlet, not as a source. Inside
    a quotation they are the quoted speaker's words and stay as written."""
    if claim.source is None or claim.source.lower() not in AUTHOR_PRONOUNS:
        return False
    at = claim.source_span[0] if claim.source_span else claim.start
    paragraph = text.rfind("\n", 0, at) + 1
    marks = sum(text.count(mark, paragraph, at) for mark in QUOTATION_MARKS)
    return marks % 2 == 0  # every quotation opened in the paragraph is closed


def _impersonal(claim: Claim, doc: Doc) -> bool:
    """An "it" that names nobody: the subject of a passive or an expletive ("It has been
    verified that …", "It is believed …", "It seems …"). The report itself states it."""
    if claim.source is None or claim.source.lower() != "it":
        return False
    span = _span(doc, claim.source_span)
    return span is not None and len(span) == 1 and span[0].dep_ in IMPERSONAL_DEPS


def _as_outlets(claim: Claim) -> Claim:
    """The claim as the outlet's own (what was written stays in `source_as_written`)."""
    return dataclasses.replace(claim, source=None, chain=(), cue=None, source_span=None,
                               cue_span=None, attributed_by=None)


def _refers_back(source: str) -> bool:
    lowered = source.lower()
    return lowered in _words().pronouns or bool(ROLE_PHRASE.match(lowered[:1] + source[1:]))


def _with_source(claim: Claim, name: str) -> Claim:
    chain = (*claim.chain[:-1], name) if claim.chain else (name,)
    return dataclasses.replace(claim, source=name, chain=chain)


def _carried(claim: Claim, earlier: list[Claim]) -> str | None:
    """A quotation carried from the claim before keeps that claim's resolution."""
    if claim.source_span is not None or not earlier:
        return None
    previous = earlier[-1]
    if previous.source_as_written == claim.source and previous.source != claim.source:
        return previous.source
    return None


def _resolve(claim: Claim, doc: Doc, earlier: list[Claim], context: _Context) -> str | None:
    assert claim.source is not None
    at = claim.source_span[0] if claim.source_span else claim.start
    lowered = claim.source.lower()
    candidates = context.before(at)
    if lowered in _words().pronouns:
        gender, number = _pronoun_features(lowered, claim, doc)
        return _pick_for_pronoun(gender, number, candidates, earlier, context.genders)
    return _pick_for_role(lowered.split()[-1], candidates)


def _pronoun_features(word: str, claim: Claim, doc: Doc) -> tuple[str, str]:
    """(gender, number) of the pronoun: the parse's morphology, else the word list."""
    gender, number = _words().pronouns[word]
    span = _span(doc, claim.source_span)
    if span is not None and len(span) == 1:
        morph = span[0].morph
        gender = (morph.get("Gender") or [gender])[0].lower()[:4]
        number = (morph.get("Number") or [number])[0].lower()[:4]
    return gender, number


def _pick_for_pronoun(
    gender: str,
    number: str,
    candidates: list[Candidate],
    earlier: list[Claim],
    genders: dict[str, str],
) -> str | None:
    def fits(candidate: Candidate) -> bool:
        if (number == "plur") != candidate.plural:
            return False
        if gender == "neut":
            return candidate.person is False and candidate not in mentions
        if candidate.person is False or gender not in ("masc", "fem"):
            return number == "plur"
        known = candidate.title_gender or genders.get(candidate.name)
        return known is None or known == gender

    mentions = [c for c in candidates if not c.speaker]
    fitting = [c for c in candidates if fits(c)]
    if not fitting:
        return None
    previous = earlier[-1].source if earlier else None
    chosen = next((c for c in fitting if c.name == previous), None)
    chosen = chosen or max(fitting, key=lambda c: c.at)
    if gender in ("masc", "fem"):
        genders.setdefault(chosen.name, gender)
    return chosen.name


def _pick_for_role(head: str, candidates: list[Candidate]) -> str | None:
    fitting = [
        c for c in candidates if c.named and head in re.findall(r"[a-z-]+", c.name.lower())
    ]
    return max(fitting, key=lambda c: c.at).name if fitting else None


def _speaker(claim: Claim, doc: Doc) -> Candidate:
    """An earlier claim's speaker, where it is written."""
    assert claim.source is not None
    at = claim.source_span[0] if claim.source_span else claim.start
    candidate = _candidate(claim.source, at, _span(doc, claim.source_span))
    return dataclasses.replace(candidate, speaker=True)


def _mentions(doc: Doc) -> list[Candidate]:
    return [
        _candidate(ent.text, ent.start_char, ent)
        for ent in doc.ents
        if ent.label_ in ("PER", "ORG")
    ]


def _candidate(name: str, at: int, span: Span | None) -> Candidate:
    name = name.strip(EDGE)
    first = re.sub(r"\W", "", name.split()[0].lower()) if name.split() else ""
    if span is None:
        return Candidate(
            name, at, False, None, name[:1].isupper(), False, _words().titles.get(first)
        )
    head = span.root
    plural = head.tag_ in ("NNS", "NNPS") or "Plur" in head.morph.get("Number")
    # the labels of the entities it overlaps, read from its tokens: `doc.ents` builds every
    # entity of the report anew on each access, once per candidate
    labels = {token.ent_type_ for token in span if token.ent_type_}
    title = _words().titles.get(first)
    role = any(_person_noun(token.lower_) for token in span)
    if "PER" in labels or title or role:
        person: bool | None = True
    elif labels & {"ORG", "LOC"} or head.pos_ != "PROPN":
        person = False
    else:
        person = None
    named = any(token.pos_ == "PROPN" for token in span)
    return Candidate(name, at, plural, person, named, False, title)


def _person_noun(word: str) -> bool:
    """A person noun of the word list, singular or plural (the pipeline runs no lemmatizer
    on every window, so the plural is undone here: officials, witnesses, spokesmen)."""
    persons = _words().persons
    singulars = {word, word[:-1], word[:-2], word[:-3] + "man"}
    return any(w in persons for w in singulars if w)


def _span(doc: Doc, offsets: tuple[int, int] | None) -> Span | None:
    if offsets is None:
        return None
    return doc.char_span(offsets[0], offsets[1], alignment_mode="expand")
