"""The attribution frame of one sentence or clause: the ledger's one view of who says what.

Every reader returns a `Frame`: the patterns (`patterns.py`, over plain text), the tree rules
(`tree.py`, over the parse) and the trained tagger's frames once settled against the rules
(`combine.py`). Offsets: `content_start`/`content_end` are relative to the clause the frame
was read from; `spans`, where the tagger read the frame, are offsets into the clean text
(the tagger's own `TaggedFrame`, `spans.py`, keeps its possibly discontinuous fragments).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Frame:
    """The frame of a clause: chain outermost first; the content's span in the clause."""

    chain: tuple[str, ...]
    cue: str
    path_cues: tuple[str, ...]  # every cue on the path, outermost first (for certainty)
    content_start: int
    content_end: int
    trailing: bool = False  # the frame follows the content ("P, X said.")
    # who read the frame: "rules" (patterns or parse rules) or "model" (the trained
    # tagger, settled in `combine.py`), which also gives the spans it found
    by: str = "rules"
    spans: FrameSpans | None = None

    @property
    def source(self) -> str:
        return self.chain[-1]


Offsets = tuple[int, int]


@dataclass(frozen=True)
class FrameSpans:
    """Where the trained extractor found the frame: (start, end) into the clean text; a
    discontinuous span is given from its first to its last character."""

    source: Offsets | None
    cue: Offsets
    content: Offsets | None


