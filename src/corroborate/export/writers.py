"""Writers for exported rows: JSON Lines, CSV and (places) GeoJSON."""

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


GEO_COLUMNS = ("latitude", "longitude")


def write_geojson(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], out: TextIO) -> int:
    """A GeoJSON FeatureCollection (RFC 7946): one Point feature per row, its other columns
    as properties. Rows need `latitude` and `longitude` (places)."""
    if not set(GEO_COLUMNS) <= set(columns):
        raise ValueError("GeoJSON needs latitude and longitude: export places")
    out.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for row in rows:
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
            "properties": {k: v for k, v in row.items() if k not in GEO_COLUMNS},
        }
        out.write(("," if count else "") + "\n" + json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


Writer = Callable[[Iterable[dict[str, Any]], tuple[str, ...], TextIO], int]
WRITERS: dict[str, Writer] = {"jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson}
