"""The offline map: Web Mercator positions, the frame around the places, optional tiles."""

from __future__ import annotations

import pytest

from corroborate.web.mapview import WORLD, map_view, project


def _place(name: str, lat: float, lon: float, claims: int = 1) -> dict[str, object]:
    return {"name": name, "latitude": lat, "longitude": lon, "claims": claims,
            "documents": [1], "country": None}


def test_mapview_project_corners_and_centre() -> None:
    assert project(0, 0) == pytest.approx((WORLD / 2, WORLD / 2))
    assert project(0, -180)[0] == pytest.approx(0)
    north, south = project(60, 0)[1], project(-60, 0)[1]
    assert north < WORLD / 2 < south and north == pytest.approx(WORLD - south)


def test_mapview_frame_holds_every_marker() -> None:
    view = map_view([_place("a", 33.5, 36.3), _place("b", 36.2, 37.2, claims=5)])
    x, y, width, height = map(float, view.view_box.split())
    for marker in view.markers:
        assert x < marker.x < x + width and y < marker.y < y + height
    assert view.markers[1].r > view.markers[0].r  # more claims, bigger marker
    assert view.grid and not view.tiles


def test_mapview_skips_places_without_coordinates() -> None:
    view = map_view([_place("a", 33.5, 36.3), {"name": "b", "latitude": None,
                                                "longitude": "x"}])
    assert [m.name for m in view.markers] == ["a"]


def test_mapview_tiles_from_template_cover_the_frame() -> None:
    view = map_view([_place("a", 33.5, 36.3)], "https://tiles.example/{z}/{x}/{y}.png")
    assert view.tiles and not view.grid
    assert all(t.href.startswith("https://tiles.example/") and "{" not in t.href
               for t in view.tiles)
    x, y, width, height = map(float, view.view_box.split())
    assert min(t.x for t in view.tiles) <= x and max(t.x + t.size for t in view.tiles) >= x + width
