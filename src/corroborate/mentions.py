"""Named-entity mentions of one report, cleaned: trimmed, case variants merged, one type.

The parse's NER reads each mention on its own, so one report can give `Asi River-` (a
dash kept), `Al-Waer` and `al-Waer` as two names, and `Kremlin` as PER in one sentence and
LOC in another. Within a report a name means one thing:

- a mention is trimmed to its name: cut at a bracket or a dash that joins two words
  (`Zaman Al Wasl)- Pro-` -> `Zaman Al Wasl`), stripped of punctuation at both ends;
- case variants are one name, written as most of the report writes it;
- a name has one type: the type a word of it settles (`entity_types.txt`: "River" is a
  place, "Jabhat" an organisation, "Umm" a person), else the type most of its mentions
  were read as (ties: the first mention's);
- a wire dateline's place is a LOC and its agency an ORG (all the agency's mentions).

Across reports, names are left as they are here (canonical actors are another stage's).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from corroborate.model import Dateline, Mention
from corroborate.resources import lexicon_sections

# A bracket, or a dash between a word and a bracket/space ("Wasl)- Pro"): the name ends there.
_CUT = re.compile(r"[()\[\]]|(?<=\w)-(?=\s)|\s[-–—]\s|[–—]")
_EDGE = "-–—,;:.!?\"'“”‘’«»/\\|*_ "


@functools.cache
def _type_words() -> dict[str, str]:
    sections = lexicon_sections("entity_types.txt")
    return {word: label for label, entries in sections.items() for word in entries}


def clean_mentions(
    text: str, mentions: Sequence[Mention], dateline: Dateline | None = None
) -> tuple[Mention, ...]:
    """The report's mentions trimmed, named and typed consistently; spans index `text`."""
    trimmed = [m for m in (_trim(text, m) for m in mentions) if m is not None]
    fixed = {}
    if dateline is not None:
        trimmed = _dateline_types(text, trimmed, dateline)
        fixed[_key(dateline.agency)] = "ORG"  # the agency, wherever the report names it
    return _settle(trimmed, fixed)


def _trim(text: str, mention: Mention) -> Mention | None:
    """The mention cut to its longest piece between brackets and joining dashes, without
    punctuation at its ends; None when no letter is left."""
    span = text[mention.start : mention.end]
    pieces, at = [], 0
    for cut in _CUT.finditer(span):
        pieces.append((at, cut.start()))
        at = cut.end()
    pieces.append((at, len(span)))
    start, end = max(pieces, key=lambda p: len(re.findall(r"\w", span[p[0] : p[1]])))
    while start < end and span[start] in _EDGE:
        start += 1
    while end > start and span[end - 1] in _EDGE and not _abbreviation_dot(span[start:end]):
        end -= 1
    if not re.search(r"[^\W\d_]", span[start:end]):
        return None
    return Mention(mention.start + start, mention.start + end, span[start:end], mention.label)


def _abbreviation_dot(name: str) -> bool:
    """ "U.S." keeps its last dot."""
    return name.endswith(".") and "." in name[:-1] and len(name.split()[-1]) <= 5


def _dateline_types(text: str, mentions: list[Mention], dateline: Dateline) -> list[Mention]:
    place_end = dateline.start + len(dateline.place or "")
    agency_at = text.find(dateline.agency, dateline.start, dateline.end)
    typed = []
    for mention in mentions:
        if dateline.start <= mention.start and mention.end <= place_end:
            mention = dataclasses.replace(mention, label="LOC")
        elif agency_at <= mention.start < agency_at + len(dateline.agency):
            mention = dataclasses.replace(mention, label="ORG")
        typed.append(mention)
    return typed


def _settle(mentions: list[Mention], fixed: dict[str, str]) -> tuple[Mention, ...]:
    """One written form and one type per name (case-insensitive) in the report."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        groups[_key(mention.text)].append(mention)
    settled = {}
    for key, group in groups.items():
        name = _most_common([m.text for m in group])
        settled[key] = (name, fixed.get(key) or _type_of(name, group))
    return tuple(
        dataclasses.replace(m, name=settled[_key(m.text)][0], label=settled[_key(m.text)][1])
        for m in mentions
    )


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _most_common(values: list[str]) -> str:
    """The value written most often; ties: the one written first."""
    counts = Counter(values)
    return max(counts, key=lambda value: (counts[value], -values.index(value)))


def _type_of(name: str, group: list[Mention]) -> str:
    type_words = _type_words()
    for word in re.findall(r"[^\W\d_]+", name.lower()):
        if word in type_words:
            return type_words[word]
    return _most_common([m.label for m in group])
