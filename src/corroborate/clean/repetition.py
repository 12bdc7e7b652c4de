"""Repeated lines and pull quotes.

A page repeats text it already showed: a caption printed twice, the headline again above
the body, a paragraph pasted again at the bottom, or a pull quote (a body sentence set in
large type, often slightly edited). The first full occurrence is body; the copy is noise.
"""

from __future__ import annotations

from difflib import SequenceMatcher

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


def line_key(line: str) -> tuple[str, ...]:
    """Comparison key: lower-cased words, ignoring punctuation, quotes and spacing."""
    return tuple(word.lower().replace("’", "'") for word in words(line))


def repeated_lines(lines: dict[int, str]) -> dict[int, str]:
    """Line number -> "repeated" for every line equal to an earlier line."""
    seen: set[tuple[str, ...]] = set()
    noise = {}
    for number, line in sorted(lines.items()):
        key = line_key(line)
        if not key:
            continue
        if key in seen:
            noise[number] = "repeated"
        seen.add(key)
    return noise


def _overlap(short: tuple[str, ...], long: tuple[str, ...]) -> float:
    # Cheap bound first: words of `short` absent from `long` can never be matched.
    vocabulary = set(long)
    if sum(word in vocabulary for word in short) < PULL_QUOTE_OVERLAP * len(short):
        return 0.0
    matcher = SequenceMatcher(None, short, long, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks() if block.size >= MIN_RUN)
    return matched / len(short)


def pull_quotes(lines: dict[int, str]) -> dict[int, str]:
    """Line number -> "pull-quote" for a short line that repeats part of a longer line."""
    keys = {number: line_key(line) for number, line in lines.items()}
    noise = {}
    for number, key in keys.items():
        if not MIN_PULL_QUOTE_WORDS <= len(key) <= MAX_PULL_QUOTE_WORDS:
            continue
        longer = (other for n, other in keys.items() if n != number and len(other) > len(key))
        if any(_overlap(key, other) >= PULL_QUOTE_OVERLAP for other in longer):
            noise[number] = "pull-quote"
    return noise
