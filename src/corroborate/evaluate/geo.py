"""`corroborate eval geo`: place resolution against a gold file.

Gold format (JSON Lines, one place mention a line; documented in the README):
  {"report": "path/to/report.txt", "mention": "Latakia", "occurrence": 2,
   "geonames_id": 173578, "latitude": 35.53, "longitude": 35.79}
`report` is relative to the gold file's folder. `mention` is the name as written in the
report's clean text and `occurrence` (1-based, default 1) which of its occurrences is meant.
`geonames_id` is the expected GeoNames id (negative for the curated supplement); without it,
`latitude`/`longitude` give the expected point; with neither (null id) the mention must stay
off the map (metonymy, an actor's name). A mention scores `accuracy` when the resolved id is
the expected one (or, with coordinates only, lies within 5 km; or, for off-map mentions,
nothing is resolved), and `accuracy_25km` when the resolved point lies within 25 km of the
expected one (off-map mentions: as for accuracy).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corroborate.errors import InputError
from corroborate.geo import default_gazetteer
from corroborate.ingest import read_inputs
from corroborate.model import Place, Report
from corroborate.pipeline import process

EARTH_KM = 6371.0
NEAR_KM = 25.0
SAME_POINT_KM = 5.0


@dataclass(frozen=True)
class GoldPlace:
    report: Path
    mention: str
    occurrence: int
    geonames_id: int | None
    point: tuple[float, float] | None  # expected (latitude, longitude), if known
    where: str  # file and line, for messages


def read_gold(path: Path) -> list[GoldPlace]:
    gold = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}, line {number}"
        try:
            item = json.loads(line)
            gold.append(_gold_place(path.parent, item, where))
        except (ValueError, KeyError, TypeError) as err:
            raise InputError(where, f"not a gold place ({err})") from err
    return gold


def _gold_place(folder: Path, item: dict[str, Any], where: str) -> GoldPlace:
    geonames_id = item.get("geonames_id")
    point = None
    if item.get("latitude") is not None:
        point = (float(item["latitude"]), float(item["longitude"]))
    elif geonames_id is not None:
        entry = default_gazetteer().get(int(geonames_id))
        if entry is None:
            raise InputError(
                where,
                f"GeoNames id {geonames_id} is not in the gazetteer; give latitude and longitude",
            )
        point = (entry.latitude, entry.longitude)
    return GoldPlace(
        folder / item["report"],
        str(item["mention"]),
        int(item.get("occurrence", 1)),
        None if geonames_id is None else int(geonames_id),
        point,
        where,
    )


def evaluate_geo(gold_file: Path) -> dict[str, Any]:
    """accuracy, accuracy_25km and n over the gold file, and each miss."""
    gold = read_gold(gold_file)
    reports: dict[Path, Report] = {}
    exact = near = 0
    misses = []
    for item in gold:
        if item.report not in reports:
            reports[item.report] = _process_file(item.report)
        found = _resolved(reports[item.report], item)
        ok_exact, ok_near = _score(item, found)
        exact, near = exact + ok_exact, near + ok_near
        if not ok_exact:
            got = f"{found.name} ({found.geonames_id})" if found else "nothing"
            misses.append(f"{item.where}: {item.mention!r} -> {got}")
    n = len(gold)
    return {
        "accuracy": exact / n if n else 0.0,
        "accuracy_25km": near / n if n else 0.0,
        "n": n,
        "misses": misses,
    }


def _process_file(path: Path) -> Report:
    items = list(read_inputs([str(path)]))
    if len(items) != 1:
        raise InputError(str(path), "a gold report must be one report")
    if isinstance(items[0], InputError):
        raise items[0]
    return process(items[0])


def _resolved(report: Report, item: GoldPlace) -> Place | None:
    """The place resolved for the mention's span, if any."""
    start = -1
    for _ in range(item.occurrence):
        start = report.text.find(item.mention, start + 1)
        if start < 0:
            raise InputError(
                item.where,
                f"{item.mention!r} occurs fewer than {item.occurrence} times in {item.report}",
            )
    end = start + len(item.mention)
    for mention in report.places:
        if mention.start < end and start < mention.end and mention.place is not None:
            return mention.place
    return None


def _score(item: GoldPlace, found: Place | None) -> tuple[bool, bool]:
    if item.point is None:  # must stay off the map
        return found is None, found is None
    if found is None:
        return False, False
    distance = km(item.point, (found.latitude, found.longitude))
    exact = (
        found.geonames_id == item.geonames_id
        if item.geonames_id is not None
        else distance <= SAME_POINT_KM
    )
    return exact, distance <= NEAR_KM


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(math.sqrt(h))
