"""Reading GeoNames dump files: the main table format (`allCountries.txt`, `SY.txt`,
`cities5000.txt`; plain, gzipped or zipped) and the admin-code and country files.

Format (https://download.geonames.org/export/dump/readme.txt): tab-separated, UTF-8, 19
columns: geonameid, name, asciiname, alternatenames (comma-separated), latitude, longitude,
feature class, feature code, country code, cc2, admin1, admin2, admin3, admin4, population,
elevation, dem, timezone, modification date.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from corroborate.errors import InputError

COLUMNS = 19


@dataclass(frozen=True)
class DumpRow:
    geonames_id: int
    name: str
    asciiname: str
    alternates: tuple[str, ...]
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    country: str
    admin1: str
    admin2: str
    population: int


@contextmanager
def open_text(path: Path) -> Iterator[TextIO]:
    """A dump as text, whether plain, .gz or a GeoNames .zip (its one .txt member)."""
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                yield handle
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                members = [n for n in archive.namelist() if n.endswith(".txt")]
                if not members:
                    raise InputError(str(path), "zip archive holds no .txt dump")
                with archive.open(members[0]) as raw:
                    yield io.TextIOWrapper(raw, encoding="utf-8")
        else:
            with path.open(encoding="utf-8") as handle:
                yield handle
    except (OSError, zipfile.BadZipFile, UnicodeDecodeError) as err:
        raise InputError(str(path), f"cannot read GeoNames dump ({err})") from err


def read_dump(path: Path) -> Iterator[DumpRow]:
    """Rows of a GeoNames main-format dump; a malformed line is an error naming it."""
    with open_text(path) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            yield _row(line.rstrip("\n").split("\t"), f"{path}, line {number}")


def _row(cells: list[str], where: str) -> DumpRow:
    if len(cells) != COLUMNS:
        raise InputError(where, f"expected {COLUMNS} tab-separated columns, found {len(cells)}")
    try:
        return DumpRow(
            geonames_id=int(cells[0]),
            name=cells[1],
            asciiname=cells[2],
            alternates=tuple(a for a in cells[3].split(",") if a),
            latitude=float(cells[4]),
            longitude=float(cells[5]),
            feature_class=cells[6],
            feature_code=cells[7],
            country=cells[8],
            admin1=cells[10],
            admin2=cells[11],
            population=int(cells[14] or 0),
        )
    except ValueError as err:
        raise InputError(where, f"not a GeoNames row ({err})") from err


def read_codes(path: Path) -> Iterator[tuple[str, str, str, int]]:
    """(code, name, asciiname, geonameid) rows of admin1CodesASCII / admin2Codes."""
    with open_text(path) as handle:
        for number, line in enumerate(handle, start=1):
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 4 or not cells[3].isdigit():
                raise InputError(f"{path}, line {number}", "expected code, name, ascii, id")
            yield cells[0], cells[1], cells[2], int(cells[3])


def read_countries(path: Path) -> Iterator[tuple[str, str, str, int, int]]:
    """(iso2, name, capital, population, geonameid) of countryInfo.txt."""
    with open_text(path) as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) > 16 and cells[16].isdigit():
                yield cells[0], cells[4], cells[5], int(cells[7] or 0), int(cells[16])
