"""Cleaning time grows with the page, not with its square: a page of thousands of distinct
lines is cleaned in seconds, and a pull quote among them is still found."""

from __future__ import annotations

import random
import time

from corroborate.clean.repetition import pull_quotes

_SYLLABLES = ("ka", "ro", "mi", "ten", "sul", "dar", "vek", "po", "lin", "ash", "ur", "bel")
_COMMON = ("the", "of", "and", "to", "in", "a", "that", "said", "on", "for", "was", "with")


def _lines(count: int, seed: int = 7) -> dict[int, str]:
    rng = random.Random(seed)
    vocabulary = [
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))) for _ in range(3000)
    ]
    return {
        number: " ".join(
            rng.choice(_COMMON) if rng.random() < 0.4 else rng.choice(vocabulary)
            for _ in range(rng.randint(8, 30))
        )
        + "."
        for number in range(count)
    }


def test_linear_pull_quotes_on_many_lines_is_fast() -> None:
    lines = _lines(4000)
    started = time.perf_counter()
    pull_quotes(lines)
    # Pairwise comparison took about 20 s here; the run index takes about one.
    assert time.perf_counter() - started < 6


def test_linear_pull_quote_is_found_among_many_lines() -> None:
    lines = _lines(3000)
    source = lines[1234].rstrip(".").split()
    quote = " ".join(source[2:9])  # seven words lifted from line 1234
    lines[3000] = quote
    lines[3001] = " ".join(source[2:5] + ["entirely", "different", "words", "here"])
    found = pull_quotes(lines)
    assert found.get(3000) == "pull-quote" and 3001 not in found
