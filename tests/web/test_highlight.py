"""Cutting a report's text into plain runs and marked claims."""

from __future__ import annotations

from corroborate.model import Certainty
from corroborate.store.tables import ClaimRow
from corroborate.web.highlight import segments


def _claim(claim_id: int, start: int, end: int, text: str, **spans: tuple[int, int]) -> ClaimRow:
    source = spans.get("source", (None, None))
    cue = spans.get("cue", (None, None))
    return ClaimRow(claim_id, 1, start, end, text[start:end], "x", ("x",), "said",
                    Certainty.HEDGED, (), source[0], source[1], cue[0], cue[1], None, None,
                    None)


TEXT = "Intro. Rebels said the road was cut. Middle. Officials denied it. End."


def test_highlight_segments_cover_the_text_in_order() -> None:
    first, second = TEXT.index("Rebels"), TEXT.index("Officials")
    claims = [_claim(1, first, TEXT.index(" Middle"), TEXT),
              _claim(2, second, TEXT.index(" End"), TEXT)]
    cut, overlapping = segments(TEXT, claims)
    assert "".join(p.text for s in cut for p in s.pieces) == TEXT
    assert [s.number for s in cut if s.claim] == [1, 2]
    assert overlapping == set()


def test_highlight_source_and_cue_marked_inside_claim() -> None:
    start = TEXT.index("Rebels")
    cue = TEXT.index("said")
    claim = _claim(1, start, TEXT.index(" Middle"), TEXT, source=(start, start + 6),
                   cue=(cue, cue + 4))
    cut, _ = segments(TEXT, [claim])
    marked = next(s for s in cut if s.claim)
    assert [(p.text, p.role) for p in marked.pieces if p.role] == [("Rebels", "source"),
                                                                   ("said", "cue")]


def test_highlight_overlapping_claim_listed_not_marked() -> None:
    claims = [_claim(1, 0, 20, TEXT), _claim(2, 10, 30, TEXT)]
    cut, overlapping = segments(TEXT, claims)
    assert overlapping == {2}
    assert "".join(p.text for s in cut for p in s.pieces) == TEXT


def test_highlight_span_outside_claim_ignored() -> None:
    start = TEXT.index("Officials")
    claim = _claim(1, start, TEXT.index(" End"), TEXT, source=(0, 5))
    cut, _ = segments(TEXT, [claim])
    assert all(p.role is None for s in cut for p in s.pieces)
