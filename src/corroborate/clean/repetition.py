"""Repeated lines and pull quotes.

A page repeats text it already showed: a caption printed twice, the headline again above
the body, a paragraph pasted again at the bottom, or a pull quote (a body sentence set in
large type, often slightly edited). The first full occurrence is body; the copy is noise.
"""

from __future__ import annotations

from array import array
from collections import Counter
from difflib import SequenceMatcher
from itertools import repeat

import numpy as np

from corroborate.clean.lines import words

# A pull quote is at least this many words: shorter lines (sub-headings such as "The
# displacements") may legitimately reuse a phrase of the body and must stay.
MIN_PULL_QUOTE_WORDS = 6
# ... at most this many (a pull quote is one sentence; longer lines are paragraphs).
MAX_PULL_QUOTE_WORDS = 45
# Share of the candidate's words found, in runs of MIN_RUN+ words in order, inside one
# longer line. 0.8 tolerates an editor's small change ("a most painful page" for "the most
# painful page": 12 of 13 words) while two different sentences that share a few phrases
# stay far below it.
PULL_QUOTE_OVERLAP = 0.8
MIN_RUN = 3

Key = tuple[str, ...]  # a line's comparison key (see line_key)


def line_key(line: str) -> Key:
    """Comparison key: lower-cased words, ignoring punctuation, quotes and spacing."""
    return tuple(word.lower().replace("’", "'") for word in words(line))


def _keys(lines: dict[int, str]) -> dict[int, Key]:
    """Every line's key, with one string object per distinct word: a long page repeats its
    words, and the keys of all its lines are held at once (fresh strings tripled the
    memory of cleaning a 200,000-line page)."""
    words: dict[str, str] = {}
    return {
        number: tuple(words.setdefault(word, word) for word in line_key(line))
        for number, line in lines.items()
    }


def repeated_lines(lines: dict[int, str]) -> dict[int, str]:
    """Line number -> "repeated" for every line equal to an earlier line."""
    seen: set[Key] = set()
    noise = {}
    keys = _keys(lines)
    for number in sorted(keys):
        key = keys[number]
        if not key:
            continue
        if key in seen:
            noise[number] = "repeated"
        seen.add(key)
    return noise


# Finding pull quotes compares a short line only with the longer lines that share a run of
# MIN_RUN words with it (a trigram index), not with every line: pairwise comparison made a
# page of 20,000 lines take minutes. Two bounds keep pathological pages linear; neither
# binds on a real article (a few hundred lines):
# - a word run found on more than COMMON_RUN_LINES lines ("said on monday") says nothing
#   about which line a quote was taken from, so it does not nominate candidates;
# - a short line is compared with at most MAX_CANDIDATES longer lines, those sharing the
#   most runs with it (the line a quote was lifted from shares nearly all of them).
COMMON_RUN_LINES = 20
MAX_CANDIDATES = 8


# Matchers kept for the longer lines compared most recently: a long line is usually
# compared with the few short lines near it, and the cache stays small on a huge page.
MATCHER_CACHE_LINES = 256


def _runs(key: Key) -> set[int]:
    """The line's runs of MIN_RUN words, as hashes: an index of hashes takes a fraction of
    the memory of one of word tuples, and a rare collision only adds a candidate, which
    the exact comparison then rejects. (A tuple's hash fits in a signed 64-bit integer.)"""
    return {hash(key[at : at + MIN_RUN]) for at in range(len(key) - MIN_RUN + 1)}


class _LongerLines:
    """The page's lines indexed by their word runs, each with a matcher built once.

    The index is two sorted numpy arrays (run hash, line number): 16 bytes a run, where a
    dict of Python ints took about 100 (a 200,000-line page holds millions of runs)."""

    def __init__(self, keys: dict[int, Key]) -> None:
        self.keys = keys
        runs, owners = array("q"), array("q")
        for number, key in keys.items():
            if len(key) > MIN_PULL_QUOTE_WORDS:  # only a line longer than a quote can hold it
                line_runs = _runs(key)
                runs.extend(line_runs)
                owners.extend(repeat(number, len(line_runs)))
        hashes = np.frombuffer(runs, dtype=np.int64) if runs else np.empty(0, np.int64)
        order = np.argsort(hashes, kind="stable")
        self._hashes = hashes[order]
        self._owners = (np.frombuffer(owners, dtype=np.int64) if owners else hashes)[order]
        self._matchers: dict[int, tuple[set[str], SequenceMatcher[str]]] = {}

    def candidates(self, number: int, key: Key) -> list[int]:
        """Longer lines sharing a run with `key`, most shared runs first."""
        runs = np.fromiter(_runs(key), dtype=np.int64)
        starts = np.searchsorted(self._hashes, runs, side="left").tolist()
        ends = np.searchsorted(self._hashes, runs, side="right").tolist()
        shared: Counter[int] = Counter()
        for start, end in zip(starts, ends, strict=True):
            if end - start <= COMMON_RUN_LINES:
                shared.update(self._owners[start:end].tolist())
        ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
        longer = [n for n, _ in ranked if n != number and len(self.keys[n]) > len(key)]
        return longer[:MAX_CANDIDATES]

    def overlap(self, short: Key, number: int) -> float:
        """Share of `short`'s words found, in runs of MIN_RUN+ words in order, in line
        `number`."""
        if number not in self._matchers:
            if len(self._matchers) >= MATCHER_CACHE_LINES:
                self._matchers.clear()
            matcher: SequenceMatcher[str] = SequenceMatcher(None, autojunk=False)
            matcher.set_seq2(self.keys[number])  # indexes the long line once
            self._matchers[number] = (set(self.keys[number]), matcher)
        vocabulary, matcher = self._matchers[number]
        # Cheap bound first: words of `short` absent from the long line can never match.
        if sum(word in vocabulary for word in short) < PULL_QUOTE_OVERLAP * len(short):
            return 0.0
        matcher.set_seq1(short)
        blocks = matcher.get_matching_blocks()
        return sum(block.size for block in blocks if block.size >= MIN_RUN) / len(short)


def pull_quotes(lines: dict[int, str]) -> dict[int, str]:
    """Line number -> "pull-quote" for a short line that repeats part of a longer line."""
    keys = _keys(lines)
    longer = _LongerLines(keys)
    noise = {}
    for number, key in keys.items():
        if not MIN_PULL_QUOTE_WORDS <= len(key) <= MAX_PULL_QUOTE_WORDS:
            continue
        if any(
            longer.overlap(key, other) >= PULL_QUOTE_OVERLAP
            for other in longer.candidates(number, key)
        ):
            noise[number] = "pull-quote"
    return noise
