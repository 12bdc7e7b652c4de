"""Writers for exported rows: JSON Lines and CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from typing import Any, TextIO

# A spreadsheet runs a cell that starts with one of these as a formula. Article text is
# untrusted, so such cells get a leading apostrophe (the OWASP CSV-injection advice).
# "-" is left alone: scraped sub-headings start with it and a lone minus cannot call a
# function without one of the other characters following.
_FORMULA_STARTS = ("=", "+", "@", "\t", "\r")


def write_jsonl(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], out: TextIO) -> int:
    """CSV with a header; list and object cells are JSON-encoded."""
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({name: _csv_cell(value) for name, value in row.items()})
        count += 1
    return count


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


Writer = Callable[[Iterable[dict[str, Any]], tuple[str, ...], TextIO], int]
WRITERS: dict[str, Writer] = {"jsonl": write_jsonl, "csv": write_csv}
