"""Load the cleaning stage's word lists and patterns from `corroborate/data/lexicons/`.

Every list the cleaner uses is data (one entry a line, `#` starts a comment) so that it can
be reviewed and extended without touching code.
"""

from __future__ import annotations

import re
from functools import lru_cache

from corroborate.resources import lexicon_entries


def _entries(name: str) -> tuple[str, ...]:
    """Non-blank, non-comment lines of a lexicon file (a regex may hold a `#`)."""
    return lexicon_entries(name, comments=False)


def _reason_patterns(name: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    pairs = []
    for entry in _entries(name):
        reason, _, pattern = entry.partition("\t")
        pairs.append((reason.strip(), re.compile(pattern.strip(), re.IGNORECASE)))
    return tuple(pairs)


@lru_cache(maxsize=1)
def furniture_lines() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(reason, pattern) pairs that must match a whole line."""
    return _reason_patterns("furniture_lines.txt")


@lru_cache(maxsize=1)
def furniture_phrases() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(reason, pattern) pairs that may match anywhere in a line."""
    return _reason_patterns("furniture_phrases.txt")


@lru_cache(maxsize=1)
def share_words() -> frozenset[str]:
    return frozenset(entry.strip().lower() for entry in _entries("furniture_share.txt"))


@lru_cache(maxsize=1)
def credit_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(
        re.compile(entry.strip(), re.IGNORECASE) for entry in _entries("clean_credits.txt")
    )


@lru_cache(maxsize=1)
def known_outlets() -> dict[str, str]:
    """Domain (without `www.`) -> outlet name."""
    outlets = {}
    for entry in _entries("clean_outlets.txt"):
        domain, _, name = entry.partition("\t")
        outlets[domain.strip().lower()] = name.strip()
    return outlets


@lru_cache(maxsize=1)
def outlet_words() -> frozenset[str]:
    return frozenset(entry.strip().lower() for entry in _entries("clean_outlet_words.txt"))
