"""A report's clean text cut into pieces for the report page: plain runs, and claims with
their source and cue marked inside them.

The pieces are plain strings; the template escapes every one (the text is untrusted). Claims
are spans of the text, so cutting by offset is exact. A claim that overlaps an earlier one
cannot be a separate HTML element; it stays unmarked in the text and is listed below it.
"""

from __future__ import annotations

from dataclasses import dataclass

from corroborate.store.tables import ClaimRow


@dataclass(frozen=True)
class Piece:
    text: str
    role: str | None = None  # "source" or "cue" inside a claim; None for plain text


@dataclass(frozen=True)
class Segment:
    pieces: list[Piece]
    claim: ClaimRow | None = None  # None for text outside every claim
    number: int | None = None  # the claim's number in the report's list (1-based)


def segments(text: str, claims: list[ClaimRow]) -> tuple[list[Segment], set[int]]:
    """The text as segments in order, and the ids of claims that overlap an earlier one
    (shown only in the list)."""
    numbered = sorted(enumerate(claims, start=1), key=lambda pair: (pair[1].start, pair[1].end))
    result: list[Segment] = []
    overlapping: set[int] = set()
    position = 0
    for number, claim in numbered:
        if claim.start < position or claim.end > len(text) or claim.start >= claim.end:
            overlapping.add(claim.id)
            continue
        if claim.start > position:
            result.append(Segment([Piece(text[position : claim.start])]))
        result.append(Segment(_claim_pieces(text, claim), claim, number))
        position = claim.end
    if position < len(text):
        result.append(Segment([Piece(text[position:])]))
    return result, overlapping


def _claim_pieces(text: str, claim: ClaimRow) -> list[Piece]:
    """The claim's text with its source and cue spans (those inside it) marked."""
    marks = sorted(
        (start, end, role)
        for start, end, role in (
            (claim.source_start, claim.source_end, "source"),
            (claim.cue_start, claim.cue_end, "cue"),
        )
        if start is not None and end is not None and claim.start <= start < end <= claim.end
    )
    pieces: list[Piece] = []
    position = claim.start
    for start, end, role in marks:
        if start < position:  # overlaps the previous mark
            continue
        if start > position:
            pieces.append(Piece(text[position:start]))
        pieces.append(Piece(text[start:end], role))
        position = end
    if position < claim.end:
        pieces.append(Piece(text[position : claim.end]))
    return pieces
