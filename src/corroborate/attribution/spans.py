"""Spans and attributions: the values the attribution extractor returns.

A span is a tuple of (start, end) character fragments into the text it was read from;
brat annotations and quotes interrupted by their cue ("X," he said, "Y") have several.
"""

from __future__ import annotations

from dataclasses import dataclass

Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Span:
    """One possibly discontinuous stretch of text: its fragments and their text."""

    fragments: Fragments
    text: str  # the fragments' texts joined by a space

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]


@dataclass(frozen=True)
class TaggedFrame:
    """Who (source) says what (content), signalled by which words (cue)."""

    cue: Span
    source: Span | None
    content: Span | None


def normalise(text: str, fragments: Fragments) -> Fragments:
    """Fragments with surrounding whitespace stripped, empty ones dropped, sorted, and merged
    where only whitespace separates them: the form in which spans are compared for an exact
    match (brat splits a quote that runs over a line break into two fragments)."""
    cleaned: list[tuple[int, int]] = []
    for start, end in sorted(fragments):
        piece = text[start:end]
        start += len(piece) - len(piece.lstrip())
        end -= len(piece) - len(piece.rstrip())
        if start >= end:
            continue
        if cleaned and not text[cleaned[-1][1] : start].strip():
            cleaned[-1] = (cleaned[-1][0], max(end, cleaned[-1][1]))
        else:
            cleaned.append((start, end))
    return tuple(cleaned)


def make_span(text: str, fragments: Fragments) -> Span | None:
    """A normalised span over `text`, or None when nothing but whitespace is covered."""
    clean = normalise(text, fragments)
    if not clean:
        return None
    return Span(clean, " ".join(text[start:end] for start, end in clean))
