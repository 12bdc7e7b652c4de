"""CSV exports, read so that one malformed row costs that row only.

`csv.reader` stops at the first malformed record, and an unterminated quote swallows every
line after it into one cell. We feed the reader physical lines ourselves: after a malformed
record we restart at the line after the one where that record began, so the rows below it
are still read (the quote that opened the bad record is the usual culprit).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from typing import Any

from corroborate.errors import InputError
from corroborate.ingest.names import one_line
from corroborate.model import RawReport

RecordReader = Callable[[str, str, int, Any], "RawReport | InputError"]


class _Lines:
    """The file's physical lines (ends kept, as csv wants them) with a movable position."""

    def __init__(self, text: str) -> None:
        # io.StringIO with newline="" splits on \n, \r and \r\n only, like csv itself; a
        # U+2028 inside a cell must not end a line.
        self.lines = list(io.StringIO(text, newline=""))
        self.position = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.position >= len(self.lines):
            raise StopIteration
        self.position += 1
        return self.lines[self.position - 1]


def csv_records(
    path: str, text: str, usable_columns: set[str], to_report: RecordReader
) -> Iterator[RawReport | InputError]:
    """One RawReport per row (via `to_report`), or an InputError per bad row."""
    # A cell may be as long as the file (whose size is already capped by max_file_bytes);
    # csv's default limit of 131,072 characters would refuse a long article's text.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    lines = _Lines(text)
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader, [])
    except csv.Error as err:
        yield InputError(path, f"malformed CSV header ({err})")
        return
    if not set(header) & usable_columns:
        columns = one_line(", ".join(header) or "none")
        yield InputError(path, f"CSV has no text or html column (columns: {columns})")
        return
    number = 0
    while True:
        start = lines.position
        try:
            cells = next(reader)
        except StopIteration:
            if number == 0:
                yield InputError(path, "CSV has a header but no rows")
            return
        except csv.Error as err:
            number += 1
            reason = f"malformed CSV ({err}; the row starts on line {start + 1})"
            yield InputError(f"{path}, row {number}", reason)
            lines.position = start + 1  # resynchronise on the next physical line
            continue
        if not cells:  # a blank line
            continue
        number += 1
        if len(cells) > len(header):
            yield InputError(f"{path}, row {number}", "more cells than header columns")
            continue
        yield to_report(path, "csv", number, dict(zip(header, cells, strict=False)))
