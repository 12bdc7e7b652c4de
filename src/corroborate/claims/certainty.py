"""How sure: asserted, hedged or denied, from the claim's wording (GUIDELINES.md)."""

from __future__ import annotations

import re

from corroborate.lexicon import find_phrases, lexicon, phrase_pattern
from corroborate.model import Certainty

# A modal hedges unless it is negated: "could not reach" states an inability, and the
# non-verification phrases ("could not verify") are matched as hedge phrases instead.
NEGATION_AFTER = r"(?!\s*(?:not\b|n['’]t))"


def _modals(text: str) -> list[str]:
    found = []
    for modal in lexicon().modals:
        # Lower case only: "May" starting a date is a month, not a modal.
        pattern = phrase_pattern(modal) + NEGATION_AFTER
        found += [m.group(0) for m in re.finditer(pattern, text)]
    return found


def certainty_of(text: str, cues: tuple[str, ...] = ()) -> tuple[Certainty, tuple[str, ...]]:
    """Certainty of a claim's text and the hedge or denial words found.

    `cues` are the attribution cues on the claim's path: a denial cue ("denied") makes it
    denied, a distancing cue ("claimed") hedged; both are listed among the words found.
    """
    lex = lexicon()
    denials = [m.label for m in find_phrases(text, lex.denial_phrases)]
    denials += [cue for cue in cues if lex.cue_kind(cue) == "denial"]
    hedges = [m.label for m in find_phrases(text, lex.hedge_phrases)]
    hedges += [cue for cue in cues if lex.cue_kind(cue) == "distancing"]
    hedges += _modals(text)
    if denials:
        return Certainty.DENIED, _unique(denials + hedges)
    if hedges:
        return Certainty.HEDGED, _unique(hedges)
    return Certainty.ASSERTED, ()


def _unique(words: list[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for word in words:
        seen.setdefault(word, None)
    return tuple(seen)
