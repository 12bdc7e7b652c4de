"""The map of places, drawn as SVG on the server: works offline and without JavaScript.

Places come from `Store.places(limit=..., offset=...)` (geocoded places, issue 15) when the
store has them. Positions use the Web Mercator projection in "world units" (the whole world
is 256 x 256, as at tile zoom 0), so a tile server, when the user configures one
(`corroborate serve --map-tiles URL`, with {z}/{x}/{y}), lines up with the markers; without
one, a graticule every few degrees is drawn instead. Tiles are never fetched by the server:
the browser loads them from the URL given.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

WORLD = 256.0
MAX_LAT = 85.0511  # Web Mercator's limit
MARKERS = 2000  # places plotted at most (the list under the map pages through all)
MAX_TILES = 64
_MIN_SPAN = 2.0  # world units: about 3 degrees of longitude


@dataclass(frozen=True)
class Marker:
    name: str
    country: str | None
    latitude: float
    longitude: float
    claims: int
    documents: int
    x: float
    y: float
    r: float


@dataclass(frozen=True)
class Tile:
    href: str
    x: float
    y: float
    size: float


@dataclass(frozen=True)
class GridLine:
    x1: float
    y1: float
    x2: float
    y2: float
    label: str


@dataclass(frozen=True)
class MapView:
    view_box: str
    markers: list[Marker]
    tiles: list[Tile]
    grid: list[GridLine]
    stroke: float  # line width, in world units
    font: float  # label size, in world units


def field(row: Any, name: str, default: Any = None) -> Any:
    """A place row's field, whether the store returns objects or mappings."""
    if isinstance(row, dict):
        return row.get(name, default)
    return getattr(row, name, default)


def project(latitude: float, longitude: float) -> tuple[float, float]:
    lat = max(-MAX_LAT, min(MAX_LAT, latitude))
    x = (longitude + 180.0) / 360.0 * WORLD
    sin = math.sin(math.radians(lat))
    y = (0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)) * WORLD
    return x, y


def map_view(places: list[Any], tile_url: str | None = None) -> MapView:
    # A country is no point: the gazetteer places it at its capital, where its marker would
    # sit on the capital's. It stays in the page's table, off the map.
    located = [p for p in places if _number(field(p, "latitude")) is not None
               and _number(field(p, "longitude")) is not None
               and field(p, "precision") != "country"]
    points = [project(float(field(p, "latitude")), float(field(p, "longitude")))
              for p in located]
    x0, y0, x1, y1 = _bounds(points)
    span = x1 - x0
    most = max([int(field(p, "claims", 0) or 0) for p in located] or [1]) or 1
    markers = [
        Marker(str(field(p, "name", "")), field(p, "country"), float(field(p, "latitude")),
               float(field(p, "longitude")), int(field(p, "claims", 0) or 0),
               len(field(p, "documents", ()) or ()), x, y,
               span / 120 * (1 + 2 * math.sqrt(int(field(p, "claims", 0) or 0) / most)))
        for p, (x, y) in zip(located, points, strict=True)
    ]
    box = f"{x0:.4f} {y0:.4f} {x1 - x0:.4f} {y1 - y0:.4f}"
    tiles = _tiles(tile_url, x0, y0, x1, y1) if tile_url else []
    grid = [] if tiles else _graticule(x0, y0, x1, y1)
    return MapView(box, markers, tiles, grid, span / 600, span / 45)


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _bounds(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    if not points:
        return 0.0, 40.0, WORLD, WORLD - 40.0
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    span = max(max(xs) - min(xs), max(ys) - min(ys), _MIN_SPAN) * 1.25
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    width, height = span * 1.6, span  # a landscape frame
    return cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2


def _tiles(url: str, x0: float, y0: float, x1: float, y1: float) -> list[Tile]:
    zoom = max(0, min(12, math.ceil(math.log2(1024 / max(x1 - x0, 1e-6)))))
    while zoom > 0:
        size = WORLD / 2**zoom
        count = (math.floor(x1 / size) - math.floor(x0 / size) + 1) * (
            math.floor(y1 / size) - math.floor(y0 / size) + 1)
        if count <= MAX_TILES:
            break
        zoom -= 1
    size = WORLD / 2**zoom
    tiles = []
    for ty in range(max(0, math.floor(y0 / size)), min(2**zoom, math.floor(y1 / size) + 1)):
        for tx in range(math.floor(x0 / size), math.floor(x1 / size) + 1):
            wrapped = tx % 2**zoom
            href = url.replace("{z}", str(zoom)).replace("{x}", str(wrapped))
            tiles.append(Tile(href.replace("{y}", str(ty)), tx * size, ty * size, size))
    return tiles


def _graticule(x0: float, y0: float, x1: float, y1: float) -> list[GridLine]:
    degrees = (x1 - x0) / WORLD * 360
    step = next(s for s in (1, 2, 5, 10, 20, 30, 60) if degrees / s <= 12)
    lines = []
    for lon in range(-180, 181, step):
        x, _ = project(0, lon)
        if x0 <= x <= x1:
            lines.append(GridLine(x, y0, x, y1, f"{abs(lon)}°{'E' if lon >= 0 else 'W'}"))
    for lat in range(-80, 81, step):
        _, y = project(lat, 0)
        if y0 <= y <= y1:
            lines.append(GridLine(x0, y, x1, y, f"{abs(lat)}°{'N' if lat >= 0 else 'S'}"))
    return lines
