"""A small invented GeoNames extract (main-format rows, admin codes, countries) and a
gazetteer built from it, so that building and adding dumps are tested without the real
files."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from corroborate.geo.gazetteer import Gazetteer

COLUMNS = 19


def geonames_row(
    geonames_id: int,
    name: str,
    alternates: str,
    lat: float,
    lon: float,
    feature: str,
    country: str,
    admin1: str,
    population: int,
    admin2: str = "",
) -> str:
    cells = [""] * COLUMNS
    cells[0], cells[1], cells[2], cells[3] = str(geonames_id), name, name, alternates
    cells[4], cells[5] = str(lat), str(lon)
    cells[6], cells[7] = feature.split(".")
    cells[8], cells[10], cells[11], cells[14] = country, admin1, admin2, str(population)
    return "\t".join(cells) + "\n"


@pytest.fixture
def geonames_dir(tmp_path: Path) -> Path:
    """Two invented countries, each with a region and two towns."""
    folder = tmp_path / "geonames"
    folder.mkdir()
    rows = [
        geonames_row(9001, "Qarvan", "Karvan,Qarwan", 10.0, 20.0, "P.PPLC", "XA", "01", 90000),
        geonames_row(
            9002,
            "Tellmira",
            "Tal Mira,Tell Mira",
            10.5,
            20.5,
            "P.PPLA",
            "XA",
            "02",
            40000,
            admin2="0201",
        ),
        geonames_row(9003, "Tellmira", "", -5.0, 70.0, "P.PPL", "XB", "01", 8000),
        geonames_row(9004, "Osrun", "", -5.5, 70.5, "P.PPLC", "XB", "01", 120000),
    ]
    with gzip.open(folder / "cities5000.txt.gz", "wt", encoding="utf-8") as handle:
        handle.writelines(rows)
    (folder / "admin1CodesASCII.txt").write_text(
        "XA.01\tQarvan Governorate\tQarvan Governorate\t9101\n"
        "XA.02\tMira Province\tMira Province\t9102\n"
        "XB.01\tOsrun Region\tOsrun Region\t9103\n",
        encoding="utf-8",
    )
    with gzip.open(folder / "admin2Codes.txt.gz", "wt", encoding="utf-8") as handle:
        handle.write("XA.02.0201\tMira District\tMira District\t9201\n")
    info = ["#ISO\tISO3\tnum\tfips\tCountry\tCapital\tArea\tPopulation" + "\t" * 9 + "\n"]
    for code, name, capital, population, geonames_id in (
        ("XA", "Avaria", "Qarvan", 5000000, 8001),
        ("XB", "Bessia", "Osrun", 900000, 8002),
    ):
        cells = [code, code + "X", "0", code, name, capital, "1", str(population)] + [""] * 8
        info.append("\t".join(cells + [str(geonames_id)]) + "\n")
    (folder / "countryInfo.txt").write_text("".join(info), encoding="utf-8")
    return folder


@pytest.fixture
def curated(tmp_path: Path) -> Path:
    folder = tmp_path / "curated"
    folder.mkdir()
    (folder / "supplement.tsv").write_text(
        "# id name class code country admin1 lat lon aliases source\n"
        "-1\tQarvan Air Base\tS\tAIRB\tXA\tQarvan Governorate\t10.1\t20.1\t"
        "Qarvan airbase,Karvan base\thttps://example.org/qarvan-air-base\n",
        encoding="utf-8",
    )
    (folder / "aliases.tsv").write_text("8001\tAvarian Republic\n", encoding="utf-8")
    return folder


@pytest.fixture
def small_gazetteer(tmp_path: Path, geonames_dir: Path, curated: Path) -> Gazetteer:
    from corroborate.geo.build import build_gazetteer

    path = tmp_path / "gazetteer.sqlite"
    build_gazetteer(geonames_dir, path, cache=False, curated=curated)
    return Gazetteer([path])
