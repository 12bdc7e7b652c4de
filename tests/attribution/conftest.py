"""A tiny invented PolNeAR-style folder: one article, two annotators (brat standoff)."""

from __future__ import annotations

from pathlib import Path

import pytest

# Invented text.
TEXT = (
    "The harbour master said the ferry would sail at noon.\n"
    "\u201cWe are ready,\u201d she added, \u201cand the sea is calm.\u201d\n"
)

# First annotator (sorted by name): two attributions, the second one with a content of two
# fragments; a span whose text runs over a line break continues on the next file line.
ANN_FIRST = """\
T1\tSource 0 18\tThe harbour master
T2\tCue 19 23\tsaid
T3\tContent 24 52\tthe ferry would sail at noon
T4\tAttribution 19 23\tsaid
E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3
T5\tSource 70 73\tshe
T6\tCue 74 79\tadded
T7\tContent 54 69;81 103\t\u201cWe are ready,\u201d \u201cand the sea is calm.\u201d
T8\tAttribution 74 79\tadded
E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5
T9\tDiscard 0 3\tThe
T10\tDiscuss 45 61\tat noon.
“We are
#1\tAnnotatorNotes T3\ta note
"""

# Second annotator: only the first attribution, with no source.
ANN_SECOND = """\
T1\tCue 19 23\tsaid
T2\tContent 24 52\tthe ferry would sail at noon
T3\tAttribution 19 23\tsaid
E1\tAttribution-no-source:T3 Cue:T1 Content:T2
"""


@pytest.fixture
def polnear_dir(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "harbour_2020-01-01_ferry.txt").write_text(TEXT, encoding="utf-8")
    attributions = tmp_path / "attributions"
    (attributions / "harbour_2020-01-01_ferry_a1b2.ann").write_text(ANN_FIRST, encoding="utf-8")
    (attributions / "harbour_2020-01-01_ferry_f9e8.ann").write_text(ANN_SECOND, encoding="utf-8")
    return tmp_path
