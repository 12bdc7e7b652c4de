"""Places and actors of the five real seed reports in ../shared/seeds, through the whole
pipeline (read at test time, never copied): every place GeoNames knows resolves, the
spellings the issue lists join, metonymy stays off the map."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.ingest import read_inputs
from corroborate.model import Report
from corroborate.pipeline import process_many
from tests.conftest import SEEDS

# (seed prefix, mention as written, GeoNames id; negative: the curated supplement)
RESOLVED = [
    ("000", "Homs", 169577),
    ("001", "Hmeimim", -1),
    ("001", "Hama", 170017),
    ("001", "Damascus", 170654),
    ("002", "Latakia", 173578),  # "Latakia province", "Latakia countryside": the governorate
    ("002", "Tartous", 163345),
    ("002", "Hemeymim", -1),
    ("003", "Al-Waer", -13),
    ("003", "al-Waer", -13),
    ("003", "Jarablus", 169179),
    ("004", "Slunfeh", 164052),
    ("004", "Damascus", 170654),
]
OFF_THE_MAP = [("001", "Kremlin"), ("004", "Kremlin")]


@pytest.fixture(scope="module")
def seeds() -> dict[str, Report]:
    raws = [r for r in read_inputs([str(SEEDS)]) if not isinstance(r, Exception)]
    return {Path(raw.path).name[:3]: report for raw, report in process_many(raws)}  # type: ignore[misc]


@pytest.mark.parametrize(("seed", "mention", "geonames_id"), RESOLVED)
def test_seeds_place_resolves(
    seeds: dict[str, Report], seed: str, mention: str, geonames_id: int
) -> None:
    found = {p.place.geonames_id for p in seeds[seed].places if p.text == mention and p.place}
    assert geonames_id in found


@pytest.mark.parametrize(("seed", "mention"), OFF_THE_MAP)
def test_seeds_metonymy_is_not_on_the_map(
    seeds: dict[str, Report], seed: str, mention: str
) -> None:
    assert all(p.place is None for p in seeds[seed].places if p.text == mention)
    assert any(a.text == mention and a.type == "ORG" for a in seeds[seed].actors)


def test_seeds_actors_join_across_reports(seeds: dict[str, Report]) -> None:
    def keys(name: str) -> set[str]:
        return {a.key for report in seeds.values() for a in report.actors if a.name == name}

    peskov = [a for seed in ("001", "004") for a in seeds[seed].actors if "Peskov" in a.text]
    assert len(peskov) == 2 and {a.name for a in peskov} == {"Dmitry Peskov"}
    assert {a.role for a in peskov} == {"Kremlin spokesman"}
    assert len(keys("Dmitry Peskov")) == 1
    assad = {
        a.text for report in seeds.values() for a in report.actors if a.name == "Bashar al-Assad"
    }
    assert {"Assad", "Bashar al-Assad"} <= assad
    mirror = {a.text for a in seeds["000"].actors if a.name == "Syria Mirror"}
    assert mirror == {"Syria Mirror", "Syrian Mirror"}
