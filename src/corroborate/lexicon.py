"""The claims stage's word lists, read once from `corroborate/data/lexicons/`.

Files are plain text: one entry a line, `#` starts a comment, `[name]` starts a section.
Regexes built from the entries live here too, so that every module matches words the same
way (whole words, either apostrophe, "..." as a short gap).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from corroborate.resources import lexicon_sections as read_sections

GAP_WORDS = 6  # "if ... confirmed": at most this many words in the gap


@dataclass(frozen=True)
class Lexicon:
    neutral_cues: tuple[str, ...]
    distancing_cues: tuple[str, ...]
    denial_cues: tuple[str, ...]
    denial_phrases: tuple[str, ...]
    hedge_phrases: tuple[str, ...]  # non-verification phrases included
    non_verification: tuple[str, ...]
    evidence_nouns: frozenset[str]
    modals: tuple[str, ...]
    non_commitment: tuple[str, ...]
    belief: frozenset[str]
    permission: tuple[str, ...]
    reportative: frozenset[str]
    rejected_nouns: frozenset[str]
    falsity: tuple[str, ...]
    attitude: frozenset[str]
    parties: frozenset[str]
    mitigators: tuple[str, ...]
    abbreviations: frozenset[str]
    number_abbreviations: frozenset[str]
    conjunctions: frozenset[str]
    openers: frozenset[str]
    time_words: frozenset[str]
    addressee_verbs: frozenset[str]
    prepositions: frozenset[str]
    auxiliaries: frozenset[str]
    not_sources: frozenset[str]
    copulas: frozenset[str]
    determiners: frozenset[str]
    pronouns: frozenset[str]
    subordinators: frozenset[str]
    not_source_starts: frozenset[str]

    @property
    def all_cues(self) -> tuple[str, ...]:
        return self.neutral_cues + self.distancing_cues + self.denial_cues

    def cue_kind(self, cue: str) -> str:
        """'denial', 'distancing' or 'neutral' for a cue as written (any case)."""
        lowered = cue.lower()
        if lowered in self.denial_cues:
            return "denial"
        if lowered in self.distancing_cues:
            return "distancing"
        return "neutral"


@functools.cache
def lexicon() -> Lexicon:
    cues, denials, hedges = (
        read_sections("cues.txt"),
        read_sections("denials.txt"),
        read_sections("hedges.txt"),
    )
    frame, abbreviations = read_sections("cues_frame.txt"), read_sections("abbreviations.txt")
    return Lexicon(
        neutral_cues=cues["neutral"],
        distancing_cues=cues["distancing"],
        denial_cues=denials["verbs"],
        denial_phrases=denials["phrases"],
        hedge_phrases=hedges["phrases"] + hedges["non_verification"],
        non_verification=hedges["non_verification"],
        evidence_nouns=frozenset(hedges["evidence"]),
        modals=hedges["modals"],
        non_commitment=hedges["non_commitment"],
        belief=frozenset(hedges["believe"]),
        permission=hedges["permission"],
        reportative=frozenset(hedges["reportative"]),
        rejected_nouns=frozenset(denials["rejected"]),
        falsity=denials["falsity"],
        attitude=frozenset(denials["attitude"]),
        parties=frozenset(denials["parties"]),
        mitigators=denials["mitigators"],
        abbreviations=frozenset(abbreviations["always"]),
        number_abbreviations=frozenset(abbreviations["before_number"]),
        conjunctions=frozenset(frame["conjunctions"]),
        openers=frozenset(frame["openers"]),
        time_words=frozenset(frame["time"]),
        addressee_verbs=frozenset(frame["addressee_verbs"]),
        prepositions=frozenset(frame["prepositions"]),
        auxiliaries=frozenset(frame["auxiliaries"]),
        not_sources=frozenset(frame["not_sources"]),
        copulas=frozenset(frame["copulas"]),
        determiners=frozenset(frame["determiners"]),
        pronouns=frozenset(frame["pronouns"]),
        subordinators=frozenset(frame["subordinators"]),
        not_source_starts=frozenset(frame["not_source_starts"]),
    )


# no match starts inside a word (the same for every entry: `phrases_regex` tests it once per
# place rather than once per entry, which made matching several times faster)
_WORD_START = r"(?<![\w'’-])"
APOSTROPHES = "'’"  # an entry's "'" matches either (`_phrase_body`)


def phrase_pattern(phrase: str) -> str:
    """A regex for one entry: whole words, flexible spaces, "..." as a short gap."""
    return _WORD_START + _phrase_body(phrase)


def _phrase_body(phrase: str) -> str:
    """`phrase_pattern` without the test that the match starts a word."""
    parts = []
    for word in phrase.split():
        if word == "...":
            parts.append(rf"(?:\S+\s+){{0,{GAP_WORDS}}}?")
        else:
            parts.append(re.escape(word).replace("'", "['’]") + r"\s+")
    body = "".join(parts)[: -len(r"\s+")]
    return rf"{body}(?![\w-])"


@functools.cache
def _longest_first(phrases: tuple[str, ...]) -> tuple[str, ...]:
    # the order phrases_regex builds its groups in; cached, as it is called per sentence
    return tuple(sorted(phrases, key=lambda p: (-len(p.split()), -len(p))))


def grouped_alternation(ordered: Sequence[str], capture: bool) -> tuple[str, tuple[str, ...]]:
    """The entries' patterns as one alternation after the word-start test, matching exactly
    what the alternation of `ordered` does, and the entries in the order of its capturing
    groups (one per entry when `capture`).

    The regex engine tries every alternative at every place (case-insensitive literals get
    no quick first-character test), so the entries are grouped by their first character,
    each group behind a lookahead for it: a place is tested once per group, and only the
    entries that can start there are tried, in their order (entries with different first
    characters never match at the same place). Finding hedges, denials and cues per claim
    took about 4% of ingest. An entry opening with a gap can start anywhere: no grouping."""

    def body(phrase: str) -> str:
        return f"({_phrase_body(phrase)})" if capture else _phrase_body(phrase)

    groups: dict[str, list[str]] = {}  # lookahead -> its entries
    for phrase in ordered:
        words = phrase.split()
        first = words[0][0].lower() if words else ""
        if words[:1] == ["..."] or not (first.isascii() or first in APOSTROPHES) or not first:
            plain = "|".join(body(p) for p in ordered)
            return f"{_WORD_START}(?:{plain})", tuple(ordered)
        ahead = f"(?=[{APOSTROPHES}])" if first in APOSTROPHES else f"(?={re.escape(first)})"
        groups.setdefault(ahead, []).append(phrase)
    alternatives = "|".join(
        f"{ahead}(?:{'|'.join(body(p) for p in members)})" for ahead, members in groups.items()
    )
    return f"{_WORD_START}(?:{alternatives})", tuple(p for m in groups.values() for p in m)


@functools.cache
def _phrases_matcher(phrases: tuple[str, ...]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    pattern, entries = grouped_alternation(_longest_first(phrases), capture=True)
    return re.compile(pattern, re.IGNORECASE), entries


def phrases_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive regex for a list of entries, longest entries tried first; an
    entry's capturing group is its place in `grouped_alternation`'s order."""
    return _phrases_matcher(phrases)[0]


@functools.cache
def lowercase_phrases_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """A regex that finds the entries in lower-case text as `phrases_regex` does, without
    telling which entry matched: with no groups and no IGNORECASE, Python's `re` runs it
    several times faster (for counting matches)."""
    ordered = _longest_first(tuple(p.lower() for p in phrases))
    return re.compile(f"{_WORD_START}(?:{'|'.join(_phrase_body(p) for p in ordered)})")


@dataclass(frozen=True)
class PhraseMatch:
    start: int
    end: int
    entry: str  # the lexicon entry
    written: str  # the text as written

    @property
    def label(self) -> str:
        """How the match is reported in `Claim.hedges`: as written, or the entry for a gap."""
        return self.entry if "..." in self.entry else self.written


def find_phrases(text: str, phrases: tuple[str, ...]) -> list[PhraseMatch]:
    """Non-overlapping matches of the entries in `text`, longest entry first at each place."""
    regex, entries = _phrases_matcher(phrases)
    return [
        PhraseMatch(m.start(), m.end(), entries[m.lastindex - 1], m.group(0))
        for m in regex.finditer(text)
        if m.lastindex is not None
    ]
