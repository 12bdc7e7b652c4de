"""Stance of a claim toward what it states, and the independent origins behind evidence.

Stance (`claim_stance`), from the claim's certainty, by the report's wording:
- `denied` refutes;
- `hedged` where the only doubt is the attribution cue ("state television claims …",
  "activists alleged …") supports: the source states it, the outlet only keeps its distance
  (the certainty stays `hedged` beside it);
- any other hedge (may, reportedly, estimated, could not verify …) discusses;
- `asserted` supports.

Origins (`origin`): who a piece of evidence ultimately rests on. A claim in a syndicated
copy adds nothing; an attributed claim rests on its innermost source (so a report that only
repeats another outlet's report, or two outlets quoting one source, add no origin of their
own); an unattributed claim rests on its outlet. Names are compared after normalising
case, punctuation, leading articles, possessives and "TV" / "television"; one name whose
words (two or more) all appear in another is the same origin ("state television" and
"Syrian state television in Damascus"). Anything looser would merge different speakers, so
two differently worded sources count twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from corroborate.model import Certainty
from corroborate.store.tables import EvidenceRow

SUPPORTS, REFUTES, DISCUSSES = "supports", "refutes", "discusses"
STANCES = (SUPPORTS, REFUTES, DISCUSSES)

_ARTICLES = {"the", "a", "an"}
_SYNONYMS = {"tv": "television"}
# Speakers that only point back at an earlier one in the same report ("The report added").
_ANAPHORA = {
    "it", "he", "she", "they", "this", "report", "page", "statement", "source", "sources",
    "account", "outlet", "newspaper", "agency", "channel", "site", "website", "spokesman",
}
_WORD = re.compile(r"[\w-]+")
MIN_SHARED_WORDS = 2  # a shorter name is too vague to be one origin with a longer one


def claim_stance(certainty: Certainty | str, cue: str | None, hedges: Sequence[str]) -> str:
    if certainty == Certainty.DENIED:
        return REFUTES
    if certainty == Certainty.HEDGED:
        doubt = {h.lower() for h in hedges} - {(cue or "").lower()}
        return DISCUSSES if doubt else SUPPORTS
    return SUPPORTS


def name_words(name: str) -> tuple[str, ...]:
    """`name` normalised: lowercase words, no leading article or possessive, TV = television."""
    text = re.sub(r"['’]s\b", "", name.lower())
    words = [_SYNONYMS.get(w, w) for w in _WORD.findall(text)]
    while words and words[0] in _ARTICLES:
        words = words[1:]
    return tuple(words)


@dataclass(frozen=True)
class Origin:
    key: tuple[str, ...]  # normalised name
    name: str  # as written, for display


def origin(item: EvidenceRow, previous: Origin | None = None) -> Origin | None:
    """Who `item` rests on; None for a claim in a copy (it adds nothing). `previous` is the
    origin of the claim before it in the same report, for speakers such as "the report"."""
    if item.copy_of is not None:
        return None
    if item.source:
        words = name_words(item.source)
        if words and not set(words) <= _ANAPHORA:
            return Origin(words, item.source)
        if previous is not None:
            return previous
    # the outlet speaks (or a speaker that only points back, with nobody before it)
    outlet = item.outlet or f"report {item.doc_id}"
    return Origin(name_words(outlet) or (outlet,), outlet)


def origins(items: Iterable[EvidenceRow]) -> dict[int, Origin | None]:
    """Each claim's origin, by claim id (speakers that point back resolved within reports)."""
    result: dict[int, Origin | None] = {}
    last: dict[int, Origin] = {}
    for item in sorted(items, key=lambda e: (e.doc_id, e.start, e.claim_id)):
        found = origin(item, last.get(item.doc_id))
        result[item.claim_id] = found
        if found is not None and item.source:
            last[item.doc_id] = found
    return result


def independent(found: Iterable[Origin | None]) -> list[Origin]:
    """The distinct origins among `found`, merging names where one's words contain the
    other's (at least `MIN_SHARED_WORDS` of them); in the order first seen."""
    kept: list[Origin] = []
    for candidate in found:
        if candidate is None or any(_same(candidate.key, o.key) for o in kept):
            continue
        kept.append(candidate)
    return kept


def _same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if a == b:
        return True
    small, large = sorted((set(a), set(b)), key=len)
    return len(small) >= MIN_SHARED_WORDS and small <= large


@dataclass(frozen=True)
class Tally:
    """Independent origins for and against, and who they are."""

    supports: list[Origin]
    refutes: list[Origin]


def tally(items: Sequence[EvidenceRow], stances: dict[int, str]) -> Tally:
    """Independent origins behind the `supports` and the `refutes` claims among `items`."""
    found = origins(items)

    def side(stance: str) -> list[Origin]:
        return independent(found[i.claim_id] for i in items if stances[i.claim_id] == stance)

    return Tally(side(SUPPORTS), side(REFUTES))
