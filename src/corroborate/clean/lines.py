"""Line shape and page furniture: decide, line by line, what is not body text.

Everything here looks at ONE line (and, for tickers, its neighbour). Repetition is in
`repetition.py`; the top/bottom-of-page zones are applied in `clean/__init__.py`.
"""

from __future__ import annotations

import re

from corroborate.clean.lexicons import (
    credit_patterns,
    furniture_lines,
    furniture_phrases,
    share_words,
)

# A sentence ends with . ! ? or an ellipsis, possibly followed by closing quotes/brackets.
_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$|[\"”’»][.!?]?$")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# Columns of a nav row or a news ticker: runs of 3+ spaces, tabs or " | " separators.
_COLUMN_GAP = re.compile(r"\s{3,}|\t|\s\|\s")
_TICKER_HEADING = re.compile(
    r"(latest|breaking|top) (news|headlines)\s*:?|breaking\s*:|just in\s*:?", re.I
)

# Calibrated on the seeds and on general news layout: a body sentence almost always has
# 4+ words and terminal punctuation; a line of 15+ words is prose even when the scraper cut
# its punctuation (seed 001 paragraphs are cut mid-sentence).
MIN_SENTENCE_WORDS = 4
PROSE_WORDS = 15
# A "body paragraph" anchors the top/bottom zones: sentence-like and at least this long, so
# that a quoted one-liner or a caption-length line does not move the zone boundary.
MIN_PARAGRAPH_WORDS = 8
# A button row: at least 3 words, nearly all of them share/tool button words. 0.8 leaves
# room for an odd token ("yourData") while a sentence never reaches it.
MIN_SHARE_WORDS = 3
SHARE_WORD_SHARE = 0.8
# A nav row / ticker has at least this many columns separated by wide gaps.
MIN_COLUMNS = 3


def normalise_whitespace(line: str) -> str:
    """Strip the line and collapse runs of whitespace to one space."""
    return " ".join(line.split())


def words(line: str) -> list[str]:
    return _WORD.findall(line)


def is_sentence_like(line: str) -> bool:
    """True for prose: enough words and a sentence ending, or long enough to be prose anyway."""
    count = len(words(line))
    if count >= PROSE_WORDS:
        return True
    return count >= MIN_SENTENCE_WORDS and bool(_TERMINAL.search(line.strip()))


def is_body_paragraph(line: str) -> bool:
    return is_sentence_like(line) and len(words(line)) >= MIN_PARAGRAPH_WORDS


def is_credit(line: str) -> bool:
    """ "(Reporting by ...)", "Translated from Arabic by ...": provenance kept in the body."""
    return any(pattern.search(line) for pattern in credit_patterns())


def is_column_row(raw_line: str) -> bool:
    """A nav row or a ticker of concatenated headlines: several columns split by wide gaps."""
    columns = [part for part in _COLUMN_GAP.split(raw_line.strip()) if part.strip()]
    return len(columns) >= MIN_COLUMNS


def is_ticker_heading(line: str) -> bool:
    return bool(_TICKER_HEADING.fullmatch(line))


def is_share_row(line: str) -> bool:
    tokens = [token.lower() for token in words(line)]
    if len(tokens) < MIN_SHARE_WORDS:
        return False
    hits = sum(token in share_words() for token in tokens)
    return hits / len(tokens) >= SHARE_WORD_SHARE


def furniture_reason(raw_line: str) -> str | None:
    """The reason a line is page furniture, or None when it may be body text."""
    line = normalise_whitespace(raw_line)
    if not line:
        return None
    if is_ticker_heading(line):
        return "ticker"
    if is_column_row(raw_line):
        return "columns"
    for reason, pattern in furniture_lines():
        if pattern.fullmatch(line):
            return reason
    for reason, pattern in furniture_phrases():
        if pattern.search(line):
            return reason
    if is_share_row(line):
        return "share"
    return None
