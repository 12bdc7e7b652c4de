"""The page being cleaned: its non-blank lines and the noise found so far, plus the passes
that look at more than one line (furniture with neighbours, zones, repetition)."""

from __future__ import annotations

from dataclasses import dataclass, field

from corroborate.clean.lines import (
    furniture_reason,
    is_body_paragraph,
    is_credit,
    is_sentence_like,
    normalise_whitespace,
)
from corroborate.clean.repetition import line_key, pull_quotes, repeated_lines

# The page's own metadata (headline, date, byline, outlet) sits in its first lines. 12
# non-blank lines covers a ticker, a masthead, a headline, a standfirst, a caption, a read
# time, a date and a byline (seeds 000-004 need at most 7).
HEAD_LINES = 12


@dataclass
class Page:
    lines: dict[int, str]  # 0-based line number -> whitespace-normalised non-blank line
    raw_lines: list[str]
    noise: dict[int, str] = field(default_factory=dict)

    @classmethod
    def from_text(cls, text: str) -> Page:
        raw_lines = text.splitlines()
        lines = {n: normalise_whitespace(line) for n, line in enumerate(raw_lines) if line.strip()}
        return cls(lines=lines, raw_lines=raw_lines)

    def kept(self) -> dict[int, str]:
        return {n: line for n, line in self.lines.items() if n not in self.noise}

    def head(self) -> list[int]:
        """Numbers of the first HEAD_LINES non-blank lines that are not noise yet."""
        return [n for n in sorted(self.lines)[:HEAD_LINES] if n not in self.noise]

    def mark(self, number: int, reason: str) -> None:
        self.noise.setdefault(number, reason)

    def body_paragraphs(self) -> list[int]:
        return [n for n, line in sorted(self.kept().items()) if is_body_paragraph(line)]


def mark_furniture(page: Page) -> None:
    """Per-line furniture, the line after a ticker heading, and a comment section's tail."""
    numbers = sorted(page.lines)
    for position, number in enumerate(numbers):
        reason = furniture_reason(page.raw_lines[number])
        if reason:
            page.mark(number, reason)
        if reason == "ticker" and position + 1 < len(numbers):
            follower = numbers[position + 1]
            if not page.lines[follower].endswith((".", "!", "?")):
                page.mark(follower, "ticker")
    _mark_comment_section(page, numbers)


def _mark_comment_section(page: Page, numbers: list[int]) -> None:
    """A comment heading in the lower half of the page starts the comment section: the form
    and readers' comments below it are not the report."""
    half = numbers[len(numbers) // 2] if numbers else 0
    starts = [n for n in numbers if n > half and page.noise.get(n) == "comments"]
    if starts:
        for number in numbers:
            if number > starts[0]:
                page.mark(number, "comments")


def mark_lines_equal_to(page: Page, text: str, reason: str, numbers: list[int]) -> None:
    key = line_key(text)
    for number in numbers:
        if key and line_key(page.lines[number]) == key:
            page.mark(number, reason)


def mark_repetition(page: Page) -> None:
    for number, reason in repeated_lines(page.kept()).items():
        page.mark(number, reason)
    for number, reason in pull_quotes(page.kept()).items():
        page.mark(number, reason)


def mark_zones(page: Page) -> None:
    """Above the first body paragraph and below the last one, a line that is not a sentence
    is page furniture (masthead, section name, author box, "Tags", "Read Next" lists).
    Inside the body, short lines (sub-headings, quoted one-liners) always stay."""
    paragraphs = page.body_paragraphs()
    if not paragraphs:
        return
    first, last = paragraphs[0], paragraphs[-1]
    for number, line in page.kept().items():
        if number < first and not is_sentence_like(line):
            page.mark(number, "header")
        elif number > last and not is_sentence_like(line) and not is_credit(line):
            page.mark(number, "footer")
