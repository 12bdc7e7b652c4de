"""The gazetteer at run time: the packaged SQLite file (read-only) and, if present, the user's
own file of added GeoNames dumps (`corroborate gazetteer add`). Opening costs a connection,
not a load: lookups are indexed queries."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from corroborate.errors import CorroborateError
from corroborate.geo.build import SCALE, gazetteer_path
from corroborate.geo.names import name_key, skeleton
from corroborate.model import Place
from corroborate.settings import GAZETTEER

# Precision of a resolved place, as conflict-event datasets record it (ACLED's geo-precision
# 1-3, UCDP's where_prec): a point (a base, a crossing, a neighbourhood), a city or town, a
# region (governorate, district) or the whole country.
PRECISIONS = ("point", "city", "region", "country")
MEMO_SIZE = 50_000  # queries whose entries a Gazetteer keeps (the files are read-only to it)


def precision(feature_class: str, feature_code: str) -> str:
    if feature_code.startswith("PCL"):
        return "country"
    if feature_class == "A":
        return "region"
    if feature_class == "P" and feature_code != "PPLX":  # PPLX: a section of a city
        return "city"
    return "point"


_SELECT = (
    "SELECT p.id, p.name, p.feature_class, p.feature_code, p.country, "
    "coalesce(c.name, p.country), r.name, p.population, p.latitude, p.longitude "
    "FROM places p LEFT JOIN countries c ON c.code = p.country "
    "LEFT JOIN regions r ON r.code = p.country || '.' || p.admin1 "
)


class Gazetteer:
    """Lookups over one or more gazetteer files; a later file's entry replaces an earlier
    one's with the same id (a user's dump updates the packaged entry)."""

    def __init__(self, paths: Iterable[Path]) -> None:
        self.paths = [Path(p) for p in paths]
        self._conns = [_connect(path) for path in self.paths]
        # the entries of each query asked (place names recur from report to report: a query
        # and its Place objects per mention were a third of the places stage); bounded
        self._memo: dict[tuple[str, object], tuple[Place, ...]] = {}

    def lookup(self, name: str) -> list[Place]:
        """Entries one of whose names has the key of `name`."""
        return self._entries("JOIN names n ON n.id = p.id WHERE n.key = ?", name_key(name))

    def lookup_skeleton(self, name: str) -> list[Place]:
        """Entries whose consonant skeleton matches `name`'s (last resort; see names)."""
        bones = skeleton(name)
        if not bones:
            return []
        return self._entries("JOIN skeletons s ON s.id = p.id WHERE s.skeleton = ?", bones)

    def get(self, geonames_id: int) -> Place | None:
        found = self._entries("WHERE p.id = ?", geonames_id)
        return found[0] if found else None

    def size(self) -> dict[str, int]:
        return {
            "places": sum(
                c.execute("SELECT count(*) FROM places").fetchone()[0] for c in self._conns
            ),
            "names": sum(
                c.execute("SELECT count(*) FROM names").fetchone()[0] for c in self._conns
            ),
        }

    def _entries(self, where: str, value: object) -> list[Place]:
        key = (where, value)
        if key not in self._memo:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = tuple(self._query(where, value))
        return list(self._memo[key])

    def _query(self, where: str, value: object) -> list[Place]:
        found: dict[int, Place] = {}
        for conn in self._conns:
            for row in conn.execute(_SELECT + where, (value,)):
                entry = Place(*row[:8], row[8] / SCALE, row[9] / SCALE, precision(row[2], row[3]))
                found[entry.geonames_id] = entry
        return list(found.values())


def _connect(path: Path) -> sqlite3.Connection:
    if not path.exists():
        raise CorroborateError(f"{path}: no gazetteer file (build it: corroborate gazetteer build)")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        conn.execute("SELECT 1 FROM places LIMIT 1")
    except sqlite3.DatabaseError as err:
        raise CorroborateError(f"{path}: not a gazetteer file ({err})") from err
    return conn


def user_gazetteer_path() -> Path:
    return Path(str(GAZETTEER.value())).expanduser()


@cache
def default_gazetteer() -> Gazetteer:
    """The packaged gazetteer, then the user's additions if that file exists."""
    user = user_gazetteer_path()
    return Gazetteer([gazetteer_path(), *([user] if user.exists() else [])])
